package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.capture.S3Layout;
import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.fixtures.CaptureArchives;
import dev.snscollector.fixtures.FixtureCase;
import dev.snscollector.fixtures.FixtureStore;
import dev.snscollector.fixtures.FixtureTargets;
import dev.snscollector.fixtures.Replay;
import dev.snscollector.parsers.ParserRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jobs in through real SQS, records out in real S3, against the fixture origin. */
class EndToEndTest {
  private static WorkerTestStack stack;

  @BeforeAll
  static void start() {
    stack = WorkerTestStack.start(Duration.ofSeconds(30), 5, b -> {});
    stack.startWorker(stack.workerEnvironment());
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void fiveHundredJobsGiveFiveHundredRecordObjectsAndFiveHundredEventsAndNothingElse()
      throws IOException {
    List<String> channels = FixtureTargets.youtubeChannels(WorkerTestStack.fixturesDir());
    assertThat(channels).hasSizeGreaterThanOrEqualTo(3);
    for (int i = 0; i < 500; i++) {
      JobKind kind = i % 2 == 0 ? JobKind.POSTS : JobKind.PROFILE;
      stack.send(
          JobCodec.encode(
              JobMessage.of(
                  "bulk-" + i, Platform.YOUTUBE, kind, channels.get(i % channels.size()))));
    }

    List<ResultEvent> events = stack.awaitResults(500, Duration.ofMinutes(3));

    assertThat(events).hasSize(500);
    assertThat(events).extracting(ResultEvent::outcome).containsOnly(Outcome.OK);
    assertThat(events.stream().map(ResultEvent::jobId).collect(Collectors.toSet())).hasSize(500);
    // One object per job, holding its captures and its records.
    assertThat(stack.keys("jobs/bulk-"))
        .hasSize(500)
        .allSatisfy(k -> assertThat(k).matches("jobs/bulk-[0-9]+\\.zip"));
    assertThat(stack.keys("")).allSatisfy(k -> assertThat(k).startsWith("jobs/"));
    assertThat(stack.drain(stack.local.resultsQueueUrl(), Duration.ofSeconds(2))).isEmpty();
    assertThat(stack.approximateMessages(stack.local.deadLetterQueueUrl())).isZero();
    assertThat(stack.settledCount(stack.local.jobsQueueUrl())).isZero();

    ResultEvent posts =
        events.stream()
            .filter(e -> e.kind() == JobKind.POSTS)
            .max(java.util.Comparator.comparingInt(ResultEvent::recordCount))
            .orElseThrow();
    String jobId = java.util.Objects.requireNonNull(posts.jobId());
    List<NormalizedRecord> written = stack.records(jobId);
    assertThat(posts.recordCount()).isGreaterThan(1);
    assertThat(written).hasSize(posts.recordCount());
    assertThat(posts.routes())
        .singleElement()
        .satisfies(r -> assertThat(r.fetches()).isGreaterThanOrEqualTo(3));
    String object = S3Layout.uri(stack.local.bucket(), S3Layout.jobKey(jobId));
    assertThat(posts.locations().records()).isEqualTo(object);
    assertThat(posts.locations().captures()).isEqualTo(object);
    // The records' range, read alone with one ranged GET as the API does, is the records' gzip.
    String range = java.util.Objects.requireNonNull(posts.locations().recordsRange());
    byte[] ranged =
        stack
            .s3
            .getObjectAsBytes(
                r -> r.bucket(stack.local.bucket()).key(S3Layout.jobKey(jobId)).range(range))
            .asByteArray();
    assertThat(WorkerTestStack.gunzipRecords(ranged))
        .extracting(NormalizedRecord::platformId)
        .containsExactlyElementsOf(written.stream().map(NormalizedRecord::platformId).toList());
    assertThat(written).allSatisfy(r -> assertThat(r.source().jobId()).isEqualTo(jobId));
    assertThat(written)
        .allSatisfy(r -> assertThat(r.source().url()).doesNotContain("test-key-never-stored"));
    assertThat(Set.copyOf(written.stream().map(r -> r.getClass().getSimpleName()).toList()))
        .containsExactlyInAnyOrder("ProfileRecord", "PostRecord");

    // The captures replay like fixtures and give the same records the worker wrote.
    byte[] zip =
        stack
            .s3
            .getObjectAsBytes(r -> r.bucket(stack.local.bucket()).key(S3Layout.jobKey(jobId)))
            .asByteArray();
    List<FixtureCase> replayed = CaptureArchives.read(object, zip);
    assertThat(replayed).hasSize(posts.routes().getFirst().fetches());
    assertThat(replayed.toString()).doesNotContain("test-key-never-stored");
    List<Replay.Result> results =
        replayed.stream().map(c -> Replay.replay(ParserRegistry.defaults(), c)).toList();
    assertThat(results).extracting(Replay.Result::status).containsOnly(Replay.Status.PARSED);
    assertThat(
            results.stream()
                .filter(r -> !r.pageType().equals("youtube.api.playlist_items"))
                .flatMap(r -> r.records().stream())
                .map(NormalizedRecord::platformId)
                .toList())
        .containsExactlyElementsOf(written.stream().map(NormalizedRecord::platformId).toList());
  }

  @Test
  void aCommentsJobPagesThroughCommentThreadsAndWritesEveryComment() throws IOException {
    FixtureStore fixtures = FixtureStore.load(WorkerTestStack.fixturesDir());
    List<NormalizedRecord> expected =
        fixtures.forPageType("youtube.api.comment_threads").stream()
            .filter(c -> c.capture().url().contains("videoId=Im9fQhUXIjd"))
            .flatMap(c -> c.expected().stream())
            .toList();
    assertThat(expected).hasSizeGreaterThan(3);
    stack.send(
        JobCodec.encode(
            JobMessage.of(
                    "comments-1",
                    Platform.YOUTUBE,
                    JobKind.COMMENTS,
                    "https://youtu.be/Im9fQhUXIjd")
                .withOptions(new JobMessage.JobOptions(6, null, List.of()))));

    List<ResultEvent> events = stack.awaitResults(1, Duration.ofSeconds(60));

    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.outcome()).isEqualTo(Outcome.OK);
              assertThat(e.routes().getFirst().fetches()).isEqualTo(2);
            });
    assertThat(stack.records("comments-1"))
        .extracting(NormalizedRecord::platformId)
        .containsExactlyElementsOf(expected.stream().map(NormalizedRecord::platformId).toList());
  }

  @Test
  void anUnknownChannelEndsAsNotFoundWithItsCaptureKept() {
    stack.send(
        JobCodec.encode(
            JobMessage.of("e2e-missing", Platform.YOUTUBE, JobKind.PROFILE, "@nobody-here-123")));

    List<ResultEvent> events = stack.awaitResults(1, Duration.ofSeconds(60));

    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.outcome()).isEqualTo(Outcome.NOT_FOUND);
              assertThat(e.status()).isEqualTo(ResultEvent.Status.SUCCEEDED);
              assertThat(e.recordCount()).isZero();
              assertThat(e.locations().records()).isNull();
              assertThat(e.locations().captures()).endsWith("jobs/e2e-missing.zip");
              assertThat(e.locations().recordsRange()).isNull();
            });
  }
}
