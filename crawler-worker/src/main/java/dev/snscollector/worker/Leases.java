package dev.snscollector.worker;

import dev.snscollector.worker.queue.QueuedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each running job's SQS visibility runs out, and which jobs the next heartbeat must extend.
 *
 * <p>A heartbeat round extends only the jobs whose lease could end before the round after it has
 * finished, soonest first, so a long round reaches the jobs at risk before the others. The lease it
 * gives adapts to how long rounds take: at least the queue's visibility timeout, and more when the
 * queue answers slowly (a round of 40 s on an overloaded queue would otherwise end leases while it
 * runs). A longer lease costs only a later redelivery if this worker dies.
 *
 * <p>Times are {@link System#nanoTime()} readings passed in by the caller.
 */
final class Leases {
  /** SQS's own bound is 12 hours; a worker that vanishes should not hide a job that long. */
  static final Duration MAX_LEASE = Duration.ofMinutes(15);

  /** How many of the latest rounds the pace is taken from. */
  static final int ROUNDS_REMEMBERED = 5;

  private final Map<String, Long> ends = new ConcurrentHashMap<>();
  private final long visibility;
  private final long period;

  /**
   * The lengths of the latest rounds (a ring, the newest at {@code next - 1}), starting as if every
   * one had taken a period: a queue's slowness comes in bursts, and a round sized on the last fast
   * one leaves out jobs that the next, slow one cannot reach in time. Rounds are planned and
   * reported from the heartbeat's one thread, so the ring needs no lock.
   */
  private final long[] rounds = new long[ROUNDS_REMEMBERED];

  private int next;

  Leases(Duration visibility, Duration period) {
    this.visibility = visibility.toNanos();
    this.period = period.toNanos();
    // Until rounds have been measured, assume each takes a period. With no figure at all the first
    // round would leave out jobs its successor, starting a period after it ends, cannot reach in
    // time if the first round itself is slow (4,000 jobs in flight, a queue answering a batch in a
    // second): those leases ran out during the second round. The price is early extensions.
    Arrays.fill(rounds, this.period);
  }

  /** A job just received with the queue's visibility timeout. */
  void received(QueuedMessage m, long now) {
    ends.put(m.receiptHandle(), now + visibility);
  }

  void finished(QueuedMessage m) {
    ends.remove(m.receiptHandle());
  }

  /**
   * The jobs of {@code running} whose lease ends before the next round could have extended them,
   * soonest first.
   */
  List<QueuedMessage> due(List<QueuedMessage> running, long now) {
    long horizon = now + 2 * period + 2 * pace();
    List<QueuedMessage> due = new ArrayList<>();
    for (QueuedMessage m : running) {
      // No lease: the job ended (or was never taken) since the snapshot; extending its message
      // would hide a deferred or released one again.
      Long end = ends.get(m.receiptHandle());
      if (end != null && end <= horizon) {
        due.add(m);
      }
    }
    due.sort(Comparator.comparingLong(m -> ends.getOrDefault(m.receiptHandle(), now)));
    return due;
  }

  /** The lease the next round gives: the visibility timeout, or longer when rounds are slow. */
  Duration lease() {
    long wanted = Math.max(visibility, 3 * period + 4 * pace());
    return Duration.ofNanos(Math.min(wanted, MAX_LEASE.toNanos())).withNanos(0);
  }

  /** A round that began at {@code start} gave {@code extended} jobs {@code lease}. */
  void extended(List<QueuedMessage> extended, Duration lease, long start, long end) {
    long until = start + lease.toNanos();
    for (QueuedMessage m : extended) {
      ends.computeIfPresent(m.receiptHandle(), (k, v) -> Math.max(v, until));
    }
    rounds[next] = end - start;
    next = (next + 1) % rounds.length;
  }

  /** How long a round is taken to last: the slowest of those remembered. */
  private long pace() {
    long slowest = 0;
    for (long round : rounds) {
      slowest = Math.max(slowest, round);
    }
    return slowest;
  }
}
