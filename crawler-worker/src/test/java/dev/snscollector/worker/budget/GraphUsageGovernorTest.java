package dev.snscollector.worker.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.capture.Capture;
import dev.snscollector.worker.budget.GraphUsageGovernor.Go;
import dev.snscollector.worker.budget.GraphUsageGovernor.Wait;
import dev.snscollector.worker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Graph budget the Instagram API route consults before every call. */
class GraphUsageGovernorTest {
  private static final Instant T0 = Instant.parse("2026-03-03T02:00:00Z");

  /** A Graph answer at {@code at} with one usage header. */
  static Capture answered(Instant at, String header, String value) {
    return new Capture(
        "https://graph.facebook.com/v21.0/17841400000000101",
        "GET",
        200,
        Map.of(header, value),
        new byte[0],
        at,
        "instagram.graph.user");
  }

  private static Capture appUsage(Instant at, int percent) {
    return answered(
        at, "x-app-usage", "{\"call_count\":" + percent + ",\"total_cputime\":1,\"total_time\":1}");
  }

  /** The spacing the governor keeps between two calls at a usage. */
  private static Duration spacingAt(int percent) {
    MutableClock clock = new MutableClock(T0);
    GraphUsageGovernor governor = new GraphUsageGovernor(75, Duration.ofSeconds(2), clock);
    governor.observe(appUsage(T0, percent));
    governor.beforeCall(null);
    return ((Go) governor.beforeCall(null)).pause();
  }

  @Test
  void belowTheThresholdCallsGoAtOnce() {
    GraphUsageGovernor governor =
        new GraphUsageGovernor(75, Duration.ofSeconds(2), new MutableClock(T0));
    governor.observe(appUsage(T0, 74));
    for (int i = 0; i < 3; i++) {
      assertThat(governor.beforeCall("17841400000000101")).isEqualTo(new Go(Duration.ZERO));
    }
  }

  @Test
  void theSpacingGrowsWithUsageTowardsTheMaximum() {
    assertThat(spacingAt(80)).isEqualTo(Duration.ofMillis(400));
    assertThat(spacingAt(90)).isEqualTo(Duration.ofMillis(1200));
    assertThat(spacingAt(99)).isEqualTo(Duration.ofMillis(1920));
  }

  @Test
  void aFullAllowanceStopsCallsUntilItsReadingExpiresAfterAnHour() {
    MutableClock clock = new MutableClock(T0);
    GraphUsageGovernor governor = new GraphUsageGovernor(75, Duration.ofSeconds(2), clock);
    governor.observe(appUsage(T0, 100));

    assertThat(governor.beforeCall(null)).isInstanceOf(Wait.class);
    clock.set(T0.plus(Duration.ofMinutes(59)));
    assertThat(governor.beforeCall(null)).isInstanceOf(Wait.class);
    clock.set(T0.plus(Duration.ofMinutes(61)));
    assertThat(governor.beforeCall(null)).isEqualTo(new Go(Duration.ZERO));
    assertThat(governor.usagePercent()).isZero();
  }

  @Test
  void aBusinessThrottledByMetaWaitsItsOwnTimeWhileOthersGoOn() {
    MutableClock clock = new MutableClock(T0);
    GraphUsageGovernor governor = new GraphUsageGovernor(75, Duration.ofSeconds(2), clock);
    governor.observe(
        answered(
            T0,
            "x-business-use-case-usage",
            "{\"111\":[{\"type\":\"instagram\",\"call_count\":40,\"total_cputime\":5,"
                + "\"total_time\":5,\"estimated_time_to_regain_access\":10}]}"));

    assertThat(governor.beforeCall("111"))
        .isInstanceOfSatisfying(
            Wait.class, w -> assertThat(w.retryAfter()).isEqualTo(Duration.ofMinutes(10)));
    assertThat(governor.beforeCall("222")).isEqualTo(new Go(Duration.ZERO));
    clock.set(T0.plus(Duration.ofMinutes(10)));
    assertThat(governor.beforeCall("111")).isEqualTo(new Go(Duration.ZERO));
  }
}
