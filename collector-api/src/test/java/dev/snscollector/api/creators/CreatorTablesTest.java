package dev.snscollector.api.creators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.MetricRecord;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Route;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Athena tables in {@code deploy/athena/creator_tables.sql} declare exactly the keys of the
 * lines the partition writer produces, for every record type, and read each type's own prefix.
 */
class CreatorTablesTest {
  private static final Path SQL =
      Path.of(System.getProperty("sns.project.dir", ".."), "deploy/athena/creator_tables.sql");
  private static final Pattern TABLE =
      Pattern.compile(
          "CREATE EXTERNAL TABLE IF NOT EXISTS sns_collector\\.(\\w+) \\((.*?)\\n\\)\\s*PARTITIONED BY"
              + " \\(platform string, dt string\\)(.*?);",
          Pattern.DOTALL);

  @Test
  void eachTableDeclaresTheKeysOfItsRecordTypesLines() throws Exception {
    Map<String, List<String>> columns = new LinkedHashMap<>();
    Map<String, String> templates = new LinkedHashMap<>();
    Matcher m = TABLE.matcher(Files.readString(SQL));
    while (m.find()) {
      List<String> names = new ArrayList<>();
      for (String line : m.group(2).split("\n")) {
        if (!line.isBlank()) {
          names.add(line.strip().split(" ")[0].toLowerCase(Locale.ROOT));
        }
      }
      columns.put(m.group(1), names);
      templates.put(m.group(1), m.group(3));
    }
    Map<String, NormalizedRecord> samples =
        Map.of(
            "creator_profiles", profile(),
            "creator_posts", post(),
            "creator_comments", comment(),
            "creator_metrics", metric());
    assertThat(columns.keySet()).containsExactlyInAnyOrderElementsOf(samples.keySet());
    for (Map.Entry<String, NormalizedRecord> e : samples.entrySet()) {
      List<String> keys = new ArrayList<>();
      Json.MAPPER
          .readTree(new CreatorPartitions.Line(e.getValue(), "creator-1", "job-1").json())
          .propertyNames()
          .forEach(k -> keys.add(k.toLowerCase(Locale.ROOT)));
      assertThat(columns.get(e.getKey())).as(e.getKey()).containsExactlyInAnyOrderElementsOf(keys);
      assertThat(templates.get(e.getKey()))
          .contains("/type=" + e.getValue().recordType() + "/dt=${dt}/");
    }
  }

  private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
  private static final RecordSource SOURCE =
      new RecordSource(Route.API, "https://example.invalid/x", "test.page", 1, "job-1");

  private static ProfileRecord profile() {
    return new ProfileRecord(
        Platform.YOUTUBE,
        "UC1",
        "h",
        "d",
        "b",
        "a",
        1L,
        2L,
        3L,
        4L,
        5L,
        true,
        List.of("l"),
        AT,
        List.of(),
        Map.of(),
        AT,
        SOURCE);
  }

  private static PostRecord post() {
    return new PostRecord(
        Platform.YOUTUBE,
        "v1",
        "UC1",
        "u",
        "video",
        "t",
        "c",
        "x",
        AT,
        1L,
        2L,
        3L,
        4L,
        5L,
        6L,
        List.of(new PostRecord.Media("image", "u", 1, 2)),
        List.of("h"),
        List.of("m"),
        List.of(),
        Map.of(),
        AT,
        SOURCE);
  }

  private static CommentRecord comment() {
    return new CommentRecord(
        Platform.YOUTUBE,
        "c1",
        "v1",
        "a",
        "n",
        "t",
        AT,
        1L,
        2L,
        "p",
        List.of(),
        Map.of(),
        AT,
        SOURCE);
  }

  private static MetricRecord metric() {
    return new MetricRecord(
        Platform.YOUTUBE,
        "UC1",
        MetricRecord.ACCOUNT,
        "views",
        "day",
        LocalDate.of(2026, 12, 1),
        LocalDate.of(2026, 12, 1),
        BigDecimal.ONE,
        Map.of("k", "v"),
        List.of(),
        Map.of(),
        AT,
        SOURCE);
  }
}
