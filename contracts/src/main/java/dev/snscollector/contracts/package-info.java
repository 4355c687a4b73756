/**
 * The shared contracts: the job message a worker consumes, the result event it publishes and the
 * normalized records it writes. Each has a versioned JSON Schema under {@code /schemas}; {@link
 * dev.snscollector.contracts.JobCodec} rejects invalid input with violations that name the field.
 */
@NullMarked
package dev.snscollector.contracts;

import org.jspecify.annotations.NullMarked;
