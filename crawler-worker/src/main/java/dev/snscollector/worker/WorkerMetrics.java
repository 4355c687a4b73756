package dev.snscollector.worker;

import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.RecordContract;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.worker.fetch.BodyBudget;
import dev.snscollector.worker.queue.QueuedMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    // From the start, at 0: a heartbeat extends only the jobs near the end of their lease, so a
    // worker may run a while before its first extension, and an alert on refusals needs the series.
    registry.counter("collector_visibility_extensions_total");
    registry.counter("collector_visibility_extension_failures_total");
    // Also at 0 from the start: resent jobs are rare (an API replica died mid-dispatch).
    registry.counter("collector_resent_jobs_skipped_total");
    // At 0 from the start as well: the dead-letter alert counts increases, and a series born at 1
    // (a worker's first invalid message, its first job given up) shows none, so it never fired.
    registry.counter("collector_invalid_jobs_total");
    for (Platform platform : Platform.values()) {
      jobs(platform, Outcome.INTERNAL);
    }
  }

  private Counter jobs(Platform platform, Outcome outcome) {
    return Counter.builder("collector_jobs_total")
        .description("Jobs finished, by platform and outcome")
        .tag("platform", platform.wireName())
        .tag("outcome", outcome.wireName())
        .register(registry);
  }

  public AtomicInteger inFlight() {
    return inFlight;
  }

  void jobFinished(Platform platform, Outcome outcome, Instant received, Instant finished) {
    jobs(platform, outcome).increment();
    Timer.builder("collector_job_duration")
        .description("From receive to delete")
        .tag("platform", platform.wireName())
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.between(received, finished));
  }

  /** Each route attempt by outcome; its wall time; creators' tokens found invalid. */
  void routeAttempts(Platform platform, List<ResultEvent.RouteAttempt> attempts) {
    for (ResultEvent.RouteAttempt a : attempts) {
      Counter.builder("collector_route_attempts_total")
          .description("Route attempts, by platform, route and outcome")
          .tag("platform", platform.wireName())
          .tag("route", a.route().wireName())
          .tag("outcome", a.outcome().wireName())
          .register(registry)
          .increment();
      Timer.builder("collector_fetch_duration")
          .description("Wall time of a route attempt: its fetches and parsing")
          .tag("platform", platform.wireName())
          .tag("route", a.route().wireName())
          .publishPercentileHistogram()
          .register(registry)
          .record(Duration.ofMillis(a.durationMillis()));
      if (a.outcome() == Outcome.TOKEN_INVALID) {
        Counter.builder("collector_token_invalidations_total")
            .description("Creator tokens or app keys the platform refused")
            .tag("platform", platform.wireName())
            .register(registry)
            .increment();
      }
    }
  }

  /**
   * Gauges of the worker's copy of the cancelled-jobs list: its age (seconds since it was last
   * read; -1 before the first read) and how many jobs it lists.
   */
  void cancelledJobs(dev.snscollector.worker.store.CancelledJobsWatch watch) {
    io.micrometer.core.instrument.Gauge.builder(
            "collector_cancelled_jobs_age_seconds", watch, w -> w.ageSeconds())
        .description("Seconds since the cancelled-jobs list was last read")
        .register(registry);
    io.micrometer.core.instrument.Gauge.builder(
            "collector_cancelled_jobs_listed", watch, w -> w.size())
        .description("Jobs on the cancelled-jobs list as last read")
        .register(registry);
  }

  /**
   * A gauge of the worker's copy of the paused scopes: how many are paused (-1 before the first
   * read). Each job skips the routes they cover.
   */
  void pausedScopes(
      dev.snscollector.worker.store.ControlObjectWatch<dev.snscollector.capture.PausedScopes>
          watch) {
    io.micrometer.core.instrument.Gauge.builder(
            "collector_paused_scopes", watch, w -> w.read() ? w.lastKnown().scopes().size() : -1)
        .description("Scopes (platforms, routes) operators paused, as last read")
        .register(registry);
  }

  /** How long the put of a job's object took ({@code object} is {@code job}). */
  void s3Write(String object, Duration took) {
    Timer.builder("collector_s3_write_duration")
        .description("S3 put latency, by object")
        .tag("object", object)
        .publishPercentileHistogram()
        .register(registry)
        .record(took);
  }

  /** From the message's first send to this receive. */
  void queueLag(QueuedMessage message) {
    if (message.sentAt() != null) {
      Timer.builder("collector_queue_lag")
          .description("Time from a job's enqueue to its receive by a worker")
          .publishPercentileHistogram()
          .register(registry)
          .record(Duration.between(message.sentAt(), message.receivedAt()).abs());
    }
  }

  void deferred(String reason) {
    registry.counter("collector_job_deferrals_total", "reason", reason).increment();
  }

  void retry(Platform platform) {
    registry.counter("collector_job_retries_total", "platform", platform.wireName()).increment();
  }

  void resentSkipped() {
    registry.counter("collector_resent_jobs_skipped_total").increment();
  }

  void invalidJob() {
    registry.counter("collector_invalid_jobs_total").increment();
  }

  void drift(String pageType) {
    registry.counter("collector_drift_total", "page_type", pageType).increment();
  }

  /**
   * Field coverage: for each value the record contract expects of each record, whether the record
   * had it ({@code present}; {@code zero} when the number was 0) or marked it unavailable (with the
   * reason). A value the platform never has is not counted. Spidermon's field-coverage idea: a
   * share of unavailable or zero values that jumps above its baseline shows what a schema cannot (a
   * number still there but always 0, a flag that suddenly says hidden everywhere). Labels are
   * closed sets: page type, contract field, state, reason.
   */
  void recordValues(List<NormalizedRecord> records) {
    RecordContract contract = RecordContract.defaults();
    for (NormalizedRecord r : records) {
      String type = r.recordType();
      for (String field : contract.values(type)) {
        if (!contract.expects(r.platform(), type, field)) {
          continue;
        }
        Object value = RecordContract.value(r, field);
        Unavailable reason = r.unavailable().get(field);
        String state =
            value == null ? "unavailable" : value instanceof Long n && n == 0 ? "zero" : "present";
        Counter.builder("collector_record_values_total")
            .description(
                "Contract values of ok records, by page type, field and state (present, zero,"
                    + " unavailable with its reason)")
            .tag("page_type", r.source().pageType())
            .tag("field", type + "." + field)
            .tag("state", state)
            .tag("reason", reason == null ? "" : reason.wireName())
            .register(registry)
            .increment();
      }
    }
  }

  /** The body budget: bytes held now, its capacity, and fetches that had to wait for room. */
  void bodyBudget(BodyBudget bodies) {
    Gauge.builder("collector_body_budget_bytes", bodies, BodyBudget::inUse)
        .description("Response bytes jobs hold now (admission control), by kind")
        .tag("kind", "in_use")
        .register(registry);
    Gauge.builder("collector_body_budget_bytes", bodies, b -> (double) b.capacity())
        .description("Response bytes jobs hold now (admission control), by kind")
        .tag("kind", "capacity")
        .register(registry);
    FunctionCounter.builder("collector_body_budget_waits", bodies, b -> (double) b.waits())
        .description("Fetches that waited for room in the body budget before sending")
        .register(registry);
  }

  void heartbeat(int extended, int refused) {
    registry.counter("collector_visibility_extensions_total").increment(extended);
    registry.counter("collector_visibility_extension_failures_total").increment(refused);
  }
}
