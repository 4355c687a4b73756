package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.fixtures.FixtureTargets;
import dev.snscollector.localstack.LocalRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Three worker processes on one Redis (Debian's redis-server) spend one YouTube quota: with 20
 * units a day, exactly 20 calls reach the API whatever worker takes which job, and the rest end
 * rate limited until the reset. With Redis stopped they keep working, each counting alone against
 * its degraded share.
 */
class FleetQuotaTest {
  private static final int UNITS = 20;
  private static final int JOBS = 30;

  @Test
  void threeWorkersOnOneRedisSpendTheDaysQuotaExactlyAndKeepWorkingWhenItIsDown() throws Exception {
    if (System.getenv("CI") == null) {
      assumeTrue(LocalRedis.available(), "no redis-server here (Debian's redis-server package)");
    }
    AtomicInteger apiCalls = new AtomicInteger();
    List<Process> workers = new ArrayList<>();
    try (LocalRedis redis = LocalRedis.start();
        WorkerTestStack stack =
            WorkerTestStack.start(
                Duration.ofSeconds(30),
                5,
                b ->
                    b.interceptor(
                        r -> {
                          if (r.host().equals("www.googleapis.com")) {
                            apiCalls.incrementAndGet();
                          }
                          return Optional.empty();
                        }))) {
      Map<String, String> env = stack.workerEnvironment();
      env.put("REDIS_URL", redis.url());
      env.put("YOUTUBE_QUOTA_UNITS_PER_DAY", Integer.toString(UNITS));
      env.put("BUDGET_DEGRADED_PERCENT", "50");
      env.put("WORKER_CONCURRENCY", "4");
      for (int w = 0; w < 3; w++) {
        workers.add(WorkerTestStack.spawnWorker(env, "fleet-" + w));
      }
      List<String> channels = FixtureTargets.youtubeChannels(WorkerTestStack.fixturesDir());
      for (int i = 0; i < JOBS; i++) {
        stack.send(JobCodec.encode(profile("fleet-" + i, channels.get(i % channels.size()))));
      }
      Map<Outcome, Long> outcomes = outcomes(stack.awaitResults(JOBS, Duration.ofSeconds(120)));

      assertThat(apiCalls.get()).as("calls that reached the API: the day's quota").isEqualTo(UNITS);
      assertThat(outcomes)
          .containsEntry(Outcome.OK, (long) UNITS)
          .containsEntry(Outcome.RATE_LIMITED, (long) (JOBS - UNITS));

      redis.close();
      for (int i = 0; i < 5; i++) {
        stack.send(JobCodec.encode(profile("degraded-" + i, channels.get(i % channels.size()))));
      }
      Map<Outcome, Long> degraded = outcomes(stack.awaitResults(5, Duration.ofSeconds(60)));
      assertThat(degraded)
          .as("Redis down: each worker counts alone against half the quota, and works on")
          .containsEntry(Outcome.OK, 5L);
      assertThat(apiCalls.get()).isEqualTo(UNITS + 5);
      assertThat(workers).allSatisfy(p -> assertThat(p.isAlive()).isTrue());
    } finally {
      for (Process p : workers) {
        p.destroy();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static JobMessage profile(String id, String channel) {
    return JobMessage.of(id, Platform.YOUTUBE, JobKind.PROFILE, channel);
  }

  private static Map<Outcome, Long> outcomes(List<ResultEvent> events) {
    return events.stream()
        .collect(Collectors.groupingBy(ResultEvent::outcome, Collectors.counting()));
  }
}
