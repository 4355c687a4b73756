package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.fixtures.LocalForwardProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Stopping a worker process. Killed with SIGKILL in the middle of a batch loses nothing: its
 * messages come back when their visibility runs out, another worker finishes them, and every job
 * still ends with exactly one records object. Stopped with SIGTERM, it releases what it could not
 * finish at once.
 */
class WorkerStopTest {
  private static final int JOBS = 120;

  @Test
  void aWorkerKilledMidBatchLosesNoJob() throws Exception {
    try (WorkerTestStack stack =
        WorkerTestStack.start(Duration.ofSeconds(5), 5, b -> b.latency(Duration.ofMillis(150)))) {
      stack.sendYoutubePostsJobs("kill-", JOBS);
      Map<String, String> env = stack.workerEnvironment();
      env.put("WORKER_CONCURRENCY", "16");

      Process victim = WorkerTestStack.spawnWorker(env, "victim");
      List<ResultEvent> events = new ArrayList<>(stack.awaitResults(10, Duration.ofSeconds(90)));
      assertThat(events)
          .as("the first worker made progress before the kill")
          .hasSizeGreaterThanOrEqualTo(10);
      victim.destroyForcibly().waitFor();
      assertThat(victim.exitValue()).isEqualTo(137);

      stack.startWorker(stack.workerEnvironment());
      Set<String> done = new HashSet<>();
      events.forEach(e -> done.add(e.jobId()));
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (done.size() < JOBS && System.nanoTime() < deadline) {
        stack.awaitResults(1, Duration.ofSeconds(5)).forEach(e -> done.add(e.jobId()));
      }

      assertThat(done).hasSize(JOBS);
      List<String> objects = stack.keys("jobs/").stream().filter(k -> k.endsWith(".zip")).toList();
      assertThat(objects).hasSize(JOBS).doesNotHaveDuplicates();
      assertThat(stack.settledCount(stack.local.jobsQueueUrl())).isZero();
      assertThat(stack.approximateMessages(stack.local.deadLetterQueueUrl())).isZero();
    }
  }

  @Test
  void sigtermReleasesUnfinishedJobsAtOnceInsteadOfAfterTheirVisibility() throws Exception {
    int jobs = 24;
    try (WorkerTestStack stack =
        WorkerTestStack.start(Duration.ofSeconds(120), 5, b -> b.latency(Duration.ofMillis(700)))) {
      stack.sendYoutubePostsJobs("term-", jobs);
      Map<String, String> env = stack.workerEnvironment();
      env.put("WORKER_CONCURRENCY", "8");
      env.put("SHUTDOWN_GRACE_SECONDS", "1");
      Process worker = WorkerTestStack.spawnWorker(env, "victim");
      List<ResultEvent> events = new ArrayList<>(stack.awaitResults(2, Duration.ofSeconds(90)));
      assertThat(events).hasSizeGreaterThanOrEqualTo(2);

      long signalled = System.nanoTime();
      worker.destroy(); // SIGTERM
      assertThat(worker.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - signalled))
          .isLessThan(Duration.ofSeconds(30));

      stack.startWorker(stack.workerEnvironment());
      Set<String> done = new HashSet<>();
      events.forEach(e -> done.add(e.jobId()));
      // Released jobs are visible at once; without the release they would stay hidden for the
      // queue's 120 s visibility timeout and this deadline would pass first.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (done.size() < jobs && System.nanoTime() < deadline) {
        stack.awaitResults(1, Duration.ofSeconds(5)).forEach(e -> done.add(e.jobId()));
      }
      assertThat(done).hasSize(jobs);
      assertThat(stack.keys("jobs/").stream().filter(k -> k.endsWith(".zip"))).hasSize(jobs);
    }
  }

  /**
   * A job waiting for a proxy when the grace runs out is interrupted; it gives its message back
   * (visible now) instead of deferring it for {@code NO_PROXY_DEFER_SECONDS}, and no heartbeat
   * hides it again after the release.
   */
  @Test
  void aJobInterruptedWhileWaitingForAProxyGoesBackToTheQueueAtOnce() throws Exception {
    try (WorkerTestStack stack = WorkerTestStack.start(Duration.ofSeconds(60), 5, b -> {});
        LocalForwardProxy proxy = new LocalForwardProxy()) {
      proxy.banning.set(true); // the first answer bans the only proxy: the job waits for another
      Map<String, String> env = stack.workerEnvironment();
      env.put("PROXIES", "http://127.0.0.1:" + proxy.port());
      env.put("PROXY_DOMAIN_INTERVAL_MILLIS", "0");
      env.put("SITE_BASE_URL", stack.origin.baseUrl());
      env.put("NO_PROXY_DEFER_SECONDS", "60");
      stack.send(
          JobCodec.encode(
              JobMessage.of("stopped-1", Platform.TIKTOK, JobKind.PROFILE, "@hanbit.dance")));
      WorkerRuntime runtime = stack.startWorker(env);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (proxy.refused.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(proxy.refused.get()).as("the job reached the proxy").isEqualTo(1);

      runtime.worker().shutdown(Duration.ofMillis(200));

      assertThat(stack.receive(stack.local.jobsQueueUrl(), 3))
          .as("the message is visible again within seconds, not after the 60 s deferral")
          .singleElement()
          .satisfies(m -> assertThat(m.body()).contains("stopped-1"));
    }
  }
}
