package dev.snscollector.worker.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.fixtures.FixtureCase;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.fixtures.FixtureStore;
import dev.snscollector.fixtures.RequestKey;
import dev.snscollector.worker.Collection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Fixtures, a settable clock and record comparison for the Instagram route tests. */
final class InstagramTestSupport {
  static final Path FIXTURES =
      Path.of(System.getProperty("sns.project.dir", "..")).resolve("fixtures");
  static final FixtureStore STORE = FixtureStore.load(FIXTURES);

  /** When the fixtures were captured. */
  static final Instant CAPTURED = Instant.parse("2026-03-03T02:10:00Z");

  private InstagramTestSupport() {}

  static FixtureCase fixture(String pageType, String name) {
    return STORE
        .find(pageType, name)
        .orElseThrow(() -> new IllegalStateException("no fixture " + pageType + "/" + name));
  }

  /** The fixture's answer, as the origin would send it, with more response headers. */
  static FixtureOrigin.Response answer(FixtureCase c, Map<String, String> moreHeaders) {
    Map<String, String> headers = new HashMap<>(moreHeaders);
    String type = c.capture().header("content-type");
    headers.put("content-type", type == null ? FixtureOrigin.Response.JSON : type);
    return new FixtureOrigin.Response(c.capture().status(), headers, c.capture().body());
  }

  /**
   * The content fixture the origin would answer a request with (same key, else the only one with
   * the same loose key); error cases are never chosen, so shared URLs resolve to content.
   */
  static Optional<FixtureCase> contentFor(FixtureOrigin.Request request) {
    List<FixtureCase> content =
        STORE.all().stream().filter(c -> c.expectedOutcome() == null).toList();
    for (FixtureCase c : content) {
      if (key(c).equals(request.key())) {
        return Optional.of(c);
      }
    }
    List<FixtureCase> loose =
        content.stream().filter(c -> key(c).loose().equals(request.key().loose())).toList();
    return loose.size() == 1 ? Optional.of(loose.getFirst()) : Optional.empty();
  }

  private static RequestKey key(FixtureCase c) {
    return RequestKey.of(c.capture().method(), c.capture().url());
  }

  /**
   * Asserts that the records are the fixtures' expected records, in order, apart from what a job
   * sets itself: the observation time, the job id, and where the API was reached (the local origin
   * instead of graph.facebook.com).
   */
  static void assertSameRecords(
      Collection collection, String originBaseUrl, List<NormalizedRecord> expected) {
    assertThat(collection.records().stream().map(r -> comparable(r, originBaseUrl)).toList())
        .containsExactlyElementsOf(
            expected.stream().map(r -> comparable(r, originBaseUrl)).toList());
  }

  static JsonNode comparable(NormalizedRecord record, String originBaseUrl) {
    ObjectNode node =
        (ObjectNode) Json.MAPPER.readTree(Json.RECORD_WRITER.writeValueAsString(record));
    node.remove("observedAt");
    ObjectNode source = (ObjectNode) node.get("source");
    source.remove("jobId");
    source.put("url", source.get("url").asString().replace(originBaseUrl + "/", "https://"));
    return node;
  }

  /** Asserts that no capture of a collection carries the token in its URL or headers. */
  static void assertNoToken(Collection collection, String token) {
    for (Capture c : collection.captures()) {
      assertThat(c.url()).doesNotContain(token).doesNotContain("access_token");
      assertThat(c.headers().values()).noneSatisfy(v -> assertThat(v).contains(token));
    }
  }
}
