package dev.snscollector.api;

import dev.snscollector.api.db.DatabaseException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one unit of background work over and over on a virtual thread: again at once while it finds
 * work, after {@code idle} when it does not, sooner when {@linkplain #nudge() nudged}. A failing
 * pass is logged and retried after {@code idle}; the loop never dies of it. Stopping lets the
 * current pass finish.
 */
final class BackgroundLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

  private final String name;
  private final BooleanSupplier pass;
  private final Duration idle;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private volatile boolean running = true;
  private boolean nudged;
  private final Thread thread;

  BackgroundLoop(String name, Duration idle, BooleanSupplier pass) {
    this.name = name;
    this.idle = idle;
    this.pass = pass;
    this.thread = Thread.ofVirtual().name("api-" + name).start(this::run);
  }

  private void run() {
    while (running) {
      boolean worked = false;
      try {
        worked = pass.getAsBoolean();
      } catch (DatabaseException e) {
        log.warn("{}: {}", name, e.getMessage());
      } catch (RuntimeException e) {
        log.warn("{} failed; retrying in {} ms", name, idle.toMillis(), e);
      }
      if (!worked) {
        sleep();
      }
    }
  }

  private void sleep() {
    lock.lock();
    try {
      long remaining = idle.toNanos();
      while (!nudged && running && remaining > 0) {
        remaining = wake.awaitNanos(remaining);
      }
      nudged = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      lock.unlock();
    }
  }

  /** Runs the next pass now instead of after the idle wait. */
  void nudge() {
    lock.lock();
    try {
      nudged = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops after the current pass, waiting up to {@code grace} for it. */
  void stop(Duration grace) {
    running = false;
    nudge();
    try {
      if (!thread.join(grace)) {
        thread.interrupt();
        thread.join(Duration.ofSeconds(1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }
}
