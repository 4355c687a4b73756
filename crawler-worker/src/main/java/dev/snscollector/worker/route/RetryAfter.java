package dev.snscollector.worker.route;

import dev.snscollector.capture.Capture;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Reads how long a response asked the client to wait (RFC 9110 Retry-After). */
public final class RetryAfter {
  private RetryAfter() {}

  /** The wait a capture's Retry-After header asks for: delay seconds or an HTTP date. */
  public static @Nullable Duration of(Capture capture, Instant now) {
    String value = capture.header("retry-after");
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
