package dev.snscollector.api.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the next page of a newest-first listing starts: the sort key (submitted at, job id) of the
 * last item returned. Opaque to callers (base64url); stable while jobs are added, because a new job
 * sorts before every cursor already handed out.
 */
public record PageCursor(Instant submittedAt, String jobId) {
  private static final String VERSION = "v1";

  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, submittedAt);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((VERSION + "|" + micros + "|" + jobId).getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor, or empty when {@code text} is not one this service handed out. */
  public static Optional<PageCursor> decode(String text) {
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 3);
      if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].isEmpty()) {
        return Optional.empty();
      }
      Instant at = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
      return Optional.of(new PageCursor(at, parts[2]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
