/**
 * The consumer of the workers' result events: job state, token status and webhooks, updated
 * idempotently whatever the order and number of deliveries.
 */
@NullMarked
package dev.snscollector.api.results;

import org.jspecify.annotations.NullMarked;
