/**
 * Embedded stand-ins that speak the real AWS protocols, for {@code ./collector demo}, {@code
 * ./collector local}, the tests and the benchmark: {@link dev.snscollector.localstack.EmbeddedSqs}
 * (ElasticMQ), {@link dev.snscollector.localstack.EmbeddedS3} (S3Proxy) and the {@link
 * dev.snscollector.localstack.LocalStack} facade that runs both. Local and test use only: no
 * durability, no real authentication, never in a production image.
 */
@NullMarked
package dev.snscollector.localstack;

import org.jspecify.annotations.NullMarked;
