package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.ResultEvent;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A busy worker frees its slots one job at a time. With {@code WORKER_RECEIVE_GATHER_MILLIS} it
 * gathers them into receives of ten instead of asking the queue once per freed slot, and the
 * requests it sends are counted by {@code collector_aws_requests_total}.
 */
class ReceiveGatherTest {
  private static final int JOBS = 40;
  private static final int CONCURRENCY = 10;

  @Test
  void aBusyWorkerAsksTheQueueForABatchOfJobsRatherThanForEachSlotThatComesFree() throws Exception {
    try (WorkerTestStack stack =
        WorkerTestStack.start(Duration.ofSeconds(60), 5, b -> b.latency(Duration.ofMillis(100)))) {
      stack.sendYoutubePostsJobs("gather-", JOBS);
      Map<String, String> env = stack.workerEnvironment();
      env.put("WORKER_CONCURRENCY", Integer.toString(CONCURRENCY));
      env.put("WORKER_RECEIVERS", "2");
      // Long enough that jobs always finish within it, so every receive but the first waits for
      // a whole batch of free slots; a slow machine only makes the test take longer.
      env.put("WORKER_RECEIVE_GATHER_MILLIS", "5000");
      WorkerRuntime worker = stack.startWorker(env);

      List<ResultEvent> events = stack.awaitResults(JOBS, Duration.ofSeconds(120));

      assertThat(events).hasSize(JOBS).allMatch(e -> e.outcome() == Outcome.OK);
      // Four receives of ten bring the forty jobs; after the last batch one more receive may be
      // waiting on the empty queue. Asking per freed slot (a gather time of 0) took 22.
      assertThat(requests(worker, "ReceiveMessage"))
          .isBetween((double) JOBS / CONCURRENCY, (double) JOBS / CONCURRENCY + 1);
      assertThat(requests(worker, "DeleteMessageBatch")).isPositive();
    }
  }

  private static double requests(WorkerRuntime worker, String operation) {
    Counter counter =
        worker
            .registry()
            .find(AwsRequestMetrics.NAME)
            .tag("service", "Sqs")
            .tag("operation", operation)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
