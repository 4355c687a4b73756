package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Route;
import dev.snscollector.contracts.Unavailable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {
  private static final RecordSource SOURCE =
      new RecordSource(
          Route.API,
          "https://www.googleapis.com/youtube/v3/channels",
          "youtube.api.channels",
          1,
          "j");

  private static ProfileRecord channel(Long followers, Long videos, Map<String, Unavailable> why) {
    return new ProfileRecord(
        Platform.YOUTUBE,
        "UCcoveragecoveragecovera",
        "coverage",
        "Coverage",
        "",
        null,
        followers,
        null,
        videos,
        null,
        10L,
        null,
        List.of(),
        null,
        List.of(),
        why,
        Instant.EPOCH,
        SOURCE);
  }

  @Test
  void fieldCoverageCountsEachExpectedValueByStateAndReasonAndSkipsWhatThePlatformNeverHas() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    WorkerMetrics metrics = new WorkerMetrics(registry);

    metrics.recordValues(
        List.of(
            channel(1_200L, 0L, Map.of()),
            channel(null, 5L, Map.of("followers", Unavailable.HIDDEN_BY_CREATOR))));

    assertThat(count(registry, "profile.followers", "present", "")).isEqualTo(1);
    assertThat(count(registry, "profile.followers", "unavailable", "hidden_by_creator"))
        .isEqualTo(1);
    assertThat(count(registry, "profile.postCount", "zero", "")).isEqualTo(1);
    assertThat(count(registry, "profile.postCount", "present", "")).isEqualTo(1);
    // YouTube has no following count: a bare null, never counted as missing.
    assertThat(
            registry
                .find("collector_record_values_total")
                .tag("field", "profile.following")
                .counters())
        .isEmpty();
  }

  private static double count(SimpleMeterRegistry r, String field, String state, String reason) {
    var counter =
        r.find("collector_record_values_total")
            .tag("page_type", "youtube.api.channels")
            .tag("field", field)
            .tag("state", state)
            .tag("reason", reason)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
