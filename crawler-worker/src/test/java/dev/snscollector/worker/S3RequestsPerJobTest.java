package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.fixtures.FixtureTargets;
import dev.snscollector.worker.testing.RecordingS3Interceptor;
import dev.snscollector.worker.testing.RecordingS3Interceptor.Request;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The S3 requests a job costs, counted for real: every request the worker's S3 client sent to
 * S3Proxy, recorded by {@link RecordingS3Interceptor}. ADR 0007 prices them.
 */
class S3RequestsPerJobTest {
  @Test
  void aJobCostsOneHeadAndTwoPutsWhenOkAndOneHeadAndOnePutOtherwise() throws IOException {
    List<String> channels = FixtureTargets.youtubeChannels(WorkerTestStack.fixturesDir());
    try (WorkerTestStack stack = WorkerTestStack.start(Duration.ofSeconds(30), 5, b -> {})) {
      stack.startWorker(stack.workerEnvironment());
      RecordingS3Interceptor.clear();
      int ok = 20;
      for (int i = 0; i < ok; i++) {
        stack.send(
            JobCodec.encode(
                JobMessage.of(
                    "count-" + i,
                    Platform.YOUTUBE,
                    JobKind.PROFILE,
                    channels.get(i % channels.size()))));
      }
      stack.send(
          JobCodec.encode(
              JobMessage.of("count-missing", Platform.YOUTUBE, JobKind.PROFILE, "@nobody-123")));

      List<ResultEvent> events = stack.awaitResults(ok + 1, Duration.ofSeconds(90));
      List<Request> requests = RecordingS3Interceptor.requests();

      assertThat(events).filteredOn(e -> e.outcome() == Outcome.OK).hasSize(ok);
      Map<String, List<String>> byJob =
          requests.stream()
              .collect(
                  Collectors.groupingBy(
                      r -> r.key().split("/")[1],
                      Collectors.mapping(r -> r.operation() + " " + r.key(), Collectors.toList())));
      for (int i = 0; i < ok; i++) {
        String job = "count-" + i;
        assertThat(byJob.get(job))
            .as("requests of %s", job)
            .containsExactlyInAnyOrder(
                "HeadObject jobs/" + job + "/cancelled",
                "PutObject jobs/" + job + "/captures.zip",
                "PutObject jobs/" + job + "/records.jsonl.gz");
      }
      assertThat(byJob.get("count-missing"))
          .containsExactlyInAnyOrder(
              "HeadObject jobs/count-missing/cancelled",
              "PutObject jobs/count-missing/captures.zip");
      assertThat(requests).hasSize(3 * ok + 2);
    }
  }
}
