package dev.snscollector.localstack;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Polls until a value shows up or a deadline passes; never a bare sleep-and-assert. */
final class Eventually {
  private Eventually() {}

  static <T> Optional<T> poll(Duration deadline, Supplier<Optional<T>> attempt) {
    long end = System.nanoTime() + deadline.toNanos();
    do {
      Optional<T> value = attempt.get();
      if (value.isPresent()) {
        return value;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    } while (System.nanoTime() < end);
    return Optional.empty();
  }
}
