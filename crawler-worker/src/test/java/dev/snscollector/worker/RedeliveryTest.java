package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.fixtures.FixtureTargets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Retries through visibility (with the retries inside a job turned off), and the same job delivered
 * twice.
 */
class RedeliveryTest {

  @Test
  void anOriginThatFailsTwiceWith503ThenAnswersSucceedsOnTheThirdReceive() {
    AtomicInteger failures = new AtomicInteger();
    try (WorkerTestStack stack =
        WorkerTestStack.start(
            Duration.ofSeconds(30),
            5,
            b ->
                b.interceptor(
                    request ->
                        request.path().endsWith("/channels") && failures.getAndIncrement() < 2
                            ? Optional.of(
                                FixtureOrigin.Response.json(
                                    503, "{\"error\":{\"code\":503,\"message\":\"backendError\"}}"))
                            : Optional.empty()))) {
      Map<String, String> env = stack.workerEnvironment();
      env.put("FETCH_RETRIES", "0"); // each failure goes back through the queue
      stack.startWorker(env);
      String channel = FixtureTargets.youtubeChannels(WorkerTestStack.fixturesDir()).getFirst();
      stack.send(
          JobCodec.encode(JobMessage.of("flaky-1", Platform.YOUTUBE, JobKind.PROFILE, channel)));

      List<ResultEvent> events = stack.awaitResults(1, Duration.ofSeconds(60));

      assertThat(failures.get()).isEqualTo(3);
      assertThat(events)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.outcome()).isEqualTo(Outcome.OK);
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e.recordCount()).isEqualTo(1);
              });
      assertThat(stack.keys("jobs/flaky-1")).containsExactly("jobs/flaky-1.zip");
      assertThat(stack.records("flaky-1")).hasSize(1);
    }
  }

  @Test
  void theSameJobDeliveredTwiceLeavesOneRecordObject() {
    try (WorkerTestStack stack = WorkerTestStack.start(Duration.ofSeconds(30), 5, b -> {})) {
      String channel = FixtureTargets.youtubeChannels(WorkerTestStack.fixturesDir()).getFirst();
      String body =
          JobCodec.encode(JobMessage.of("twice-1", Platform.YOUTUBE, JobKind.POSTS, channel));
      stack.send(body);
      stack.send(body);
      stack.startWorker(stack.workerEnvironment());

      List<ResultEvent> events = stack.awaitResults(2, Duration.ofSeconds(60));

      assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e.jobId()).isEqualTo("twice-1"));
      assertThat(events).extracting(ResultEvent::outcome).containsOnly(Outcome.OK);
      assertThat(stack.keys("jobs/twice-1")).containsExactly("jobs/twice-1.zip");
    }
  }
}
