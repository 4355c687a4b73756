package dev.snscollector.worker.route;

import dev.snscollector.contracts.EnvSettings;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.Route;
import dev.snscollector.worker.fetch.TransientFetchException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * A resilience4j circuit breaker per platform and route: one for each platform's API (YouTube Data
 * API, Graph API, TikTok Display API) and one for each site's page routes (crawl and browser
 * apart). A route whose calls keep failing transiently (5xx, timeouts, refused connections) opens:
 * while it is open, jobs skip it for their next route, or are deferred when none is left, instead
 * of spending their receives on an outage. After {@link Settings#openFor()} a few trial jobs go
 * through (half open) and close it again when they pass.
 *
 * <p>Only transient failures count against a route. A platform's answer (ok, not found, a wall, a
 * rate limit, drift) is a success for the breaker: the platform is up. A missing proxy counts
 * neither way.
 */
public final class RouteBreakers {
  private final CircuitBreakerRegistry registry;
  private final Settings settings;

  public RouteBreakers(Settings settings) {
    this.settings = settings;
    this.registry =
        CircuitBreakerRegistry.of(
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordExceptions(TransientFetchException.class)
                .build());
  }

  /** The breakers' state, calls and failure rates as Micrometer meters ({@code resilience4j_*}). */
  public RouteBreakers bindTo(MeterRegistry meters) {
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    return this;
  }

  /** How long an open breaker stays open. */
  public Duration openFor() {
    return settings.openFor();
  }

  /** The breaker of {@code platform}'s {@code route}, named like {@code youtube.api}. */
  public CircuitBreaker of(Platform platform, Route route) {
    return registry.circuitBreaker(platform.wireName() + "." + route.wireName());
  }

  /**
   * How the breakers judge a route; read from the environment, defaults in {@link #DEFAULTS}.
   *
   * @param window the last calls a failure rate is computed over ({@code ROUTE_BREAKER_WINDOW}, 20)
   * @param minimumCalls calls before a rate counts ({@code ROUTE_BREAKER_MIN_CALLS}, 10)
   * @param failureRatePercent transient failures that open it ({@code
   *     ROUTE_BREAKER_FAILURE_PERCENT}, 50)
   * @param openFor how long it stays open before trial calls ({@code ROUTE_BREAKER_OPEN_SECONDS},
   *     30)
   * @param halfOpenCalls trial calls that decide whether it closes ({@code
   *     ROUTE_BREAKER_HALF_OPEN_CALLS}, 3)
   */
  public record Settings(
      int window, int minimumCalls, int failureRatePercent, Duration openFor, int halfOpenCalls) {
    public static final Settings DEFAULTS = new Settings(20, 10, 50, Duration.ofSeconds(30), 3);

    public static Settings read(EnvSettings r) {
      return new Settings(
          r.integer("ROUTE_BREAKER_WINDOW", DEFAULTS.window(), 1, 10_000),
          r.integer("ROUTE_BREAKER_MIN_CALLS", DEFAULTS.minimumCalls(), 1, 10_000),
          r.integer("ROUTE_BREAKER_FAILURE_PERCENT", DEFAULTS.failureRatePercent(), 1, 100),
          r.seconds("ROUTE_BREAKER_OPEN_SECONDS", DEFAULTS.openFor(), 1, 3_600),
          r.integer("ROUTE_BREAKER_HALF_OPEN_CALLS", DEFAULTS.halfOpenCalls(), 1, 1_000));
    }
  }
}
