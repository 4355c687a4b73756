package dev.snscollector.worker.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * YouTube Data API quota units, counted per day and per project credential. The API resets quotas
 * at midnight Pacific time; each list call costs 1 unit (search costs 100). A call that would go
 * over the daily budget is not made: the route answers rate limited with the time to the reset.
 *
 * <p>The count is per worker process: with N workers sharing a project, give each a budget of
 * {@code projectQuota / N} (YOUTUBE_QUOTA_UNITS_PER_DAY), so the fleet together stays under it.
 */
public final class YoutubeQuota {
  /** The zone whose midnight resets YouTube quotas. */
  static final ZoneId RESET_ZONE = ZoneId.of("America/Los_Angeles");

  private final long unitsPerDay;
  private final Clock clock;
  private final Map<String, Day> days = new ConcurrentHashMap<>();

  public YoutubeQuota(long unitsPerDay, Clock clock) {
    if (unitsPerDay <= 0) {
      throw new IllegalArgumentException("YouTube quota units per day must be positive");
    }
    this.unitsPerDay = unitsPerDay;
    this.clock = clock;
  }

  /**
   * Charges {@code units} to {@code credentialId} (a fingerprint, never the key itself).
   *
   * @return null when charged; otherwise the wait until the quota resets
   */
  public @Nullable Duration charge(String credentialId, int units) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, RESET_ZONE);
    Day day =
        days.compute(
            credentialId, (k, d) -> d == null || !d.date.equals(today) ? new Day(today) : d);
    long after = day.used.addAndGet(units);
    if (after <= unitsPerDay) {
      return null;
    }
    day.used.addAndGet(-units);
    Instant reset = today.plusDays(1).atStartOfDay(RESET_ZONE).toInstant();
    return Duration.between(now, reset);
  }

  /** Units used today by a credential. */
  public long used(String credentialId) {
    Day day = days.get(credentialId);
    LocalDate today = LocalDate.ofInstant(clock.instant(), RESET_ZONE);
    return day == null || !day.date.equals(today) ? 0 : day.used.get();
  }

  /** Marks a credential's quota spent for today, as the API said (quotaExceeded). */
  public void exhausted(String credentialId) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), RESET_ZONE);
    days.compute(credentialId, (k, d) -> d == null || !d.date.equals(today) ? new Day(today) : d)
        .used
        .set(unitsPerDay);
  }

  private static final class Day {
    final LocalDate date;
    final AtomicLong used = new AtomicLong();

    Day(LocalDate date) {
      this.date = date;
    }
  }
}
