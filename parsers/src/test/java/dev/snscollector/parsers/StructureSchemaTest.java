package dev.snscollector.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.DriftReport.PathFailure;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.Platform;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StructureSchemaTest {
  private static final PageType VIDEOS = new PageType("youtube.api.videos", Platform.YOUTUBE, 1);
  private static final StructureSchema SCHEMA = StructureSchema.load(VIDEOS);
  private static final String URL = "https://www.googleapis.com/youtube/v3/videos?id=aaaaaaaaaaa";

  private static String video(String id, String snippet, String statistics) {
    return TestCaptures.fill(
        """
        {"kind": "youtube#video", "id": "%s", "snippet": %s, "statistics": %s}""",
        id, snippet, statistics);
  }

  private static JsonNode doc(String... items) {
    return Json.MAPPER.readTree(
        "{\"kind\": \"youtube#videoListResponse\", \"items\": [" + String.join(",", items) + "]}");
  }

  // Every value the schema requires of a video (its value contract): see youtube.api.videos.
  private static final String GOOD_SNIPPET =
      "{\"title\": \"a\", \"description\": \"\", \"publishedAt\": \"2025-01-02T03:04:05Z\","
          + " \"channelId\": \"UCaaaaaaaaaaaaaaaaaaaaaa\", \"thumbnails\": {}}";
  private static final String STATS = "{\"viewCount\": \"1\"}";

  @Test
  void aDocumentWithEveryReliedOnPathHasNoDrift() {
    assertThat(SCHEMA.check(doc(video("abcdefghijk", GOOD_SNIPPET, STATS)), URL)).isEmpty();
  }

  @Test
  void aRenamedFieldIsReportedMissingWithTheNewKeyAlongside() {
    String renamed = GOOD_SNIPPET.replace("\"title\"", "\"headline\"");
    DriftReport report = SCHEMA.check(doc(video("abcdefghijk", renamed, STATS)), URL).orElseThrow();

    assertThat(report.schemaId())
        .isEqualTo("https://snscollector.dev/structure/youtube.api.videos/v1");
    assertThat(report.schemaVersion()).isEqualTo(1);
    assertThat(report.url()).isEqualTo(URL);
    assertThat(report.failures())
        .containsExactly(
            new PathFailure(
                "/items/0/snippet/title",
                "required",
                "string",
                "missing",
                java.util.List.of("headline")));
  }

  @Test
  void aCountThatTurnedIntoANumberIsATypeFailureSayingWhatWasThere() {
    DriftReport report =
        SCHEMA
            .check(doc(video("abcdefghijk", GOOD_SNIPPET, "{\"viewCount\": 12}")), URL)
            .orElseThrow();

    PathFailure failure = report.failures().getFirst();
    assertThat(failure.path()).isEqualTo("/items/0/statistics/viewCount");
    assertThat(failure.keyword()).isEqualTo("type");
    assertThat(failure.expected()).isEqualTo("string matching ^[0-9]+$");
    assertThat(failure.found()).isEqualTo("number 12");
  }

  @Test
  void theSameFailureInEveryItemIsReportedOnceAtTheFirstItem() {
    String noTitle = GOOD_SNIPPET.replace("\"title\": \"a\", ", "");
    DriftReport report =
        SCHEMA
            .check(
                doc(
                    video("abcdefghijk", noTitle, STATS),
                    video("bbcdefghijk", noTitle, STATS),
                    video("cbcdefghijk", noTitle, STATS)),
                URL)
            .orElseThrow();

    assertThat(report.failures())
        .extracting(PathFailure::path)
        .containsExactly("/items/0/snippet/title");
  }

  @Test
  void anUnparseableTimestampIsAFormatFailure() {
    String snippet = GOOD_SNIPPET.replace("2025-01-02T03:04:05Z", "last tuesday");
    PathFailure failure =
        SCHEMA
            .check(doc(video("abcdefghijk", snippet, STATS)), URL)
            .orElseThrow()
            .failures()
            .getFirst();

    assertThat(failure.keyword()).isEqualTo("format");
    assertThat(failure.found()).isEqualTo("string \"last tuesday\"");
  }

  @Test
  void aDocumentOfAnotherKindFailsAtKindAndAnObjectIsDescribedByItsKeys() {
    JsonNode other =
        Json.MAPPER.readTree(
            "{\"kind\": \"youtube#channelListResponse\", \"items\": {\"a\": 1, \"b\": 2}}");
    DriftReport report = SCHEMA.check(other, URL).orElseThrow();

    assertThat(report.failures())
        .extracting(PathFailure::path, PathFailure::found)
        .contains(
            org.assertj.core.groups.Tuple.tuple("/kind", "string \"youtube#channelListResponse\""),
            org.assertj.core.groups.Tuple.tuple("/items", "object with keys [a,b]"));
  }

  @Test
  void aMissingSchemaOrAnIdWithoutTheVersionFailsAtLoad() {
    assertThatThrownBy(
            () -> StructureSchema.load(new PageType("youtube.api.videos", Platform.YOUTUBE, 2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("youtube.api.videos.v2.schema.json");
  }
}
