package dev.snscollector.worker.budget;

import dev.snscollector.worker.fetch.TransientFetchException;
import java.time.Duration;

/** Waits before a request a budget asked to slow. Tests substitute one that only records. */
@FunctionalInterface
public interface Pacer {
  void pause(Duration wait);

  /** Sleeps the calling (virtual) thread. */
  Pacer SLEEP =
      wait -> {
        try {
          Thread.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TransientFetchException("(pacing)", 0, "interrupted while pacing", e);
        }
      };
}
