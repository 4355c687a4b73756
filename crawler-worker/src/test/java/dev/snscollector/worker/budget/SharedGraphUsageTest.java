package dev.snscollector.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snscollector.localstack.LocalRedis;
import dev.snscollector.worker.budget.GraphUsageGovernor.Go;
import dev.snscollector.worker.budget.GraphUsageGovernor.Wait;
import dev.snscollector.worker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * Two workers' Graph governors on one Redis (Debian's redis-server): what one hears in Meta's usage
 * headers, the other acts on before its own first call; with Redis stopped each goes by its own.
 */
class SharedGraphUsageTest {
  private static final String BUSINESS = "17841400000000101";

  @Test
  void oneWorkersReadingSlowsAndStopsTheOtherAndRedisDownLeavesEachItsOwn() {
    if (System.getenv("CI") == null) {
      assumeTrue(LocalRedis.available(), "no redis-server here (Debian's redis-server package)");
    }
    // A day ahead, at a minute's start: Redis expires the buckets by its own clock.
    Instant t0 = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES);
    MutableClock clock = new MutableClock(t0);
    try (LocalRedis redis = LocalRedis.start();
        RedisCounters a = new RedisCounters(redis.url());
        RedisCounters b = new RedisCounters(redis.url())) {
      GraphUsageGovernor first = new GraphUsageGovernor(75, Duration.ofSeconds(2), clock, a);
      GraphUsageGovernor second = new GraphUsageGovernor(75, Duration.ofSeconds(2), clock, b);
      assertThat(second.beforeCall(BUSINESS)).isEqualTo(new Go(Duration.ZERO));

      // The first worker hears the app at 90 %: the second spaces its calls without a call of its
      // own.
      first.observe(
          GraphUsageGovernorTest.answered(
              t0, "x-app-usage", "{\"call_count\":90,\"total_cputime\":5,\"total_time\":5}"));
      clock.advance(Duration.ofSeconds(2)); // past the second worker's once-a-second read
      second.beforeCall(null);
      assertThat(((Go) second.beforeCall(null)).pause()).isEqualTo(Duration.ofMillis(1200));

      // The first worker hears that one business is throttled for 12 minutes: the second does not
      // call for it, and still calls for another business.
      first.observe(
          GraphUsageGovernorTest.answered(
              clock.instant(),
              "x-business-use-case-usage",
              "{\""
                  + BUSINESS
                  + "\":[{\"type\":\"instagram\",\"call_count\":100,"
                  + "\"total_cputime\":10,\"total_time\":10,"
                  + "\"estimated_time_to_regain_access\":12}]}"));
      clock.advance(Duration.ofSeconds(2));
      assertThat(second.blocked(BUSINESS))
          .isInstanceOfSatisfying(
              Wait.class,
              w -> {
                assertThat(w.retryAfter()).isEqualTo(Duration.ofMinutes(12).minusSeconds(2));
                assertThat(w.reason()).contains("business " + BUSINESS);
              });
      assertThat(second.blocked("17841400000000999")).isNull();

      // Two minutes on, the app's bucket has lapsed; the throttle runs until Meta's time.
      clock.advance(Duration.ofMinutes(2));
      assertThat(second.beforeCall("17841400000000999")).isEqualTo(new Go(Duration.ZERO));
      assertThat(second.blocked(BUSINESS)).isNotNull();

      redis.close();
      clock.advance(Duration.ofSeconds(2));
      assertThat(second.blocked(BUSINESS))
          .as("Redis down: the second worker goes by its own readings, which know nothing")
          .isNull();
      assertThat(first.blocked(BUSINESS)).as("the first still has its own").isNotNull();
    }
  }
}
