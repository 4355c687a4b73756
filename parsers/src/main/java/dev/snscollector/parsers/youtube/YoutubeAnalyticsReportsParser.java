package dev.snscollector.parsers.youtube;

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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a YouTube Analytics API v2 {@code reports.query} result table into one {@link MetricRecord}
 * per row and metric column.
 *
 * <p>The request says what the table is of, so the mapper reads it from the capture's URL: {@code
 * ids=channel==<id>} names the channel, {@code startDate} and {@code endDate} the window (YouTube
 * reports by Pacific days). Dimensions make the records: {@code day} gives each row its own day
 * ({@code period: day}); {@code video} makes the row a post's figure (subject {@code post}, the
 * video id as platformId); any other dimension ({@code country}, {@code ageGroup}, {@code gender}…)
 * goes into {@code breakdown}. Without {@code day} a row covers the request's window ({@code
 * period: total}). A table without {@code rows} is a window without data: no records, not an error
 * (YouTube leaves {@code rows} out then).
 *
 * <p>Value contract: every cell is a string or a number (the schema); a row with fewer or more
 * cells than column headers, a METRIC cell that is not a number and a {@code day} that is not a
 * date are drift at the cell's path. Error bodies are Google's and are classified by {@link
 * YoutubeApiErrors}: a token without the analytics scope (403 {@code forbidden}) is blocked, an
 * expired one (401) token invalid.
 */
public final class YoutubeAnalyticsReportsParser extends YoutubeApiParser {
  public static final String PAGE_TYPE_ID = PageTypes.YOUTUBE_ANALYTICS_REPORTS;

  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  public YoutubeAnalyticsReportsParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  protected ParseResult map(
      JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    Map<String, String> query = QueryParams.of(capture.url());
    String ids = query.getOrDefault("ids", "");
    LocalDate start = date(query.get("startDate"));
    LocalDate end = date(query.get("endDate"));
    if (!ids.startsWith("channel==") || ids.length() <= "channel==".length()) {
      return YoutubeDrift.missing(
          schema(), capture.url(), "", "a request naming its channel (ids=channel==<id>)");
    }
    if (start == null || end == null) {
      return YoutubeDrift.missing(
          schema(), capture.url(), "", "a request with startDate and endDate (yyyy-MM-dd)");
    }
    String channelId = ids.substring("channel==".length());
    JsonNode headers = doc.path("columnHeaders");
    List<NormalizedRecord> records = new ArrayList<>();
    JsonNode rows = doc.path("rows");
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String at = "/rows/" + i;
      if (row.size() != headers.size()) {
        return YoutubeDrift.missing(
            schema(), capture.url(), at, "a row of " + headers.size() + " cells, one per column");
      }
      String subject = MetricRecord.ACCOUNT;
      String id = channelId;
      LocalDate day = null;
      Map<String, String> breakdown = new LinkedHashMap<>();
      for (int j = 0; j < headers.size(); j++) {
        JsonNode header = headers.get(j);
        if (!header.path("columnType").asString().equals("DIMENSION")) {
          continue;
        }
        String name = header.path("name").asString();
        String cell = row.get(j).isString() ? row.get(j).stringValue() : row.get(j).toString();
        switch (name) {
          case "day" -> {
            day = date(cell);
            if (day == null) {
              return YoutubeDrift.missing(
                  schema(), capture.url(), at + "/" + j, "a day yyyy-MM-dd");
            }
          }
          case "video" -> {
            subject = MetricRecord.POST;
            id = cell;
          }
          default -> breakdown.put(name, cell);
        }
      }
      for (int j = 0; j < headers.size(); j++) {
        JsonNode header = headers.get(j);
        if (!header.path("columnType").asString().equals("METRIC")) {
          continue;
        }
        JsonNode cell = row.get(j);
        if (!cell.isNumber()) {
          return YoutubeDrift.missing(
              schema(),
              capture.url(),
              at + "/" + j,
              "a number for metric " + header.path("name").asString());
        }
        records.add(
            new MetricRecord(
                Platform.YOUTUBE,
                id,
                subject,
                header.path("name").asString(),
                day == null ? "total" : "day",
                day == null ? start : day,
                day == null ? end : day,
                cell.decimalValue(),
                breakdown,
                List.of(),
                Map.of(),
                context.observedAt(),
                source));
      }
    }
    return new ParseResult.Parsed(records, Continuation.NONE);
  }

  private static @Nullable LocalDate date(@Nullable String text) {
    if (text == null || !DATE.matcher(text).matches()) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
