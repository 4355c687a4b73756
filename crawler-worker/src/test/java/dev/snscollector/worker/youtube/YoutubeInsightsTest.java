package dev.snscollector.worker.youtube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.MetricRecord;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.tokens.KeyRing;
import dev.snscollector.contracts.tokens.TokenSealer;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.fixtures.FixtureStore;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.worker.Collection;
import dev.snscollector.worker.WorkerRuntime;
import dev.snscollector.worker.budget.YoutubeQuota;
import dev.snscollector.worker.fetch.HttpFetcher;
import dev.snscollector.worker.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An insights job on YouTube: the channel's days from YouTube Analytics, then its latest uploads'
 * figures over the same window, with the creator's token, against the fixture origin.
 */
class YoutubeInsightsTest {
  private static final Path FIXTURES =
      Path.of(System.getProperty("sns.project.dir", "..")).resolve("fixtures");
  private static final String CHANNEL = "UCBChB4IQJ0F0hdob7NmvSaA";
  private static final String TOKEN = "ya29.creator-analytics-token";

  /** A morning on the Pacific day 2026-03-02: the window is 2026-02-23 to 03-01. */
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

  private static final List<FixtureOrigin.Request> SEEN = new CopyOnWriteArrayList<>();
  private static FixtureOrigin origin;
  private static TokenSealer sealer;
  private static YoutubeApiCollector collector;

  @BeforeAll
  static void start() {
    origin =
        FixtureOrigin.builder(FIXTURES)
            .interceptor(
                r -> {
                  SEEN.add(r);
                  return Optional.empty();
                })
            .build()
            .start();
    HttpFetcher fetcher =
        new HttpFetcher(HttpFetcher.newClient(4), CLOCK, WorkerRuntime.MAX_BODY_BYTES);
    byte[] key = new byte[32];
    key[0] = 9;
    sealer = new TokenSealer(new KeyRing(Map.of("k1", key), "k1"));
    collector =
        new YoutubeApiCollector(
            new YoutubeDataApiClient(fetcher, origin.baseUrl() + "/www.googleapis.com/youtube/v3"),
            new YoutubeAnalyticsClient(
                fetcher, origin.baseUrl() + "/youtubeanalytics.googleapis.com/v2"),
            ParserRegistry.defaults(),
            new YoutubeCredential.ApiKey("app-key-not-for-analytics"),
            sealer,
            new YoutubeQuota(10_000, CLOCK),
            CLOCK);
  }

  @AfterAll
  static void stop() {
    origin.close();
  }

  @BeforeEach
  void reset() {
    SEEN.clear();
  }

  private static JobMessage insights(String channelId) {
    return new JobMessage(
        1,
        "yt-insights",
        Platform.YOUTUBE,
        JobKind.INSIGHTS,
        "@hanbit.kitchen",
        new JobMessage.Account(channelId, sealer.seal(TOKEN, Platform.YOUTUBE, channelId)),
        JobMessage.JobOptions.DEFAULTS,
        null,
        Map.of());
  }

  @Test
  void theChannelsDaysAndItsLatestUploadsFiguresAreMetricRecords() {
    Collection c = collector.collect(insights(CHANNEL));

    assertThat(c.outcome()).as(String.valueOf(c.detail())).isEqualTo(Outcome.OK);
    assertThat(c.records().stream().map(YoutubeInsightsTest::comparable).toList())
        .containsExactlyElementsOf(
            Stream.of("channel-by-day", "recent-videos")
                .flatMap(
                    k ->
                        FixtureStore.load(FIXTURES)
                            .find("youtube.analytics.reports", k)
                            .orElseThrow()
                            .expected()
                            .stream())
                .map(YoutubeInsightsTest::comparable)
                .toList());
    assertThat(c.records()).allSatisfy(r -> assertThat(r).isInstanceOf(MetricRecord.class));
    // Analytics with the creator's token, never the app's key; the Data API calls find the uploads
    assertThat(SEEN)
        .filteredOn(r -> r.host().equals("youtubeanalytics.googleapis.com"))
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.headers()).containsEntry("authorization", "Bearer " + TOKEN);
              assertThat(String.valueOf(r.rawQuery())).doesNotContain("key=");
            });
    assertThat(SEEN)
        .extracting(FixtureOrigin.Request::path)
        .containsExactly(
            "/v2/reports", "/youtube/v3/channels", "/youtube/v3/playlistItems", "/v2/reports");
    assertThat(c.captures()).allSatisfy(k -> assertThat(k.url()).doesNotContain(TOKEN));
  }

  @Test
  void aTokenWithoutTheAnalyticsScopeIsBlockedNotInvalid() {
    Collection c = collector.collect(insights("UCxspJgin1zvw-Xi8AmKU61K"));
    assertThat(c.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(c.detail()).contains("insufficientPermissions");
  }

  @Test
  void anInsightsJobWithoutTheCreatorsTokenIsNotServedWithTheAppsKey() {
    JobMessage keyOnly =
        JobMessage.of("yt-insights-key", Platform.YOUTUBE, JobKind.INSIGHTS, "@hanbit.kitchen");
    assertThat(collector.unavailableFor(keyOnly))
        .isEqualTo(YoutubeApiCollector.INSIGHTS_NEED_TOKEN);
  }

  private static JsonNode comparable(NormalizedRecord record) {
    ObjectNode node =
        (ObjectNode) Json.MAPPER.readTree(Json.RECORD_WRITER.writeValueAsString(record));
    node.remove("observedAt");
    ObjectNode source = (ObjectNode) node.get("source");
    source.remove("jobId");
    source.put("url", source.get("url").asString().replace(origin.baseUrl() + "/", "https://"));
    return node;
  }
}
