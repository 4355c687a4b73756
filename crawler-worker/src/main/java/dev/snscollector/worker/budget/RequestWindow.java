package dev.snscollector.worker.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * At most {@code limit} requests per {@code window} per key, as the TikTok API limits each endpoint
 * (600 requests a minute per endpoint and app). {@link #reserve} takes a slot and says how long to
 * wait for it, unless the wait is longer than the caller will hold a job: then no slot is taken, so
 * a job that gives up never pushes the later ones further out.
 *
 * <p>With {@link SharedCounters} ({@code REDIS_URL}) the window is the fleet's: fixed windows of
 * {@code window} in Redis, counted by every worker (a burst may take up to twice the limit across a
 * window's edge). While the store does not answer, this worker keeps its own sliding window on
 * {@code degradedPercent} of the limit.
 */
public final class RequestWindow {
  private static final String KEY_PREFIX = "sns-collector:window:";

  private final int limit;
  private final int localLimit;
  private final Duration window;
  private final Clock clock;
  private final @Nullable FleetLink fleet;
  private final Map<String, Deque<Instant>> slots = new ConcurrentHashMap<>();

  public RequestWindow(int limit, Duration window, Clock clock) {
    this(limit, window, clock, null, 100);
  }

  /**
   * @param fleet the fleet's counters, or null for this worker's own window
   * @param degradedPercent the share of {@code limit} this worker uses alone while the store does
   *     not answer
   */
  public RequestWindow(
      int limit,
      Duration window,
      Clock clock,
      @Nullable SharedCounters fleet,
      int degradedPercent) {
    if (limit < 1) {
      throw new IllegalArgumentException("a request window needs a limit of at least 1");
    }
    this.limit = limit;
    this.window = window;
    this.clock = clock;
    this.localLimit = fleet == null ? limit : Math.max(1, limit * degradedPercent / 100);
    this.fleet =
        fleet == null
            ? null
            : new FleetLink(
                fleet,
                "request window",
                localLimit + " requests per " + window.toSeconds() + " s alone");
  }

  /**
   * Reserves the next slot for {@code key} when it opens within {@code maxWait}.
   *
   * @return how long to wait until the slot opens; more than {@code maxWait} means no slot was
   *     taken
   */
  public Duration reserve(String key, Duration maxWait) {
    FleetLink link = fleet;
    Duration shared = link == null ? null : link.call(c -> reserveShared(c, key, maxWait));
    return shared != null ? shared : reserveHere(key, maxWait);
  }

  /**
   * A slot in this fixed window of the fleet's, or in the first later one with room that opens
   * within {@code maxWait}; none: the wait for the first window out of reach.
   */
  private Duration reserveShared(SharedCounters shared, String key, Duration maxWait) {
    long now = clock.millis();
    long size = window.toMillis();
    for (long w = Math.floorDiv(now, size); ; w++) {
      long opens = w * size;
      Duration wait = Duration.ofMillis(Math.max(0, opens - now));
      if (wait.compareTo(maxWait) > 0) {
        return wait;
      }
      if (shared.tryAdd(
          KEY_PREFIX + key + ":" + w, 1, limit, Instant.ofEpochMilli(opens + 2 * size))) {
        return wait;
      }
    }
  }

  private Duration reserveHere(String key, Duration maxWait) {
    Deque<Instant> taken = slots.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (taken) {
      Instant now = clock.instant();
      while (!taken.isEmpty() && !taken.peekFirst().plus(window).isAfter(now)) {
        taken.pollFirst();
      }
      Instant slot = now;
      if (taken.size() >= localLimit) {
        // The slot opens when the request `localLimit` places back leaves the window.
        Instant[] inWindow = taken.toArray(Instant[]::new);
        slot = inWindow[inWindow.length - localLimit].plus(window);
      }
      Duration wait = slot.isAfter(now) ? Duration.between(now, slot) : Duration.ZERO;
      if (wait.compareTo(maxWait) <= 0) {
        taken.addLast(slot);
      }
      return wait;
    }
  }
}
