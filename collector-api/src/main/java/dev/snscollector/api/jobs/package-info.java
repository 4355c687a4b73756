/**
 * Jobs: submission (one or a batch, with idempotency keys), their state, listing, records and
 * cancellation; and the outbox that carries accepted jobs to the SQS jobs queue.
 */
@NullMarked
package dev.snscollector.api.jobs;

import org.jspecify.annotations.NullMarked;
