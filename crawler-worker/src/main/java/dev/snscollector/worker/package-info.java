/**
 * The worker: pulls jobs from SQS, fetches through the routes, parses, writes records and raw
 * captures to S3, publishes a result event, and only then deletes the message.
 */
@NullMarked
package dev.snscollector.worker;

import org.jspecify.annotations.NullMarked;
