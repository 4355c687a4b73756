package dev.snscollector.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One windowed figure from a platform's insights or analytics, as the platform reported it: a day's
 * reach of an Instagram account, a YouTube channel's views on one day, a video's minutes watched
 * over a window, one bucket of an audience breakdown. Standing totals (followers, a post's lifetime
 * likes) stay in profile and post records; these are what only the creator's token can see.
 *
 * @param platformId the account or content the figure is of
 * @param subject {@code account} or {@code post}
 * @param metric the platform's own metric name ({@code reach}, {@code estimatedMinutesWatched})
 * @param period the platform's period: {@code day} for a day's figure, {@code lifetime} for a
 *     standing breakdown (audience), {@code total} for a window's sum
 * @param startDate the first day the figure covers (the platform's reporting day), null when the
 *     platform gave no window (a lifetime figure)
 * @param endDate the last day the figure covers, inclusive; for a lifetime figure, the day it was
 *     read
 * @param value the number; null only with a reason in {@code unavailable}
 * @param breakdown the bucket of a breakdown by dimension name ({@code {"age": "18-24"}}); empty
 *     for the figure as a whole
 */
public record MetricRecord(
    Platform platform,
    String platformId,
    String subject,
    String metric,
    String period,
    @Nullable LocalDate startDate,
    LocalDate endDate,
    @Nullable BigDecimal value,
    Map<String, String> breakdown,
    List<String> approximate,
    Map<String, Unavailable> unavailable,
    Instant observedAt,
    RecordSource source)
    implements NormalizedRecord {
  public static final String ACCOUNT = "account";
  public static final String POST = "post";

  public MetricRecord {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(platformId, "platformId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(endDate, "endDate");
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(source, "source");
    if (!subject.equals(ACCOUNT) && !subject.equals(POST)) {
      throw new IllegalArgumentException("subject is account or post, not " + subject);
    }
    breakdown =
        breakdown == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new TreeMap<>(breakdown));
    approximate = approximate == null ? List.of() : List.copyOf(approximate);
    unavailable = Unavailability.copy(unavailable);
  }
}
