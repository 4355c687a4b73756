package dev.snscollector.worker.budget;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Slows Graph API calls before Meta's rate limits bite. Every Graph response reports how much of
 * the app's hourly allowance is used ({@code X-App-Usage}) and, per business, of the Instagram
 * business use case ({@code X-Business-Use-Case-Usage}, with {@code
 * estimated_time_to_regain_access} in minutes once throttled). The highest percentage seen decides:
 *
 * <ul>
 *   <li>below {@code slowFrom}: calls go at once;
 *   <li>from {@code slowFrom} to 100 %: calls are spaced out across the whole worker, the spacing
 *       growing linearly to {@code maxSpacing} as usage nears the limit;
 *   <li>at 100 % or while Meta says access is to be regained: no call is made, the route answers
 *       rate limited with the time to wait.
 * </ul>
 *
 * Readings expire after the hour the percentages are computed over.
 */
public final class GraphUsageGovernor {
  private static final Duration READING_LIFETIME = Duration.ofHours(1);
  private static final Duration MIN_BLOCK = Duration.ofMinutes(5);

  private final int slowFrom;
  private final Duration maxSpacing;
  private final Clock clock;
  private final Map<String, Reading> readings = new ConcurrentHashMap<>();
  private final Object slotLock = new Object();
  private Instant lastCall = Instant.EPOCH;

  public GraphUsageGovernor(int slowFromPercent, Duration maxSpacing, Clock clock) {
    if (slowFromPercent < 1 || slowFromPercent > 99) {
      throw new IllegalArgumentException("Graph slow-down threshold must be 1..99 %");
    }
    this.slowFrom = slowFromPercent;
    this.maxSpacing = maxSpacing;
    this.clock = clock;
  }

  /** What the governor says about the next call. */
  public sealed interface Decision {}

  /** Call after pausing this long (zero: at once). */
  public record Go(Duration pause) implements Decision {}

  /** Do not call: the allowance is spent for this long. */
  public record Wait(Duration retryAfter, String reason) implements Decision {}

  /** Decides the next call for a business scope (the IG user the call is about; null: app only). */
  public Decision beforeCall(@Nullable String business) {
    Instant now = clock.instant();
    Wait spent = blocked(business);
    if (spent != null) {
      return spent;
    }
    int percent = percent(business, now);
    long spacingMillis =
        percent < slowFrom ? 0 : maxSpacing.toMillis() * (percent - slowFrom) / (100 - slowFrom);
    synchronized (slotLock) {
      // Each call goes at least `spacing` after the previous one, the first call after a high
      // reading included.
      Instant earliest = lastCall.plusMillis(spacingMillis);
      Instant slot = earliest.isAfter(now) ? earliest : now;
      lastCall = slot;
      return new Go(Duration.between(now, slot));
    }
  }

  /**
   * Whether the allowance is spent for a business scope, without reserving anything: the wait, or
   * null when calls may go.
   */
  public @Nullable Wait blocked(@Nullable String business) {
    Instant now = clock.instant();
    Reading app = current("app", now);
    Reading biz = business == null ? null : current("buc:" + business, now);
    for (Reading r : new Reading[] {app, biz}) {
      if (r != null && (r.percent >= 100 || r.regainAt.isAfter(now))) {
        Instant until = r.regainAt.isAfter(now) ? r.regainAt : r.seenAt.plus(MIN_BLOCK);
        Duration wait = until.isAfter(now) ? Duration.between(now, until) : MIN_BLOCK;
        return new Wait(wait, "Graph API usage at " + r.percent + "% of " + r.scope);
      }
    }
    return null;
  }

  private int percent(@Nullable String business, Instant now) {
    Reading app = current("app", now);
    Reading biz = business == null ? null : current("buc:" + business, now);
    return Math.max(app == null ? 0 : app.percent, biz == null ? 0 : biz.percent);
  }

  /** Reads the usage headers of a Graph response. */
  public void observe(Capture capture) {
    Instant now = capture.fetchedAt();
    String appUsage = capture.header("x-app-usage");
    if (appUsage != null) {
      JsonNode node = parse(appUsage);
      if (node != null) {
        record("app", "the app's hourly allowance", percentOf(node), Duration.ZERO, now);
      }
    }
    String bucUsage = capture.header("x-business-use-case-usage");
    if (bucUsage != null) {
      JsonNode node = parse(bucUsage);
      if (node != null && node.isObject()) {
        for (Map.Entry<String, JsonNode> business : node.properties()) {
          int percent = 0;
          long regainMinutes = 0;
          for (JsonNode entry : business.getValue()) {
            percent = Math.max(percent, percentOf(entry));
            regainMinutes =
                Math.max(regainMinutes, entry.path("estimated_time_to_regain_access").asLong(0));
          }
          record(
              "buc:" + business.getKey(),
              "business " + business.getKey(),
              percent,
              Duration.ofMinutes(regainMinutes),
              now);
        }
      }
    }
  }

  /** The highest usage percentage currently known, for metrics. */
  public int usagePercent() {
    Instant now = clock.instant();
    return readings.values().stream()
        .filter(r -> r.seenAt.plus(READING_LIFETIME).isAfter(now))
        .mapToInt(r -> r.percent)
        .max()
        .orElse(0);
  }

  private void record(String key, String scope, int percent, Duration regain, Instant at) {
    readings.put(key, new Reading(scope, percent, at, at.plus(regain)));
  }

  private @Nullable Reading current(String key, Instant now) {
    Reading r = readings.get(key);
    return r == null || r.seenAt.plus(READING_LIFETIME).isBefore(now) ? null : r;
  }

  private static int percentOf(JsonNode usage) {
    return Math.max(
        usage.path("call_count").asInt(0),
        Math.max(usage.path("total_time").asInt(0), usage.path("total_cputime").asInt(0)));
  }

  private static @Nullable JsonNode parse(String header) {
    try {
      return Json.MAPPER.readTree(header);
    } catch (JacksonException e) {
      return null; // an unreadable header tells us nothing; the next one may
    }
  }

  private record Reading(String scope, int percent, Instant seenAt, Instant regainAt) {}
}
