package dev.snscollector.worker.fetch;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Admission control for response bodies, by bytes rather than by jobs: a worker may hold thousands
 * of jobs (each waiting on a slow origin), but only {@link #capacity()} bytes of bodies at once.
 * Before a request is sent, {@link #reserve} waits until a body of the expected size fits; once the
 * response's headers are in, the room is {@linkplain Reservation#resize resized} to the declared
 * length, and once the body is read it is settled to its real size. Waiting before the request, not
 * between headers and body, keeps waiting jobs off the network: no connection held open, no request
 * timeout running, nothing for the server to keep. The bytes stay held by the job until it ends
 * ({@link #release(Held)}): a job's bodies live until its captures are archived and its records
 * stored.
 *
 * <p>A job that already holds bytes (its second page, or its body once admitted) never waits: it
 * takes what it needs at once, so jobs cannot deadlock holding half their pages while waiting for
 * the rest; the budget can be exceeded by those bytes only. The expected size is a moving average
 * of the bodies seen (at least 64 KiB, 1 MiB before the first), so admission follows what the sites
 * really send.
 *
 * <p>The job's holding travels with the job's thread as a {@link ScopedValue} ({@link #JOB}); a
 * fetch outside a job (tools, tests) is admitted and released at once. Thread-safe.
 */
public final class BodyBudget {
  /** The bytes the running job holds; bound by the job handler around each job. */
  public static final ScopedValue<Held> JOB = ScopedValue.newInstance();

  private static final long MIN_ESTIMATE = 64 * 1024;

  /**
   * The expected size before any body was seen: high, so that thousands of jobs starting at once
   * admit too few rather than too many; the average follows the real sizes within a few dozen.
   */
  private static final long INITIAL_ESTIMATE = 1 << 20;

  private final long capacity;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final Condition freed = lock.newCondition();
  private long inUse;
  private final AtomicLong estimate = new AtomicLong(INITIAL_ESTIMATE);
  private final LongAdder waits = new LongAdder();

  private BodyBudget(long capacity) {
    this.capacity = capacity;
  }

  /** A budget of {@code bytes}; at least 1 MiB. */
  public static BodyBudget of(long bytes) {
    return new BodyBudget(Math.max(bytes, 1 << 20));
  }

  /** No limit: every reservation is admitted at once (tools, tests). */
  public static BodyBudget unlimited() {
    return new BodyBudget(Long.MAX_VALUE / 4);
  }

  /** A quarter of the maximum heap: the default for a worker. */
  public static BodyBudget quarterOfHeap() {
    return of(Runtime.getRuntime().maxMemory() / 4);
  }

  public long capacity() {
    return capacity;
  }

  /** Bytes of bodies held now. */
  public long inUse() {
    lock.lock();
    try {
      return inUse;
    } finally {
      lock.unlock();
    }
  }

  /** Reservations that had to wait for room. */
  public long waits() {
    return waits.sum();
  }

  /** What one job holds; created per job and released when it ends. */
  public static final class Held {
    private long bytes;

    public synchronized long bytes() {
      return bytes;
    }

    synchronized long add(long delta) {
      bytes += delta;
      return bytes;
    }

    synchronized long takeAll() {
      long all = bytes;
      bytes = 0;
      return all;
    }
  }

  /** Room for one body, taken before its request and settled to the body's real size. */
  public final class Reservation {
    private long bytes;
    private final boolean held;

    private Reservation(long bytes, boolean held) {
      this.bytes = bytes;
      this.held = held;
    }

    /**
     * The body was {@code actual} bytes: the reservation becomes that size. Outside a job the room
     * is given back at once.
     */
    public void settle(long actual) {
      long delta = actual - bytes;
      bytes = actual;
      adjust(delta);
      estimate.updateAndGet(e -> Math.max(MIN_ESTIMATE, (e * 7 + actual) / 8));
      if (!held) {
        give(bytes);
        bytes = 0;
      } else {
        JOB.get().add(delta);
      }
    }

    /**
     * The response declared {@code declared} bytes: the room becomes that size at once, without
     * waiting (the job was admitted; a body over the per-page cap is refused before this).
     */
    public void resize(long declared) {
      long delta = declared - bytes;
      bytes = declared;
      adjust(delta);
      if (held) {
        JOB.get().add(delta);
      }
    }

    /** The request failed: its room is given back. */
    public void cancel() {
      give(bytes);
      if (held) {
        JOB.get().add(-bytes);
      }
      bytes = 0;
    }
  }

  /**
   * Waits until a body of {@code declared} bytes fits (the expected size when it is negative: not
   * known yet) and takes that room. A job that holds bytes already is admitted at once.
   */
  public Reservation reserve(long declared) throws InterruptedException {
    long want = Math.min(declared >= 0 ? declared : estimate.get(), capacity);
    boolean inJob = JOB.isBound();
    boolean mustWait = !inJob || JOB.get().bytes() == 0;
    lock.lockInterruptibly();
    try {
      if (mustWait && inUse + want > capacity) {
        waits.increment();
        while (inUse + want > capacity) {
          freed.await(1, TimeUnit.SECONDS);
        }
      }
      inUse += want;
    } finally {
      lock.unlock();
    }
    if (inJob) {
      JOB.get().add(want);
    }
    return new Reservation(want, inJob);
  }

  /** Gives back everything {@code held} took: the job has ended. */
  public void release(Held held) {
    give(held.takeAll());
  }

  private void adjust(long delta) {
    lock.lock();
    try {
      inUse += delta;
      if (delta < 0) {
        freed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private void give(long bytes) {
    if (bytes != 0) {
      adjust(-bytes);
    }
  }
}
