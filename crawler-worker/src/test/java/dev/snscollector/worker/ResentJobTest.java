package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * A job the API sent twice (its outbox replica died between the send and the commit) comes marked
 * {@link JobCodec#RESENT_ATTRIBUTE}: the worker runs it unless its result object exists, and a copy
 * without the mark is never checked against S3.
 */
class ResentJobTest {
  @Test
  void aResentJobWhoseResultExistsIsSkippedAndOneWithoutRuns() {
    AtomicInteger fetches = new AtomicInteger();
    try (WorkerTestStack stack = WorkerTestStack.startCounting(fetches)) {
      WorkerRuntime worker = stack.startWorker(stack.workerEnvironment());
      String job =
          JobCodec.encode(
              JobMessage.of("sent-twice", Platform.YOUTUBE, JobKind.PROFILE, "@hanbit.kitchen"));

      stack.send(job); // the first send
      assertThat(stack.awaitResults(1, Duration.ofSeconds(60)))
          .singleElement()
          .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.OK));
      int fetchesOfFirstCopy = fetches.get();
      assertThat(fetchesOfFirstCopy).isPositive();

      sendResent(stack, job); // the second send, after the replica's crash
      WorkerTestStack.await(
          "the resent copy was handled",
          Duration.ofSeconds(60),
          () -> skipped(worker) == 1 && stack.approximateMessages(stack.local.jobsQueueUrl()) == 0);
      assertThat(fetches.get()).as("the resent copy fetched nothing").isEqualTo(fetchesOfFirstCopy);
      assertThat(stack.awaitResults(1, Duration.ofSeconds(3)))
          .as("and published no second result")
          .isEmpty();

      // Resent, but the first send never went out: no object, so it runs.
      sendResent(
          stack,
          JobCodec.encode(
              JobMessage.of("lost-first", Platform.YOUTUBE, JobKind.PROFILE, "@hanbit.kitchen")));
      assertThat(stack.awaitResults(1, Duration.ofSeconds(60)))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.jobId()).isEqualTo("lost-first");
                assertThat(e.outcome()).isEqualTo(Outcome.OK);
              });
      assertThat(skipped(worker)).isEqualTo(1);

      // Unmarked, the same job id runs again: a duplicate the API never sent is not looked for.
      stack.send(job);
      assertThat(stack.awaitResults(1, Duration.ofSeconds(60)))
          .singleElement()
          .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.OK));
      assertThat(skipped(worker)).isEqualTo(1);
    }
  }

  private static void sendResent(WorkerTestStack stack, String body) {
    stack.sqs.sendMessage(
        r ->
            r.queueUrl(stack.local.jobsQueueUrl())
                .messageBody(body)
                .messageAttributes(
                    Map.of(
                        JobCodec.RESENT_ATTRIBUTE,
                        MessageAttributeValue.builder()
                            .dataType("String")
                            .stringValue("true")
                            .build())));
  }

  private static double skipped(WorkerRuntime worker) {
    var counter = worker.registry().find("collector_resent_jobs_skipped_total").counter();
    return counter == null ? 0 : counter.count();
  }
}
