package dev.snscollector.worker.crawl;

import dev.snscollector.worker.budget.Pacer;
import dev.snscollector.worker.budget.RequestWindow;
import dev.snscollector.worker.budget.SharedCounters;
import dev.snscollector.worker.route.RouteUnavailableException;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Politeness per site, over every proxy: at most {@code perSecond} requests a second to one host
 * ({@code CRAWL_SITE_RATE}). The proxy pool already spaces the requests of each proxy to a site
 * ({@code PROXY_DOMAIN_INTERVAL_MILLIS}); this caps what all of them send together, so a large pool
 * cannot hammer one site.
 *
 * <p>Without shared counters the cap is this worker's, a resilience4j {@link RateLimiter} per host
 * (its metrics are {@code resilience4j_ratelimiter_*}). With them ({@code REDIS_URL}) it is the
 * fleet's: a {@link RequestWindow} of one second per host that every worker counts against, and
 * that falls back to this worker's own share of the cap while Redis does not answer. A request
 * waits up to {@link #MAX_WAIT} (by default) for its slot; a site that busy defers the job ({@code
 * site_rate}).
 */
public final class SiteRates {
  /** How long a request waits for its site's slot before the job is put back for later. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(5);

  private static final Duration DEFER = Duration.ofSeconds(10);

  /** No cap: every request goes at once. */
  public static final SiteRates NONE = new SiteRates(null, null, MAX_WAIT);

  private final @Nullable RateLimiterRegistry local;
  private final @Nullable RequestWindow fleet;
  private final Duration maxWait;

  private SiteRates(
      @Nullable RateLimiterRegistry local, @Nullable RequestWindow fleet, Duration maxWait) {
    this.local = local;
    this.fleet = fleet;
    this.maxWait = maxWait;
  }

  /**
   * @param perSecond requests a second per host; 0 for no cap
   * @param shared the fleet's counters ({@code REDIS_URL}), or null for this worker's own cap
   * @param degradedPercent the share of the cap this worker uses alone while Redis does not answer
   */
  public static SiteRates of(
      int perSecond,
      @Nullable SharedCounters shared,
      int degradedPercent,
      Clock clock,
      MeterRegistry meters) {
    return of(perSecond, shared, degradedPercent, clock, meters, MAX_WAIT);
  }

  /**
   * As {@link #of(int, SharedCounters, int, Clock, MeterRegistry)}, waiting up to {@code maxWait}.
   */
  public static SiteRates of(
      int perSecond,
      @Nullable SharedCounters shared,
      int degradedPercent,
      Clock clock,
      MeterRegistry meters,
      Duration maxWait) {
    if (perSecond < 0) {
      throw new IllegalArgumentException("a site's request rate cannot be negative");
    }
    if (perSecond == 0) {
      return NONE;
    }
    if (shared != null) {
      return new SiteRates(
          null,
          new RequestWindow(perSecond, Duration.ofSeconds(1), clock, shared, degradedPercent),
          maxWait);
    }
    RateLimiterRegistry registry =
        RateLimiterRegistry.of(
            RateLimiterConfig.custom()
                .limitForPeriod(perSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(maxWait)
                .build());
    TaggedRateLimiterMetrics.ofRateLimiterRegistry(registry).bindTo(meters);
    return new SiteRates(registry, null, maxWait);
  }

  /**
   * Takes the next request slot for {@code host}, waiting for it up to the limiter's wait.
   *
   * @throws RouteUnavailableException ({@code site_rate}) when the site is busier than that
   */
  public void acquire(String host) {
    RateLimiterRegistry limiters = local;
    if (limiters != null) {
      if (!limiters.rateLimiter(host).acquirePermission()) {
        throw busy(host);
      }
      return;
    }
    RequestWindow window = fleet;
    if (window != null) {
      Duration wait = window.reserve("site:" + host, maxWait);
      if (wait.compareTo(maxWait) > 0) {
        throw busy(host);
      }
      if (!wait.isZero()) {
        Pacer.SLEEP.pause(wait);
      }
    }
  }

  private static RouteUnavailableException busy(String host) {
    return new RouteUnavailableException(
        host
            + " is at its request rate (CRAWL_SITE_RATE) for longer than "
            + MAX_WAIT.toSeconds()
            + " s",
        "site_rate",
        DEFER);
  }
}
