package dev.snscollector.parsers.instagram;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.MetricRecord;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.QueryParams;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code GET /{ig-user-id}/insights} into {@link MetricRecord}s (subject {@code account}), in
 * both shapes the Graph API answers with.
 *
 * <ul>
 *   <li>Legacy and time series ({@code period=day}, {@code values[]}): one record per metric and
 *       entry. Meta reports by Pacific days and stamps each entry with the end of its period
 *       ({@code end_time} 07:00 UTC in summer is midnight in California), so the day is the Pacific
 *       date of the instant before {@code end_time}; {@code week} and {@code days_28} start 6 and
 *       27 days before it; {@code lifetime} has no start. An entry whose value is an object (the
 *       legacy {@code audience_*} maps) becomes one record per key, breakdown {@code {"bucket":
 *       key}}.
 *   <li>v18+ {@code metric_type=total_value}: the window is the request's {@code since} and {@code
 *       until} (Unix seconds), period {@code total}; lifetime metrics ({@code
 *       follower_demographics}) have period {@code lifetime}, ending the day they were read. The
 *       total is one record (when sent: breakdown-only metrics have none); each {@code
 *       breakdowns[].results[]} entry is another, its breakdown the {@code dimension_keys} paired
 *       with its {@code dimension_values}.
 * </ul>
 *
 * <p>Value contract: every {@code value} is an integer (or, legacy, an object of integers) by the
 * schema, so a record's value is never null. Drift at its path: an {@code end_time} that is not a
 * date-time; a breakdown result with another number of values than its keys; a {@code total_value}
 * without its {@code value} (only the audience metrics, {@link #BREAKDOWN_ONLY}, come without one)
 * or without the {@code breakdowns} the request asked for (its URL, or the answer's paging links,
 * name {@code breakdown}; the audience metrics always have them). The continuation carries {@code
 * igUserId}. Error bodies are classified by {@link InstagramGraphErrors} (a token without {@code
 * instagram_manage_insights} is refused there).
 */
public final class InstagramGraphUserInsightsParser extends InstagramGraphParser {
  public static final String PAGE_TYPE_ID = PageTypes.INSTAGRAM_GRAPH_USER_INSIGHTS;

  /** The time zone Meta's insights count days in. */
  static final ZoneId REPORTING_ZONE = ZoneId.of("America/Los_Angeles");

  /**
   * The metrics Meta sends as breakdowns alone, with no figure as a whole: the audiences by age,
   * gender, city or country.
   */
  static final Set<String> BREAKDOWN_ONLY =
      Set.of(
          "follower_demographics",
          "engaged_audience_demographics",
          "reached_audience_demographics");

  public InstagramGraphUserInsightsParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  ParseResult mapGraph(JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    JsonNode data = doc.path("data");
    String userId = InstagramGraphInsights.ownerId(data);
    List<String> missing = new ArrayList<>();
    List<NormalizedRecord> records = new ArrayList<>();
    if (userId != null) {
      Window window = Window.of(capture.url(), context.observedAt());
      boolean breakdownAsked = breakdownAsked(capture.url(), doc.path("paging"));
      for (int i = 0; i < data.size(); i++) {
        JsonNode metric = data.get(i);
        String at = "/data/" + i;
        JsonNode total = metric.path("total_value");
        String name = metric.path("name").asString();
        if (total.isObject() && !total.has("value") && !BREAKDOWN_ONLY.contains(name)) {
          missing.add(at + "/total_value/value");
        }
        if (total.isObject()
            && !total.has("breakdowns")
            && (breakdownAsked || BREAKDOWN_ONLY.contains(name))) {
          missing.add(at + "/total_value/breakdowns");
        }
        metric(metric, at, userId, window, context, source, records, missing);
      }
    }
    if (!missing.isEmpty()) {
      throw new InstagramGraphFields.Missing(
          missing,
          "what the figures need: an end_time, one dimension value per key, the total of a metric"
              + " that has one, the breakdowns the request asked for");
    }
    return new ParseResult.Parsed(
        records,
        userId == null
            ? Continuation.NONE
            : new Continuation(null, List.of(), Map.of("igUserId", userId)));
  }

  /**
   * Whether the request asked for breakdowns: its own URL, or the paging links the answer carries
   * (they repeat the request's parameters), name {@code breakdown}.
   */
  private static boolean breakdownAsked(String url, JsonNode paging) {
    if (QueryParams.of(url).containsKey("breakdown")) {
      return true;
    }
    for (String link : List.of("previous", "next")) {
      if (QueryParams.of(paging.path(link).asString("")).containsKey("breakdown")) {
        return true;
      }
    }
    return false;
  }

  private static void metric(
      JsonNode metric,
      String at,
      String userId,
      Window window,
      ParseContext context,
      RecordSource source,
      List<NormalizedRecord> out,
      List<String> missing) {
    String name = metric.path("name").asString();
    String period = metric.path("period").asString();
    JsonNode total = metric.path("total_value");
    if (total.isObject()) {
      boolean lifetime = period.equals("lifetime");
      LocalDate end = lifetime || window.end() == null ? window.readOn() : window.end();
      LocalDate start = lifetime ? null : window.start();
      String kind = lifetime ? "lifetime" : "total";
      if (total.has("value")) {
        // follower_demographics and other breakdown-only metrics send no figure as a whole
        out.add(
            record(userId, name, kind, start, end, total.path("value"), Map.of(), context, source));
      }
      JsonNode breakdowns = total.path("breakdowns");
      for (int b = 0; b < breakdowns.size(); b++) {
        JsonNode keys = breakdowns.get(b).path("dimension_keys");
        JsonNode results = breakdowns.get(b).path("results");
        for (int r = 0; r < results.size(); r++) {
          JsonNode values = results.get(r).path("dimension_values");
          if (values.size() != keys.size()) {
            missing.add(
                at + "/total_value/breakdowns/" + b + "/results/" + r + "/dimension_values");
            continue;
          }
          Map<String, String> breakdown = new LinkedHashMap<>();
          for (int k = 0; k < keys.size(); k++) {
            breakdown.put(keys.get(k).asString(), values.get(k).asString());
          }
          out.add(
              record(
                  userId,
                  name,
                  kind,
                  start,
                  end,
                  results.get(r).path("value"),
                  breakdown,
                  context,
                  source));
        }
      }
      return;
    }
    JsonNode values = metric.path("values");
    for (int v = 0; v < values.size(); v++) {
      JsonNode entry = values.get(v);
      LocalDate end = reportingDay(entry.path("end_time"));
      if (end == null) {
        if (entry.has("end_time") || !period.equals("lifetime")) {
          missing.add(at + "/values/" + v + "/end_time");
          continue;
        }
        end = window.readOn();
      }
      LocalDate start =
          switch (period) {
            case "day" -> end;
            case "week" -> end.minusDays(6);
            case "days_28" -> end.minusDays(27);
            default -> null;
          };
      JsonNode value = entry.path("value");
      if (value.isObject()) {
        for (Map.Entry<String, JsonNode> bucket : value.properties()) {
          out.add(
              record(
                  userId,
                  name,
                  period,
                  start,
                  end,
                  bucket.getValue(),
                  Map.of("bucket", bucket.getKey()),
                  context,
                  source));
        }
      } else {
        out.add(record(userId, name, period, start, end, value, Map.of(), context, source));
      }
    }
  }

  private static MetricRecord record(
      String userId,
      String name,
      String period,
      @Nullable LocalDate start,
      LocalDate end,
      JsonNode value,
      Map<String, String> breakdown,
      ParseContext context,
      RecordSource source) {
    BigDecimal number = value.isNumber() ? value.decimalValue() : null;
    return new MetricRecord(
        Platform.INSTAGRAM,
        userId,
        MetricRecord.ACCOUNT,
        name,
        period,
        start,
        end,
        number,
        breakdown,
        List.of(),
        Map.of(),
        context.observedAt(),
        source);
  }

  /**
   * True for an account metric with period {@code lifetime} (audiences, online followers): the
   * other lifetime insights are a post's.
   */
  static boolean accountLifetimeMetric(String name) {
    return BREAKDOWN_ONLY.contains(name)
        || name.startsWith("audience_")
        || name.equals("online_followers");
  }

  /** The Pacific day an entry ending at {@code endTime} counts, or null when it is not a time. */
  static @Nullable LocalDate reportingDay(JsonNode endTime) {
    if (!endTime.isString()) {
      return null;
    }
    try {
      OffsetDateTime end = OffsetDateTime.parse(endTime.stringValue(), END_TIME);
      return end.toInstant().minusSeconds(1).atZone(REPORTING_ZONE).toLocalDate();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Meta's {@code 2023-11-01T07:00:00+0000}, and the ISO form with a colon or Z. */
  private static final DateTimeFormatter END_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[XXX][XX][X]", java.util.Locale.ROOT);

  /**
   * The request's window: {@code since} and {@code until} in Unix seconds, as Pacific days ({@code
   * until} is exclusive); null ends when the request had none. {@code readOn} is the day the
   * document was read, for lifetime figures.
   */
  private record Window(@Nullable LocalDate start, @Nullable LocalDate end, LocalDate readOn) {
    static Window of(String url, Instant observedAt) {
      Map<String, String> query = QueryParams.of(url);
      Instant since = unix(query.get("since"));
      Instant until = unix(query.get("until"));
      return new Window(
          since == null ? null : since.atZone(REPORTING_ZONE).toLocalDate(),
          until == null ? null : until.minusSeconds(1).atZone(REPORTING_ZONE).toLocalDate(),
          observedAt.atZone(REPORTING_ZONE).toLocalDate());
    }

    private static @Nullable Instant unix(@Nullable String text) {
      if (text == null || text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
        return null;
      }
      return Instant.ofEpochSecond(Long.parseLong(text));
    }
  }
}
