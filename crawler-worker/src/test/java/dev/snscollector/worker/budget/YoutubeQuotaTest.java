package dev.snscollector.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.worker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class YoutubeQuotaTest {
  /** 2026-11-22 23:00 in Los Angeles: one hour before YouTube's quota reset. */
  private static final Instant LATE_EVENING = Instant.parse("2026-11-23T07:00:00Z");

  @Test
  void aSpentDayRefusesWithTheTimeToPacificMidnightAndANewDayStartsAfresh() {
    MutableClock clock = new MutableClock(LATE_EVENING);
    YoutubeQuota quota = new YoutubeQuota(3, clock);
    assertThat(quota.charge("key-a", 1)).isNull();
    assertThat(quota.charge("key-a", 2)).isNull();
    assertThat(quota.charge("key-a", 1)).isEqualTo(Duration.ofHours(1));
    assertThat(quota.used("key-a")).as("a refused call costs nothing").isEqualTo(3);
    assertThat(quota.charge("key-b", 1)).as("each project has its own budget").isNull();

    clock.set(LATE_EVENING.plus(Duration.ofMinutes(61)));
    assertThat(quota.charge("key-a", 1)).isNull();
    assertThat(quota.used("key-a")).isEqualTo(1);
  }

  @Test
  void quotaExceededFromTheApiSpendsTheRestOfTheDay() {
    MutableClock clock = new MutableClock(LATE_EVENING);
    YoutubeQuota quota = new YoutubeQuota(10_000, clock);
    quota.exhausted("key-a");
    assertThat(quota.charge("key-a", 1)).isEqualTo(Duration.ofHours(1));
  }
}
