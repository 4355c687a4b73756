package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.fixtures.FixtureOrigin;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A platform that changed its response: reported by path, kept for replay, never retried. */
class DriftTest {
  /** A channels.list answer whose {@code snippet} was renamed, as a site change would. */
  private static final String CHANGED =
      """
      {"kind":"youtube#channelListResponse","pageInfo":{"totalResults":1,"resultsPerPage":5},
       "items":[{"kind":"youtube#channel","id":"UCdriftdriftdriftdrift00",
                 "channelSnippet":{"title":"Renamed"},
                 "statistics":{"viewCount":"1","subscriberCount":"2","videoCount":"3"}}]}
      """;

  @Test
  void aChangedResponseEndsAsStructureChangedWithThePathAndTheCaptureUnderTheDriftPrefix() {
    AtomicInteger requests = new AtomicInteger();
    try (WorkerTestStack stack =
        WorkerTestStack.start(
            Duration.ofSeconds(30),
            5,
            b ->
                b.interceptor(
                    r -> {
                      requests.incrementAndGet();
                      return Optional.of(FixtureOrigin.Response.json(200, CHANGED));
                    }))) {
      stack.startWorker(stack.workerEnvironment());
      stack.send(
          JobCodec.encode(
              JobMessage.of(
                  "drift-1", Platform.YOUTUBE, JobKind.PROFILE, "UCdriftdriftdriftdrift00")));

      List<ResultEvent> events = stack.awaitResults(1, Duration.ofSeconds(60));

      assertThat(events)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.outcome()).isEqualTo(Outcome.STRUCTURE_CHANGED);
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.drift()).isNotNull();
                assertThat(e.drift().schemaId()).endsWith("youtube.api.channels/v1");
                assertThat(e.drift().failures())
                    .anySatisfy(f -> assertThat(f.path()).isEqualTo("/items/0/snippet"))
                    .anySatisfy(f -> assertThat(f.newKeys()).contains("channelSnippet"));
                assertThat(e.recordCount()).isZero();
                assertThat(e.locations().records()).isNull();
                assertThat(e.locations().captures())
                    .endsWith("drift/youtube.api.channels/drift-1.zip");
                assertThat(e.locations().recordsRange()).isNull();
              });
      assertThat(stack.keys("")).containsExactly("drift/youtube.api.channels/drift-1.zip");
      assertThat(requests.get()).isEqualTo(1);
      assertThat(stack.settledCount(stack.local.jobsQueueUrl())).isZero();
    }
  }

  /**
   * Values, not containers: the same answer with only the subscriber count's key renamed. Before
   * value contracts this was an ok profile with followers null; now the job ends as drift naming
   * the value's path and no records object is written.
   */
  @Test
  void aRenamedValueEndsAsStructureChangedNamingThatValueAndWritesNoRecords() throws Exception {
    String renamed =
        java.nio.file.Files.readString(
                java.nio.file.Path.of(System.getProperty("sns.project.dir", ".."))
                    .resolve("fixtures/youtube/youtube.api.channels/bada-walk-by-id/body.json"))
            .replace("\"subscriberCount\"", "\"subscribers\"");
    try (WorkerTestStack stack =
        WorkerTestStack.start(
            Duration.ofSeconds(30),
            5,
            b -> b.interceptor(r -> Optional.of(FixtureOrigin.Response.json(200, renamed))))) {
      stack.startWorker(stack.workerEnvironment());
      stack.send(
          JobCodec.encode(
              JobMessage.of(
                  "drift-value", Platform.YOUTUBE, JobKind.PROFILE, "UCxspJgin1zvw-Xi8AmKU61K")));

      List<ResultEvent> events = stack.awaitResults(1, Duration.ofSeconds(60));

      assertThat(events)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.outcome()).isEqualTo(Outcome.STRUCTURE_CHANGED);
                assertThat(e.drift().failures())
                    .anySatisfy(
                        f -> assertThat(f.path()).isEqualTo("/items/0/statistics/subscriberCount"));
                assertThat(e.recordCount()).isZero();
                assertThat(e.locations().records()).isNull();
              });
      assertThat(stack.keys("")).containsExactly("drift/youtube.api.channels/drift-value.zip");
    }
  }
}
