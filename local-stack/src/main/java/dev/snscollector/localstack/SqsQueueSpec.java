package dev.snscollector.localstack;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One queue for {@link EmbeddedSqs} to create.
 *
 * @param name queue name (letters, digits, {@code -} and {@code _}, at most 80 characters)
 * @param visibilityTimeout the queue's default visibility timeout, whole seconds from 0 to 12 h
 * @param deadLetterQueue name of another queue in the same spec list that receives messages
 *     received {@code maxReceiveCount} times without being deleted, or null for none
 * @param maxReceiveCount receives before a message moves to {@code deadLetterQueue} (1 to 1000);
 *     ignored without a dead-letter queue
 */
public record SqsQueueSpec(
    String name,
    Duration visibilityTimeout,
    @Nullable String deadLetterQueue,
    int maxReceiveCount) {

  /** SQS's own default visibility timeout. */
  public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);

  /** The receive count after which a message goes to the dead-letter queue, unless configured. */
  public static final int DEFAULT_MAX_RECEIVE_COUNT = 5;

  public SqsQueueSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
    if (!name.matches("[A-Za-z0-9_-]{1,80}")) {
      throw new IllegalArgumentException("invalid SQS queue name: " + name);
    }
    if (visibilityTimeout.isNegative()
        || visibilityTimeout.toNanosPart() != 0
        || visibilityTimeout.compareTo(Duration.ofHours(12)) > 0) {
      throw new IllegalArgumentException(
          "visibilityTimeout must be whole seconds in [0 s, 12 h]: " + visibilityTimeout);
    }
    if (deadLetterQueue != null) {
      if (deadLetterQueue.equals(name)) {
        throw new IllegalArgumentException("a queue cannot be its own dead-letter queue: " + name);
      }
      if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
        throw new IllegalArgumentException(
            "maxReceiveCount must be in [1, 1000]: " + maxReceiveCount);
      }
    }
  }

  /** A plain queue without a dead-letter queue. */
  public static SqsQueueSpec of(String name, Duration visibilityTimeout) {
    return new SqsQueueSpec(name, visibilityTimeout, null, DEFAULT_MAX_RECEIVE_COUNT);
  }

  /** This queue, redriving to {@code deadLetterQueue} after {@code maxReceiveCount} receives. */
  public SqsQueueSpec withDeadLetterQueue(String deadLetterQueue, int maxReceiveCount) {
    return new SqsQueueSpec(name, visibilityTimeout, deadLetterQueue, maxReceiveCount);
  }
}
