package dev.snscollector.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class YoutubeQuotaTest {
  /** 2026-11-22 23:00 in Los Angeles: one hour before YouTube's quota reset. */
  private static final Instant LATE_EVENING = Instant.parse("2026-11-23T07:00:00Z");

  private static final class Fixed extends Clock {
    Instant now;

    Fixed(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aSpentDayRefusesWithTheTimeToPacificMidnightAndANewDayStartsAfresh() {
    Fixed clock = new Fixed(LATE_EVENING);
    YoutubeQuota quota = new YoutubeQuota(3, clock);
    assertThat(quota.charge("key-a", 1)).isNull();
    assertThat(quota.charge("key-a", 2)).isNull();
    assertThat(quota.charge("key-a", 1)).isEqualTo(Duration.ofHours(1));
    assertThat(quota.used("key-a")).as("a refused call costs nothing").isEqualTo(3);
    assertThat(quota.charge("key-b", 1)).as("each project has its own budget").isNull();

    clock.now = LATE_EVENING.plus(Duration.ofMinutes(61));
    assertThat(quota.charge("key-a", 1)).isNull();
    assertThat(quota.used("key-a")).isEqualTo(1);
  }

  @Test
  void quotaExceededFromTheApiSpendsTheRestOfTheDay() {
    Fixed clock = new Fixed(LATE_EVENING);
    YoutubeQuota quota = new YoutubeQuota(10_000, clock);
    quota.exhausted("key-a");
    assertThat(quota.charge("key-a", 1)).isEqualTo(Duration.ofHours(1));
  }
}
