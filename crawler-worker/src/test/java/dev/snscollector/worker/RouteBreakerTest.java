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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An outage of the YouTube Data API (every call a 503) through a whole worker on ElasticMQ: the
 * route's circuit breaker opens after a few failures, and the jobs are deferred as fresh messages
 * instead of spending their receives. With two receives allowed, every job would have ended {@code
 * internal} in the outage; once the API is back, the breaker's trial calls close it and every job
 * ends ok.
 */
class RouteBreakerTest {
  private static final int JOBS = 10;

  @Test
  void anApiOutageOpensTheRouteBreakerAndDefersJobsInsteadOfSpendingTheirReceives()
      throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    AtomicInteger refused = new AtomicInteger();
    try (WorkerTestStack stack =
        WorkerTestStack.start(
            Duration.ofSeconds(30),
            2,
            b ->
                b.interceptor(
                    r -> {
                      if (down.get() && r.host().equals("www.googleapis.com")) {
                        refused.incrementAndGet();
                        return Optional.of(
                            FixtureOrigin.Response.googleError(
                                503, "backendError", "The service is unavailable."));
                      }
                      return Optional.empty();
                    }))) {
      Map<String, String> env = stack.workerEnvironment();
      env.put("ROUTE_BREAKER_WINDOW", "4");
      env.put("ROUTE_BREAKER_MIN_CALLS", "4");
      env.put("ROUTE_BREAKER_OPEN_SECONDS", "3");
      env.put("ROUTE_BREAKER_HALF_OPEN_CALLS", "2");
      WorkerRuntime worker = stack.startWorker(env);
      List<String> channels = FixtureTargets.youtubeChannels(WorkerTestStack.fixturesDir());
      for (int i = 0; i < JOBS; i++) {
        stack.send(
            JobCodec.encode(
                JobMessage.of(
                    "outage-" + i,
                    Platform.YOUTUBE,
                    JobKind.POSTS,
                    channels.get(i % channels.size()))));
      }
      // Long enough for every job to have used both its receives without a breaker.
      Thread.sleep(8_000);
      assertThat(refused.get()).as("the outage was met").isPositive();
      List<ResultEvent> during = stack.awaitResults(JOBS, Duration.ofMillis(500));
      assertThat(during).as("no job ended during the outage").isEmpty();
      assertThat(
              worker
                  .registry()
                  .counter("collector_job_deferrals_total", "reason", "breaker_open")
                  .count())
          .isPositive();
      assertThat(
              worker
                  .registry()
                  .get("resilience4j.circuitbreaker.state")
                  .tag("name", "youtube.api")
                  .tag("state", "closed")
                  .gauge()
                  .value())
          .as("the breaker is not closed during the outage")
          .isZero();

      down.set(false);
      List<ResultEvent> after = new ArrayList<>(stack.awaitResults(JOBS, Duration.ofSeconds(60)));
      assertThat(after).hasSize(JOBS);
      assertThat(after).allSatisfy(e -> assertThat(e.outcome()).isEqualTo(Outcome.OK));
      assertThat(stack.approximateMessages(stack.local.deadLetterQueueUrl())).isZero();
    }
  }
}
