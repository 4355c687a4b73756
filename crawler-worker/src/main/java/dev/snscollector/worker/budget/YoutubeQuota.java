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
 * <p>With {@link SharedCounters} ({@code REDIS_URL}) the whole fleet spends one count per project
 * and day, {@code YOUTUBE_QUOTA_UNITS_PER_DAY} being the project's quota. While the store does not
 * answer the worker keeps working, degraded: it counts alone against {@code degradedPercent} of the
 * day's quota, so a fleet cut off from Redis cannot overspend by much. Without a store the count is
 * this process's: give each of N workers {@code projectQuota / N}.
 */
public final class YoutubeQuota {
  /** The zone whose midnight resets YouTube quotas. */
  static final ZoneId RESET_ZONE = ZoneId.of("America/Los_Angeles");

  private static final String KEY_PREFIX = "sns-collector:youtube-quota:";

  private final long unitsPerDay;
  private final Clock clock;
  private final @Nullable FleetLink fleet;
  private final long degradedUnits;
  private final Map<String, Day> days = new ConcurrentHashMap<>();

  /** This process's own count, without a shared store. */
  public YoutubeQuota(long unitsPerDay, Clock clock) {
    this(unitsPerDay, clock, null, 100);
  }

  /**
   * @param fleet the fleet's counters, or null to count in this process
   * @param degradedPercent the share of the day's quota this worker may spend alone while the store
   *     does not answer
   */
  public YoutubeQuota(
      long unitsPerDay, Clock clock, @Nullable SharedCounters fleet, int degradedPercent) {
    if (unitsPerDay <= 0) {
      throw new IllegalArgumentException("YouTube quota units per day must be positive");
    }
    if (degradedPercent < 1 || degradedPercent > 100) {
      throw new IllegalArgumentException("the degraded share must be 1 to 100 percent");
    }
    this.unitsPerDay = unitsPerDay;
    this.clock = clock;
    this.degradedUnits =
        fleet == null ? unitsPerDay : Math.max(1, unitsPerDay * degradedPercent / 100);
    this.fleet =
        fleet == null
            ? null
            : new FleetLink(
                fleet, "YouTube quota", "counting alone against " + degradedUnits + " units a day");
  }

  /**
   * 1 while the fleet's store answers, 0 while this worker counts alone because it does not, -1
   * without a store.
   */
  public int sharedState() {
    FleetLink link = fleet;
    return link == null ? -1 : link.state();
  }

  /**
   * Charges {@code units} to {@code credentialId} (a fingerprint, never the key itself).
   *
   * @return null when charged; otherwise the wait until the quota resets
   */
  public @Nullable Duration charge(String credentialId, int units) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, RESET_ZONE);
    Instant reset = today.plusDays(1).atStartOfDay(RESET_ZONE).toInstant();
    FleetLink link = fleet;
    Boolean charged =
        link == null
            ? null
            : link.call(
                c ->
                    c.tryAdd(
                        key(credentialId, today),
                        units,
                        unitsPerDay,
                        reset.plus(Duration.ofDays(1))));
    if (charged != null) {
      return charged ? null : Duration.between(now, reset);
    }
    Day day =
        days.compute(
            credentialId, (k, d) -> d == null || !d.date.equals(today) ? new Day(today) : d);
    long after = day.used.addAndGet(units);
    if (after <= degradedUnits) {
      return null;
    }
    day.used.addAndGet(-units);
    return Duration.between(now, reset);
  }

  private static String key(String credentialId, LocalDate day) {
    return KEY_PREFIX + credentialId + ":" + day;
  }

  /** Units this process counted today for a credential alone (no store, or while it was down). */
  public long used(String credentialId) {
    Day day = days.get(credentialId);
    LocalDate today = LocalDate.ofInstant(clock.instant(), RESET_ZONE);
    return day == null || !day.date.equals(today) ? 0 : day.used.get();
  }

  /** Marks a credential's quota spent for today, as the API said (quotaExceeded). */
  public void exhausted(String credentialId) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), RESET_ZONE);
    FleetLink link = fleet;
    if (link != null) {
      Instant reset = today.plusDays(1).atStartOfDay(RESET_ZONE).toInstant();
      link.call(
          c -> {
            c.raiseTo(key(credentialId, today), unitsPerDay, reset.plus(Duration.ofDays(1)));
            return Boolean.TRUE;
          });
    }
    days.compute(credentialId, (k, d) -> d == null || !d.date.equals(today) ? new Day(today) : d)
        .used
        .set(Math.max(unitsPerDay, degradedUnits));
  }

  private static final class Day {
    final LocalDate date;
    final AtomicLong used = new AtomicLong();

    Day(LocalDate date) {
      this.date = date;
    }
  }
}
