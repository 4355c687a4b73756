package dev.snscollector.worker.budget;

import java.time.Instant;

/**
 * Counters the whole fleet shares (Redis in production, {@link RedisCounters}): a budget is spent
 * by every worker against one count, so 50 workers spend one quota, not 50 shares of it. Each
 * operation is atomic on the store.
 */
public interface SharedCounters extends AutoCloseable {
  /**
   * Adds {@code units} to {@code key} if the total stays at most {@code limit}; the key expires at
   * {@code expireAt} (the end of the budget's period).
   *
   * @return whether the units were added
   * @throws Unavailable when the store did not answer in time
   */
  boolean tryAdd(String key, long units, long limit, Instant expireAt);

  /** Raises {@code key} to at least {@code value} (a platform said the budget is spent). */
  void raiseTo(String key, long value, Instant expireAt);

  /** The count under {@code key}, 0 when there is none. */
  long get(String key);

  @Override
  void close();

  /** The store did not answer: the caller falls back to what it can count alone. */
  final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
