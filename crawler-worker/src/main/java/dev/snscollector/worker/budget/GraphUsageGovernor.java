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
 *
 * <p>With {@link SharedCounters} ({@code REDIS_URL}) every reading is the fleet's too: its
 * percentage goes into a one-minute bucket per scope (the highest seen in it counts for that minute
 * and the next) and a time to regain access into a key per scope, so a worker that has not called
 * for a while, or never called for a business, knows what another one just heard. The app's usage
 * is Meta's count for every caller already; what sharing adds is the per-business usage and the
 * blocks. Shared values are read at most once a second per scope. The spacing between calls stays
 * each worker's. While Redis does not answer, a worker goes by its own readings.
 */
public final class GraphUsageGovernor {
  private static final Duration READING_LIFETIME = Duration.ofHours(1);
  private static final Duration MIN_BLOCK = Duration.ofMinutes(5);
  private static final long BUCKET_MILLIS = Duration.ofMinutes(1).toMillis();
  private static final long FLEET_READ_EVERY_MILLIS = 1_000;
  private static final String USAGE_KEY = "sns-collector:graph-usage:";
  private static final String REGAIN_KEY = "sns-collector:graph-regain:";

  private final int slowFrom;
  private final Duration maxSpacing;
  private final Clock clock;
  private final @Nullable FleetLink fleet;
  private final Map<String, Reading> readings = new ConcurrentHashMap<>();
  private final Map<String, FleetReading> fleetReadings = new ConcurrentHashMap<>();
  private final Object slotLock = new Object();
  private Instant lastCall = Instant.EPOCH;

  public GraphUsageGovernor(int slowFromPercent, Duration maxSpacing, Clock clock) {
    this(slowFromPercent, maxSpacing, clock, null);
  }

  /**
   * @param fleet the fleet's counters the readings are shared through, or null for this worker's
   *     own
   */
  public GraphUsageGovernor(
      int slowFromPercent, Duration maxSpacing, Clock clock, @Nullable SharedCounters fleet) {
    if (slowFromPercent < 1 || slowFromPercent > 99) {
      throw new IllegalArgumentException("Graph slow-down threshold must be 1..99 %");
    }
    this.slowFrom = slowFromPercent;
    this.maxSpacing = maxSpacing;
    this.clock = clock;
    this.fleet = fleet == null ? null : new FleetLink(fleet, "Graph usage", "own readings only");
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
    Reading reading = new Reading(scope, percent, at, at.plus(regain));
    readings.put(key, reading);
    FleetLink link = fleet;
    if (link != null) {
      long bucket = Math.floorDiv(at.toEpochMilli(), BUCKET_MILLIS);
      link.call(
          shared -> {
            shared.raiseTo(
                USAGE_KEY + key + ":" + bucket,
                percent,
                Instant.ofEpochMilli((bucket + 2) * BUCKET_MILLIS));
            if (reading.regainAt.isAfter(at)) {
              shared.raiseTo(REGAIN_KEY + key, reading.regainAt.toEpochMilli(), reading.regainAt);
            }
            return Boolean.TRUE;
          });
      fleetReadings.remove(key); // read again: this worker's reading is part of it now
    }
  }

  /** This worker's reading of a scope, raised to what the fleet knows of it. */
  private @Nullable Reading current(String key, Instant now) {
    Reading r = readings.get(key);
    Reading own = r == null || r.seenAt.plus(READING_LIFETIME).isBefore(now) ? null : r;
    FleetReading f = fleetReading(key, now);
    if (f == null || (f.percent == 0 && !f.regainAt.isAfter(now))) {
      return own;
    }
    if (own == null) {
      return new Reading(scopeOf(key), f.percent, now, f.regainAt);
    }
    return new Reading(
        own.scope,
        Math.max(own.percent, f.percent),
        own.seenAt,
        own.regainAt.isAfter(f.regainAt) ? own.regainAt : f.regainAt);
  }

  /** What the fleet knows of a scope now, read from the store at most once a second. */
  private @Nullable FleetReading fleetReading(String key, Instant now) {
    FleetLink link = fleet;
    if (link == null) {
      return null;
    }
    FleetReading cached = fleetReadings.get(key);
    if (cached != null && now.toEpochMilli() - cached.readAtMillis < FLEET_READ_EVERY_MILLIS) {
      return cached;
    }
    long bucket = Math.floorDiv(now.toEpochMilli(), BUCKET_MILLIS);
    FleetReading read =
        link.call(
            shared ->
                new FleetReading(
                    (int)
                        Math.max(
                            shared.get(USAGE_KEY + key + ":" + bucket),
                            shared.get(USAGE_KEY + key + ":" + (bucket - 1))),
                    Instant.ofEpochMilli(shared.get(REGAIN_KEY + key)),
                    now.toEpochMilli()));
    if (read != null) {
      fleetReadings.put(key, read);
    }
    return read;
  }

  private static String scopeOf(String key) {
    return key.startsWith("buc:") ? "business " + key.substring(4) : "the app's hourly allowance";
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

  private record FleetReading(int percent, Instant regainAt, long readAtMillis) {}
}
