package dev.snscollector.worker.fetch;

import dev.snscollector.contracts.EnvSettings;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries one request inside a job when it failed transiently ({@link TransientFetchException}: a
 * 5xx, a reset or refused connection, a timeout, a malformed answer), with exponential backoff and
 * jitter (resilience4j {@link Retry}): a fault that passes in a second costs the job a second, not
 * a trip through the queue and one of its receives. What is still failing after the last attempt
 * goes up as before: the route's circuit breaker counts it and the job is retried later. An
 * interrupted job is never retried.
 */
public final class FetchRetry {
  private static final Logger log = LoggerFactory.getLogger(FetchRetry.class);

  /** One attempt, no retry. */
  public static final FetchRetry NONE = new FetchRetry(null);

  private final @Nullable Retry retry;

  private FetchRetry(@Nullable Retry retry) {
    this.retry = retry;
  }

  /**
   * Retries as {@code settings} say; {@code name} labels its meters ({@code fetch}, {@code crawl}).
   */
  public static FetchRetry of(String name, Settings settings, RetryRegistry registry) {
    if (settings.retries() == 0) {
      return NONE;
    }
    RetryConfig config =
        RetryConfig.custom()
            .maxAttempts(settings.retries() + 1)
            .intervalFunction(
                IntervalFunction.ofExponentialRandomBackoff(settings.base(), 2.0, 0.5))
            .retryOnException(
                e ->
                    e instanceof TransientFetchException && !Thread.currentThread().isInterrupted())
            .failAfterMaxAttempts(false)
            .build();
    Retry retry = registry.retry(name, config);
    retry
        .getEventPublisher()
        .onRetry(
            e ->
                log.info(
                    "request retried in {} ms after {}",
                    e.getWaitInterval().toMillis(),
                    String.valueOf(e.getLastThrowable())));
    return new FetchRetry(retry);
  }

  /** A registry whose retries show as {@code resilience4j_retry_calls_total} on {@code meters}. */
  public static RetryRegistry registry(MeterRegistry meters) {
    RetryRegistry registry = RetryRegistry.ofDefaults();
    TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters);
    return registry;
  }

  /** Runs {@code attempt}, again after a backoff while it fails transiently. */
  public <T> T call(Supplier<T> attempt) {
    return retry == null ? attempt.get() : Retry.decorateSupplier(retry, attempt).get();
  }

  /**
   * @param retries attempts after the first ({@code FETCH_RETRIES}, default 2)
   * @param base the first backoff, doubled each time, ±50% jitter ({@code FETCH_RETRY_BASE_MILLIS},
   *     default 250)
   */
  public record Settings(int retries, Duration base) {
    public static final Settings DEFAULTS = new Settings(2, Duration.ofMillis(250));

    public static Settings read(EnvSettings r) {
      return new Settings(
          r.integer("FETCH_RETRIES", DEFAULTS.retries(), 0, 10),
          r.millis("FETCH_RETRY_BASE_MILLIS", DEFAULTS.base(), 1, 60_000));
    }
  }
}
