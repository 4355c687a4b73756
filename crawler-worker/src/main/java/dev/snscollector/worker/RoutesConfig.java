package dev.snscollector.worker;

import dev.snscollector.contracts.EnvSettings;
import dev.snscollector.worker.browser.BrowserConfig;
import dev.snscollector.worker.crawl.ProxyPools;
import dev.snscollector.worker.fetch.FetchRetry;
import dev.snscollector.worker.route.RouteBreakers;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How the worker reaches the platforms: API base URLs and budgets, the proxy pool, the browser, and
 * where public pages are fetched from. Read from the environment with {@link WorkerConfig}.
 *
 * @param siteBaseUrl fetch public pages from this origin instead of the sites ({@code
 *     SITE_BASE_URL}; local runs and tests only)
 * @param proxySettings the {@code PROXIES} (URIs, comma-separated; secret: credentials), {@code
 *     PROXY_FILE} (reloaded when it changes) and {@code PROXY_*} tuning variables, read by {@link
 *     dev.snscollector.worker.crawl.ProxyPools}
 * @param crawlSiteRate requests per second to one site over all proxies ({@code CRAWL_SITE_RATE};
 *     the fleet's with {@code REDIS_URL}, else each worker's; default 0: no cap beyond each proxy's
 *     {@code PROXY_DOMAIN_INTERVAL_MILLIS}), {@link dev.snscollector.worker.crawl.SiteRates}
 * @param allowDirect crawl without a proxy when none is configured ({@code PROXY_ALLOW_DIRECT},
 *     default false: production crawls only through proxies)
 * @param deferWhenNoProxy how long a job waits when no proxy is healthy ({@code
 *     NO_PROXY_DEFER_SECONDS}, default 60)
 * @param deferWhilePaused how long a job waits when every route it could take is paused by an
 *     operator ({@code /collector pause}; {@code PAUSE_DEFER_SECONDS}, default 30): after a resume,
 *     jobs start again within that
 * @param rateLimitRetries how many times a job that every route answered {@code rate_limited} is
 *     put back on the queue for after the platform's Retry-After (or {@code deferWhenNoProxy}
 *     without one) before that outcome is final ({@code RATE_LIMIT_RETRIES}, default 3; counted
 *     with the job's other deferrals; a wait longer than 15 minutes is final at once)
 * @param youtubeQuotaPerDay YouTube quota units this worker may spend per day and project ({@code
 *     YOUTUBE_QUOTA_UNITS_PER_DAY}, default 10000, the API's default quota)
 * @param redisUrl the Redis the fleet shares its budgets through ({@code REDIS_URL}, e.g. {@code
 *     redis://host:6379} or {@code rediss://} for TLS; secret: it may hold a password); null keeps
 *     every budget in this process
 * @param budgetDegradedPercent the share of a shared budget a worker spends alone while Redis does
 *     not answer ({@code BUDGET_DEGRADED_PERCENT}, default 10)
 * @param graphApiBaseUrl {@code GRAPH_API_BASE_URL}, default {@code
 *     https://graph.facebook.com/v21.0}
 * @param graphSlowFromPercent Graph usage from which calls are spaced out ({@code
 *     GRAPH_SLOW_FROM_PERCENT}, default 75)
 * @param graphMaxSpacing spacing between Graph calls just below the limit ({@code
 *     GRAPH_MAX_SPACING_MILLIS}, default 2000)
 * @param tiktokApiBaseUrl {@code TIKTOK_API_BASE_URL}, default {@code https://open.tiktokapis.com}
 * @param youtubeAnalyticsBaseUrl {@code YOUTUBE_ANALYTICS_BASE_URL}, default {@code
 *     https://youtubeanalytics.googleapis.com/v2}
 * @param tiktokRequestsPerMinute requests per minute per TikTok endpoint ({@code
 *     TIKTOK_REQUESTS_PER_MINUTE}, default 600)
 * @param browser whether the browser route runs ({@code BROWSER_ENABLED}, default false)
 * @param browserSettings the {@code BROWSER_*} variables {@link
 *     dev.snscollector.worker.browser.BrowserConfig} reads
 * @param breakers the circuit breakers' settings ({@code ROUTE_BREAKER_*}, {@link
 *     RouteBreakers.Settings})
 * @param fetchRetry how a request that failed transiently is retried within the job ({@code
 *     FETCH_RETRIES}, {@code FETCH_RETRY_BASE_MILLIS}, {@link FetchRetry.Settings})
 */
public record RoutesConfig(
    @Nullable String siteBaseUrl,
    Map<String, String> proxySettings,
    int crawlSiteRate,
    boolean allowDirect,
    Duration deferWhenNoProxy,
    Duration deferWhilePaused,
    int rateLimitRetries,
    int youtubeQuotaPerDay,
    @Nullable String redisUrl,
    int budgetDegradedPercent,
    String graphApiBaseUrl,
    int graphSlowFromPercent,
    Duration graphMaxSpacing,
    String tiktokApiBaseUrl,
    int tiktokRequestsPerMinute,
    String youtubeAnalyticsBaseUrl,
    boolean browser,
    Map<String, String> browserSettings,
    RouteBreakers.Settings breakers,
    FetchRetry.Settings fetchRetry) {

  public static final String DEFAULT_GRAPH_API = "https://graph.facebook.com/v21.0";
  public static final String DEFAULT_TIKTOK_API = "https://open.tiktokapis.com";
  public static final String DEFAULT_YOUTUBE_ANALYTICS =
      "https://youtubeanalytics.googleapis.com/v2";

  public RoutesConfig {
    proxySettings = Map.copyOf(proxySettings);
    browserSettings = Map.copyOf(browserSettings);
  }

  static RoutesConfig read(EnvSettings r) {
    // Checked here so that one start names every bad variable; built again from the maps below
    // by the pool and the browser.
    ProxyPools.config(r, false);
    BrowserConfig.read(r);
    return new RoutesConfig(
        r.optional("SITE_BASE_URL"),
        r.named("PROXIES", "PROXY_"),
        r.integer("CRAWL_SITE_RATE", 0, 0, 100_000),
        r.bool("PROXY_ALLOW_DIRECT", false),
        Duration.ofSeconds(r.integer("NO_PROXY_DEFER_SECONDS", 60, 1, 900)),
        Duration.ofSeconds(r.integer("PAUSE_DEFER_SECONDS", 30, 1, 900)),
        r.integer("RATE_LIMIT_RETRIES", 3, 0, 100),
        r.integer("YOUTUBE_QUOTA_UNITS_PER_DAY", 10_000, 1, 100_000_000),
        r.optional("REDIS_URL"),
        r.integer("BUDGET_DEGRADED_PERCENT", 10, 1, 100),
        r.string("GRAPH_API_BASE_URL", DEFAULT_GRAPH_API),
        r.integer("GRAPH_SLOW_FROM_PERCENT", 75, 1, 99),
        Duration.ofMillis(r.integer("GRAPH_MAX_SPACING_MILLIS", 2000, 0, 600_000)),
        r.string("TIKTOK_API_BASE_URL", DEFAULT_TIKTOK_API),
        r.integer("TIKTOK_REQUESTS_PER_MINUTE", 600, 1, 100_000),
        r.string("YOUTUBE_ANALYTICS_BASE_URL", DEFAULT_YOUTUBE_ANALYTICS),
        r.bool("BROWSER_ENABLED", false),
        r.named("BROWSER_ENABLED", "BROWSER_"),
        RouteBreakers.Settings.read(r),
        FetchRetry.Settings.read(r));
  }

  @Override
  public String toString() {
    return "RoutesConfig[site="
        + (siteBaseUrl == null ? "the sites" : siteBaseUrl)
        + ", proxies="
        + (proxySettings.containsKey("PROXIES")
            ? "<" + proxySettings.get("PROXIES").split(",").length + " configured>"
            : proxySettings.getOrDefault("PROXY_FILE", "none"))
        + ", allowDirect="
        + allowDirect
        + ", youtubeQuotaPerDay="
        + youtubeQuotaPerDay
        + ", budgets="
        + (redisUrl == null ? "in process" : "shared through Redis")
        + ", graph="
        + graphApiBaseUrl
        + ", tiktok="
        + tiktokApiBaseUrl
        + ", youtubeAnalytics="
        + youtubeAnalyticsBaseUrl
        + ", browser="
        + browser
        + "]";
  }
}
