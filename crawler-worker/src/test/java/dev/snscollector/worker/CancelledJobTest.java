package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A job the platform cancelled (on the API's cancelled-jobs list) is skipped: no fetch, no object.
 * The list is read when the worker starts and polled while it runs.
 */
class CancelledJobTest {
  @Test
  void aCancelledJobIsSkippedAndReportedAndAnotherStillRuns() {
    AtomicInteger fetches = new AtomicInteger();
    try (WorkerTestStack stack = WorkerTestStack.startCounting(fetches)) {
      stack.cancelled("cancel-me");
      Map<String, String> env = new java.util.HashMap<>(stack.workerEnvironment());
      env.put("CANCELLATIONS_POLL_SECONDS", "1");
      WorkerRuntime worker = stack.startWorker(env);
      stack.send(
          JobCodec.encode(
              JobMessage.of("cancel-me", Platform.YOUTUBE, JobKind.PROFILE, "@hanbit.kitchen")));
      List<ResultEvent> first = stack.awaitResults(1, Duration.ofSeconds(60));
      assertThat(first)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.outcome()).isEqualTo(Outcome.CANCELLED);
                assertThat(e.recordCount()).isZero();
                assertThat(e.locations().captures()).isNull();
              });
      assertThat(fetches.get()).as("nothing was fetched for it").isZero();
      assertThat(stack.keys("jobs/")).isEmpty();

      // A cancel while the worker runs: it learns of it at its next poll of the list.
      stack.cancelled("cancel-me", "cancel-later");
      WorkerTestStack.await(
          "the worker read the new list",
          Duration.ofSeconds(30),
          () -> worker.registry().get("collector_cancelled_jobs_listed").gauge().value() == 2);
      stack.send(
          JobCodec.encode(
              JobMessage.of("cancel-later", Platform.YOUTUBE, JobKind.PROFILE, "@hanbit.kitchen")));
      assertThat(stack.awaitResults(1, Duration.ofSeconds(60)))
          .singleElement()
          .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.CANCELLED));
      assertThat(fetches.get()).isZero();

      stack.send(
          JobCodec.encode(
              JobMessage.of("run-me", Platform.YOUTUBE, JobKind.PROFILE, "@hanbit.kitchen")));
      assertThat(stack.awaitResults(1, Duration.ofSeconds(60)))
          .singleElement()
          .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.OK));
      assertThat(stack.keys("jobs/")).containsExactly("jobs/run-me.zip");
      assertThat(stack.settledCount(stack.local.jobsQueueUrl())).isZero();
    }
  }
}
