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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A job every route answered {@code rate_limited} is tried again after the platform's Retry-After
 * (a fresh message, its receives untouched) until {@code RATE_LIMIT_RETRIES} is spent; then the
 * outcome is final and says how long the platform asked to wait.
 */
class RateLimitRetryTest {

  /** The YouTube Data API answers 429 with Retry-After: 1 to the first {@code limited} calls. */
  private static WorkerTestStack stack(AtomicInteger limited) {
    return WorkerTestStack.start(
        Duration.ofSeconds(30),
        5,
        b ->
            b.interceptor(
                r -> {
                  if (r.host().equals("www.googleapis.com") && limited.getAndDecrement() > 0) {
                    FixtureOrigin.Response error =
                        FixtureOrigin.Response.googleError(
                            429, "rateLimitExceeded", "Rate limit exceeded.");
                    Map<String, String> headers = new HashMap<>(error.headers());
                    headers.put("retry-after", "1");
                    return Optional.of(new FixtureOrigin.Response(429, headers, error.parts()));
                  }
                  return Optional.empty();
                }));
  }

  private static JobMessage job(String id) {
    List<String> channels = FixtureTargets.youtubeChannels(WorkerTestStack.fixturesDir());
    return JobMessage.of(id, Platform.YOUTUBE, JobKind.PROFILE, channels.getFirst());
  }

  @Test
  void aRateLimitedJobRunsAgainAfterTheRetryAfterAndEndsOk() throws Exception {
    AtomicInteger limited = new AtomicInteger(2);
    try (WorkerTestStack stack = stack(limited)) {
      WorkerRuntime worker = stack.startWorker(stack.workerEnvironment());
      stack.send(JobCodec.encode(job("limited-then-ok")));

      List<ResultEvent> events = stack.awaitResults(1, Duration.ofSeconds(60));
      assertThat(events)
          .singleElement()
          .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.OK));
      assertThat(limited.get()).as("both 429s were answered").isNegative();
      assertThat(
              worker
                  .registry()
                  .counter("collector_job_deferrals_total", "reason", "rate_limited")
                  .count())
          .isEqualTo(2.0);
      assertThat(stack.awaitResults(1, Duration.ofSeconds(2))).as("one event per job").isEmpty();
    }
  }

  @Test
  void withItsRetriesSpentRateLimitedIsFinalAndSaysHowLongToWait() throws Exception {
    AtomicInteger limited = new AtomicInteger(100);
    try (WorkerTestStack stack = stack(limited)) {
      Map<String, String> env = stack.workerEnvironment();
      env.put("RATE_LIMIT_RETRIES", "1");
      stack.startWorker(env);
      stack.send(JobCodec.encode(job("limited-for-good")));

      List<ResultEvent> events = stack.awaitResults(1, Duration.ofSeconds(60));
      assertThat(events)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.outcome()).isEqualTo(Outcome.RATE_LIMITED);
                assertThat(e.routes())
                    .last()
                    .satisfies(a -> assertThat(a.retryAfterSeconds()).isEqualTo(1L));
              });
      assertThat(100 - limited.get()).as("the first run and one retry").isEqualTo(2);
    }
  }
}
