package dev.snscollector.worker.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snscollector.localstack.LocalRedis;
import dev.snscollector.worker.budget.RedisCounters;
import dev.snscollector.worker.route.RouteUnavailableException;
import dev.snscollector.worker.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-site cap over all proxies: each worker's on resilience4j, the fleet's on Redis. */
class SiteRatesTest {
  @Test
  void aWorkersCapIsOneRateLimiterPerSiteWithItsMetrics() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    SiteRates rates = SiteRates.of(2, null, 10, Clock.systemUTC(), meters);
    rates.acquire("www.instagram.com");
    rates.acquire("www.instagram.com");
    rates.acquire("www.tiktok.com");

    assertThat(available(meters, "www.instagram.com")).as("both of the second's slots").isZero();
    assertThat(available(meters, "www.tiktok.com")).as("another site, its own cap").isEqualTo(1);
  }

  @Test
  void theFleetSharesOneCapPerSiteAndABusySiteDefersTheJob() {
    if (System.getenv("CI") == null) {
      assumeTrue(LocalRedis.available(), "no redis-server here (Debian's redis-server package)");
    }
    // 100 ms before a second ends, a day ahead (Redis expires the windows' keys by its own clock):
    // the next second's slots are a short sleep away.
    Instant secondStart =
        Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    MutableClock clock = new MutableClock(secondStart.plusMillis(900));
    try (LocalRedis redis = LocalRedis.start();
        RedisCounters a = new RedisCounters(redis.url());
        RedisCounters b = new RedisCounters(redis.url())) {
      Duration reach = Duration.ofMillis(500); // this second and the next are within reach
      SiteRates first = SiteRates.of(2, a, 50, clock, new SimpleMeterRegistry(), reach);
      SiteRates second = SiteRates.of(2, b, 50, clock, new SimpleMeterRegistry(), reach);
      // Two workers, two a second between them: this second's two, then the next second's two.
      first.acquire("www.youtube.com");
      second.acquire("www.youtube.com");
      first.acquire("www.youtube.com");
      second.acquire("www.youtube.com");
      second.acquire("m.blog.naver.com"); // another site is not held up

      assertThatThrownBy(() -> first.acquire("www.youtube.com"))
          .as("both windows within reach are full: the job is put back")
          .isInstanceOfSatisfying(
              RouteUnavailableException.class,
              e -> {
                assertThat(e.reason()).isEqualTo("site_rate");
                assertThat(e.getMessage()).contains("www.youtube.com");
              });
    }
  }

  private static double available(SimpleMeterRegistry meters, String site) {
    return meters
        .get("resilience4j.ratelimiter.available.permissions")
        .tag("name", site)
        .gauge()
        .value();
  }
}
