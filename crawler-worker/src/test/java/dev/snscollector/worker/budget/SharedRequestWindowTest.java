package dev.snscollector.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snscollector.localstack.LocalRedis;
import dev.snscollector.worker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Two workers' TikTok request windows on one Redis (Debian's redis-server) share the endpoint's
 * limit; with Redis stopped each keeps a window of its own on its degraded share.
 */
class SharedRequestWindowTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void twoWorkersShareOneWindowAndKeepTheirOwnWhenRedisIsDown() {
    if (System.getenv("CI") == null) {
      assumeTrue(LocalRedis.available(), "no redis-server here (Debian's redis-server package)");
    }
    // At the start of a minute, a day ahead: Redis expires the windows' keys by its own clock.
    MutableClock clock =
        new MutableClock(
            Instant.now()
                .plus(Duration.ofDays(1))
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
    try (LocalRedis redis = LocalRedis.start();
        RedisCounters a = new RedisCounters(redis.url());
        RedisCounters b = new RedisCounters(redis.url())) {
      RequestWindow first = new RequestWindow(5, MINUTE, clock, a, 40);
      RequestWindow second = new RequestWindow(5, MINUTE, clock, b, 40);

      for (int i = 0; i < 5; i++) {
        RequestWindow w = i % 2 == 0 ? first : second;
        assertThat(w.reserve("video.list", Duration.ZERO)).as("slot %d", i).isZero();
      }
      assertThat(second.reserve("video.list", Duration.ZERO))
          .as("the fleet's five are taken: the next opens with the next minute")
          .isEqualTo(MINUTE);
      assertThat(first.reserve("video.list", MINUTE)).isEqualTo(MINUTE);
      assertThat(first.reserve("user.info", Duration.ZERO)).as("another endpoint").isZero();

      redis.close();
      assertThat(first.reserve("video.list", Duration.ZERO)).isZero();
      assertThat(first.reserve("video.list", Duration.ZERO)).isZero();
      assertThat(first.reserve("video.list", Duration.ZERO))
          .as("alone, 40% of the limit: two a minute")
          .isPositive();
    }
  }
}
