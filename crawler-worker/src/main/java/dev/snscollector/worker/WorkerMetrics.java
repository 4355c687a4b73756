package dev.snscollector.worker;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's metrics. Label values come from closed sets (platform, outcome, page type), so the
 * number of series stays bounded.
 */
public final class WorkerMetrics {
  private final MeterRegistry registry;
  private final AtomicInteger inFlight = new AtomicInteger();

  public WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("collector_jobs_in_flight", inFlight);
  }

  public AtomicInteger inFlight() {
    return inFlight;
  }

  void jobFinished(Platform platform, Outcome outcome, Instant received, Instant finished) {
    Counter.builder("collector_jobs_total")
        .description("Jobs finished, by platform and outcome")
        .tag("platform", platform.wireName())
        .tag("outcome", outcome.wireName())
        .register(registry)
        .increment();
    Timer.builder("collector_job_duration")
        .description("From receive to delete")
        .tag("platform", platform.wireName())
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.between(received, finished));
  }

  void retry(Platform platform) {
    registry.counter("collector_job_retries_total", "platform", platform.wireName()).increment();
  }

  void invalidJob() {
    registry.counter("collector_invalid_jobs_total").increment();
  }

  void drift(String pageType) {
    registry.counter("collector_drift_total", "page_type", pageType).increment();
  }

  void heartbeat(int extended, int refused) {
    registry.counter("collector_visibility_extensions_total").increment(extended);
    registry.counter("collector_visibility_extension_failures_total").increment(refused);
  }
}
