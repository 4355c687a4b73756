package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.capture.S3Layout;
import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** A job the platform cancelled (the API's S3 marker) is skipped: no fetch, no records. */
class CancelledJobTest {
  @Test
  void aCancelledJobIsSkippedAndReportedAndAnotherStillRuns() {
    AtomicInteger fetches = new AtomicInteger();
    try (WorkerTestStack stack =
        WorkerTestStack.start(
            Duration.ofSeconds(30),
            5,
            b ->
                b.interceptor(
                    r -> {
                      fetches.incrementAndGet();
                      return java.util.Optional.empty();
                    }))) {
      stack.s3.putObject(
          r -> r.bucket(stack.local.bucket()).key(S3Layout.cancelledKey("cancel-me")),
          RequestBody.empty());
      stack.startWorker(stack.workerEnvironment());
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
      assertThat(stack.keys("jobs/cancel-me/")).containsExactly("jobs/cancel-me/cancelled");

      stack.send(
          JobCodec.encode(
              JobMessage.of("run-me", Platform.YOUTUBE, JobKind.PROFILE, "@hanbit.kitchen")));
      assertThat(stack.awaitResults(1, Duration.ofSeconds(60)))
          .singleElement()
          .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.OK));
      assertThat(stack.settledCount(stack.local.jobsQueueUrl())).isZero();
    }
  }
}
