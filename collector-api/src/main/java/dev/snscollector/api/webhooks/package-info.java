/**
 * Webhooks to the platform (job completed, token invalidated): written in the transaction that
 * caused them, delivered by a loop with signed requests and exponential backoff, kept as a log that
 * can be listed and replayed.
 */
@NullMarked
package dev.snscollector.api.webhooks;

import org.jspecify.annotations.NullMarked;
