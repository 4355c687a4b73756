package dev.snscollector.api.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  @Test
  void fiveFieldsAreReadInTheSchedulesTimeZone() {
    CronSchedule daily = CronSchedule.parse("0 6 * * *", SEOUL);
    // 09:00 in Seoul: the next 06:00 there is 21:00 UTC the same day.
    assertThat(daily.next(Instant.parse("2026-11-22T00:00:00Z")))
        .hasValue(Instant.parse("2026-11-22T21:00:00Z"));
    assertThat(daily.latestAtOrBefore(Instant.parse("2026-11-22T00:00:00Z")))
        .hasValue(Instant.parse("2026-11-21T21:00:00Z"));
  }

  @Test
  void sixFieldsHaveSecondsFirst() {
    CronSchedule everySecond = CronSchedule.parse("* * * * * *", SEOUL);
    assertThat(everySecond.next(Instant.parse("2026-11-22T00:00:00.400Z")))
        .hasValue(Instant.parse("2026-11-22T00:00:01Z"));
    assertThat(everySecond.latestAtOrBefore(Instant.parse("2026-11-22T00:00:07.900Z")))
        .hasValue(Instant.parse("2026-11-22T00:00:07Z"));
  }

  @Test
  void theLatestTickOfManyMissedIsTheOneToFire() {
    CronSchedule fiveMinutes = CronSchedule.parse("*/5 * * * *", SEOUL);
    assertThat(fiveMinutes.latestAtOrBefore(Instant.parse("2026-11-22T00:31:10Z")))
        .hasValue(Instant.parse("2026-11-22T00:30:00Z"));
    assertThat(fiveMinutes.latestAtOrBefore(Instant.parse("2026-11-22T00:30:00Z")))
        .hasValue(Instant.parse("2026-11-22T00:30:00Z"));
  }

  @Test
  void aBadExpressionSaysWhatIsWrong() {
    assertThatThrownBy(() -> CronSchedule.parse("every day", SEOUL))
        .hasMessageContaining("expected 5 fields");
    assertThatThrownBy(() -> CronSchedule.parse("61 * * * *", SEOUL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a cron expression");
  }
}
