package dev.snscollector.worker.route;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * The days an insights job asks for, in the platforms' reporting days (Pacific time for Meta and
 * YouTube alike): from the job's {@code since} (an incremental job's last collection) or {@link
 * #DEFAULT_DAYS} back, at most {@link #MAX_DAYS}, up to the end of yesterday, whose figures are the
 * last complete ones.
 *
 * @param since the start of the first day, inclusive
 * @param until the start of today, exclusive
 */
public record InsightWindow(Instant since, Instant until, LocalDate firstDay, LocalDate lastDay) {
  /** Reporting days of Instagram's and YouTube's insights. */
  public static final ZoneId REPORTING_ZONE = ZoneId.of("America/Los_Angeles");

  /** Days read when the job gives no {@code since}. */
  public static final int DEFAULT_DAYS = 7;

  /** The most days one request covers (Instagram's limit for daily series is 30). */
  public static final int MAX_DAYS = 30;

  public static InsightWindow of(@Nullable Instant jobSince, Instant now) {
    LocalDate today = now.atZone(REPORTING_ZONE).toLocalDate();
    LocalDate first = today.minusDays(DEFAULT_DAYS);
    if (jobSince != null) {
      first = jobSince.atZone(REPORTING_ZONE).toLocalDate();
    }
    if (first.isBefore(today.minusDays(MAX_DAYS))) {
      first = today.minusDays(MAX_DAYS);
    }
    if (!first.isBefore(today)) {
      first = today.minusDays(1);
    }
    return new InsightWindow(
        first.atStartOfDay(REPORTING_ZONE).toInstant(),
        today.atStartOfDay(REPORTING_ZONE).toInstant(),
        first,
        today.minusDays(1));
  }
}
