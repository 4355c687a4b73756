package dev.snscollector.worker.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} requests per {@code window} per key, as the TikTok API limits each endpoint
 * (600 requests a minute per endpoint and app). {@link #reserve} takes a slot and says how long to
 * wait for it, unless the wait is longer than the caller will hold a job: then no slot is taken, so
 * a job that gives up never pushes the later ones further out.
 */
public final class RequestWindow {
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> slots = new ConcurrentHashMap<>();

  public RequestWindow(int limit, Duration window, Clock clock) {
    if (limit < 1) {
      throw new IllegalArgumentException("a request window needs a limit of at least 1");
    }
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /**
   * Reserves the next slot for {@code key} when it opens within {@code maxWait}.
   *
   * @return how long to wait until the slot opens; more than {@code maxWait} means no slot was
   *     taken
   */
  public Duration reserve(String key, Duration maxWait) {
    Deque<Instant> taken = slots.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (taken) {
      Instant now = clock.instant();
      while (!taken.isEmpty() && !taken.peekFirst().plus(window).isAfter(now)) {
        taken.pollFirst();
      }
      Instant slot = now;
      if (taken.size() >= limit) {
        // The slot opens when the request `limit` places back leaves the window.
        Instant[] inWindow = taken.toArray(Instant[]::new);
        slot = inWindow[inWindow.length - limit].plus(window);
      }
      Duration wait = slot.isAfter(now) ? Duration.between(now, slot) : Duration.ZERO;
      if (wait.compareTo(maxWait) <= 0) {
        taken.addLast(slot);
      }
      return wait;
    }
  }
}
