package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.capture.S3Layout;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The S3 requests a job costs, counted for real: every request the worker's S3 client sent to
 * S3Proxy, recorded by {@link RecordingS3Interceptor}. ADR 0007 prices them. Before it, a job cost
 * a HEAD of its cancel marker and two PUTs (captures, records); this test asserted exactly that on
 * the commit that added it.
 */
class S3RequestsPerJobTest {
  @Test
  void aJobCostsOnePutAndCancellationsCostOnlyThePollOfOneList() throws IOException {
    List<String> channels = FixtureTargets.youtubeChannels(WorkerTestStack.fixturesDir());
    try (WorkerTestStack stack = WorkerTestStack.start(Duration.ofSeconds(30), 5, b -> {})) {
      stack.cancelled("count-cancelled");
      Map<String, String> env = new HashMap<>(stack.workerEnvironment());
      env.put("CANCELLATIONS_POLL_SECONDS", "1");
      stack.startWorker(env);
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
      stack.send(
          JobCodec.encode(
              JobMessage.of(
                  "count-cancelled", Platform.YOUTUBE, JobKind.PROFILE, channels.getFirst())));

      List<ResultEvent> events = stack.awaitResults(ok + 2, Duration.ofSeconds(90));
      // At least one poll of the list within the run, to see what it costs.
      WorkerTestStack.await(
          "a poll of each control object",
          Duration.ofSeconds(15),
          () ->
              RecordingS3Interceptor.requests().stream()
                      .anyMatch(r -> r.key().equals(S3Layout.cancelledJobsKey()))
                  && RecordingS3Interceptor.requests().stream()
                      .anyMatch(r -> r.key().equals(S3Layout.pausedScopesKey())));
      List<Request> requests = RecordingS3Interceptor.requests();

      assertThat(events).filteredOn(e -> e.outcome() == Outcome.OK).hasSize(ok);
      assertThat(events).filteredOn(e -> e.outcome() == Outcome.CANCELLED).hasSize(1);
      // The control objects (the cancelled-jobs list, the paused scopes) are polled per worker,
      // not per job.
      List<Request> jobRequests =
          requests.stream().filter(r -> !r.key().startsWith("control/")).toList();
      for (int i = 0; i < ok; i++) {
        String job = "count-" + i;
        assertThat(jobRequests)
            .filteredOn(r -> r.key().contains(job + "."))
            .as("requests of %s", job)
            .containsExactly(new Request("PutObject", "jobs/" + job + ".zip", 200));
      }
      assertThat(jobRequests)
          .filteredOn(r -> r.key().contains("count-missing"))
          .containsExactly(new Request("PutObject", "jobs/count-missing.zip", 200));
      assertThat(jobRequests)
          .as("one put per job that ran, nothing for the cancelled one")
          .hasSize(ok + 1);
      // The list did not change during the run: every poll was a conditional GET answered 304.
      assertThat(requests)
          .filteredOn(r -> r.key().equals(S3Layout.cancelledJobsKey()))
          .isNotEmpty()
          .containsOnly(new Request("GetObject", S3Layout.cancelledJobsKey(), 304));
      // Nothing was paused: no object, each poll a GET answered 404.
      assertThat(requests)
          .filteredOn(r -> r.key().startsWith("control/"))
          .filteredOn(r -> !r.key().equals(S3Layout.cancelledJobsKey()))
          .containsOnly(new Request("GetObject", S3Layout.pausedScopesKey(), 404));
    }
  }
}
