package dev.snscollector.worker;

import dev.snscollector.capture.PausedScopes;
import dev.snscollector.capture.S3Layout;
import dev.snscollector.contracts.tokens.TokenSealer;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.proxypool.ProxyPoolMetrics;
import dev.snscollector.worker.browser.BrowserConfig;
import dev.snscollector.worker.browser.BrowserFetcher;
import dev.snscollector.worker.browser.BrowserPageFetcher;
import dev.snscollector.worker.budget.GraphUsageGovernor;
import dev.snscollector.worker.budget.Pacer;
import dev.snscollector.worker.budget.RedisCounters;
import dev.snscollector.worker.budget.RequestWindow;
import dev.snscollector.worker.budget.YoutubeQuota;
import dev.snscollector.worker.crawl.CrawlFetcher;
import dev.snscollector.worker.crawl.ProxyPools;
import dev.snscollector.worker.crawl.SiteRates;
import dev.snscollector.worker.fetch.BodyBudget;
import dev.snscollector.worker.fetch.FetchRetry;
import dev.snscollector.worker.fetch.HttpFetcher;
import dev.snscollector.worker.instagram.InstagramGraphClient;
import dev.snscollector.worker.instagram.InstagramGraphCollector;
import dev.snscollector.worker.instagram.InstagramWebCollector;
import dev.snscollector.worker.naver.NaverBlogCollector;
import dev.snscollector.worker.queue.ResultPublisher;
import dev.snscollector.worker.queue.SqsJobQueue;
import dev.snscollector.worker.route.PageFetcher;
import dev.snscollector.worker.route.PlannedCollector;
import dev.snscollector.worker.route.RouteBreakers;
import dev.snscollector.worker.route.RouteCollector;
import dev.snscollector.worker.route.SiteUrls;
import dev.snscollector.worker.store.CancelledJobsWatch;
import dev.snscollector.worker.store.ControlObjectWatch;
import dev.snscollector.worker.store.JobStore;
import dev.snscollector.worker.tiktok.TiktokApiClient;
import dev.snscollector.worker.tiktok.TiktokApiCollector;
import dev.snscollector.worker.tiktok.TiktokWebCollector;
import dev.snscollector.worker.youtube.YoutubeAnalyticsClient;
import dev.snscollector.worker.youtube.YoutubeApiCollector;
import dev.snscollector.worker.youtube.YoutubeCredential;
import dev.snscollector.worker.youtube.YoutubeDataApiClient;
import dev.snscollector.worker.youtube.YoutubeWebCollector;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A worker wired from its configuration: AWS clients, queue, store, collectors, metrics. The
 * production entry point, the demo and the tests all build workers through this class.
 */
public final class WorkerRuntime implements AutoCloseable {
  /** Largest response body a fetch accepts. */
  public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

  private final WorkerConfig config;
  private final SqsClient sqs;
  private final S3Client s3;
  private final OkHttpClient http;
  private final SqsJobQueue queue;
  private final ResultPublisher results;
  private final PrometheusMeterRegistry registry;
  private final Worker worker;
  private final @Nullable MetricsServer metricsServer;
  private final ProxyPool proxyPool;
  private final CrawlFetcher crawl;
  private final BodyBudget bodies;
  private final CancelledJobsWatch cancellations;
  private final ControlObjectWatch<PausedScopes> pauses;
  private @Nullable BrowserFetcher browser;
  private final @Nullable RedisCounters sharedBudgets;

  public WorkerRuntime(WorkerConfig config) {
    this(config, Clock.systemUTC());
  }

  /**
   * @param clock the clock budgets, leases and job timing read: the system's, except in tests that
   *     move a worker past a budget's reset
   */
  public WorkerRuntime(WorkerConfig config, Clock clock) {
    this.config = config;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AwsRequestMetrics awsRequests = new AwsRequestMetrics(registry);
    this.sqs =
        AwsClients.sqs(config.sqsEndpoint(), config.region(), config.awsCredentials(), awsRequests);
    this.s3 =
        AwsClients.s3(config.s3Endpoint(), config.region(), config.awsCredentials(), awsRequests);
    this.http = HttpFetcher.newClient(config.concurrency());
    this.queue = new SqsJobQueue(sqs, config.jobsQueueUrl(), config.deadLetterQueueUrl(), clock);
    this.results = new ResultPublisher(sqs, config.resultsQueueUrl());
    WorkerMetrics metrics = new WorkerMetrics(registry);
    this.bodies = config.bodyBudget();
    YoutubeCredential youtubeKey =
        config.youtubeApiKey() == null
            ? new YoutubeCredential.None()
            : new YoutubeCredential.ApiKey(config.youtubeApiKey());
    RoutesConfig routes = config.routes();
    RetryRegistry retries = FetchRetry.registry(registry);
    HttpFetcher fetcher =
        new HttpFetcher(
            http,
            clock,
            MAX_BODY_BYTES,
            bodies,
            FetchRetry.of("fetch", routes.fetchRetry(), retries));
    this.sharedBudgets = routes.redisUrl() == null ? null : new RedisCounters(routes.redisUrl());
    YoutubeQuota youtubeQuota =
        new YoutubeQuota(
            routes.youtubeQuotaPerDay(), clock, sharedBudgets, routes.budgetDegradedPercent());
    Gauge.builder("collector_budget_shared", youtubeQuota, YoutubeQuota::sharedState)
        .description(
            "1 while the fleet's shared budgets (Redis) answer, 0 while this worker counts alone"
                + " because they do not, -1 without REDIS_URL")
        .register(registry);
    this.proxyPool =
        ProxyPools.fromEnvironment(routes.proxySettings(), clock, routes.allowDirect());
    ProxyPoolMetrics proxyMetrics = new ProxyPoolMetrics(proxyPool, registry);
    SiteUrls sites = SiteUrls.from(routes.siteBaseUrl());
    this.crawl =
        new CrawlFetcher(
            proxyPool,
            http,
            clock,
            MAX_BODY_BYTES,
            sites,
            bodies,
            FetchRetry.of("crawl", routes.fetchRetry(), retries),
            SiteRates.of(
                routes.crawlSiteRate(),
                sharedBudgets,
                routes.budgetDegradedPercent(),
                clock,
                registry));
    TokenSealer tokens = config.tokenKeys() == null ? null : new TokenSealer(config.tokenKeys());
    ParserRegistry parsers = ParserRegistry.defaults();
    List<RouteCollector> routeCollectors = new ArrayList<>();
    routeCollectors.add(
        new YoutubeApiCollector(
            new YoutubeDataApiClient(fetcher, config.youtubeApiBaseUrl()),
            new YoutubeAnalyticsClient(fetcher, routes.youtubeAnalyticsBaseUrl()),
            parsers,
            youtubeKey,
            tokens,
            youtubeQuota,
            clock));
    if (ProxyPools.configured(routes.proxySettings(), routes.allowDirect())) {
      // Without proxies (and without the direct route allowed) there are no page routes at all:
      // jobs end on their API answer instead of waiting for a proxy that will never come.
      routeCollectors.addAll(webCollectors(crawl, parsers, clock));
      if (routes.browser()) {
        BrowserConfig browserConfig = BrowserConfig.fromEnvironment(routes.browserSettings());
        if (!browserConfig.executableAvailable()) {
          throw new IllegalArgumentException(
              "BROWSER_ENABLED=true but no Chromium at " + browserConfig.executable());
        }
        this.browser = new BrowserFetcher(proxyPool, browserConfig, clock);
        routeCollectors.addAll(
            webCollectors(
                new BrowserPageFetcher(
                    browser, crawl, sites, FetchRetry.of("browser", routes.fetchRetry(), retries)),
                parsers,
                clock));
      }
    }
    routeCollectors.add(
        new TiktokApiCollector(
            new TiktokApiClient(fetcher, routes.tiktokApiBaseUrl()),
            parsers,
            tokens,
            new RequestWindow(
                routes.tiktokRequestsPerMinute(),
                Duration.ofMinutes(1),
                clock,
                sharedBudgets,
                routes.budgetDegradedPercent()),
            Pacer.SLEEP,
            clock));
    routeCollectors.add(
        new InstagramGraphCollector(
            new InstagramGraphClient(fetcher, routes.graphApiBaseUrl()),
            parsers,
            tokens,
            new GraphUsageGovernor(
                routes.graphSlowFromPercent(), routes.graphMaxSpacing(), clock, sharedBudgets),
            Pacer.SLEEP,
            InstagramGraphCollector.DEFAULT_PAGE_SIZE,
            clock));
    this.pauses =
        new ControlObjectWatch<>(
            s3,
            config.bucket(),
            S3Layout.pausedScopesKey(),
            "paused-scopes list",
            PausedScopes::decode,
            PausedScopes.NONE,
            config.cancellationsPoll(),
            ControlObjectWatch.defaultMaxAge(config.cancellationsPoll()),
            clock);
    metrics.pausedScopes(pauses);
    PlannedCollector collectors =
        new PlannedCollector(
            routeCollectors,
            new RouteBreakers(routes.breakers()).bindTo(registry),
            pauses::lastKnown,
            routes.deferWhilePaused());
    this.cancellations =
        new CancelledJobsWatch(
            s3,
            config.bucket(),
            config.cancellationsPoll(),
            CancelledJobsWatch.defaultMaxAge(config.cancellationsPoll()),
            clock);
    metrics.cancelledJobs(cancellations);
    JobHandler handler =
        new JobHandler(
            config,
            queue,
            results,
            new JobStore(s3, config.bucket(), parsers::schemaVersion, cancellations),
            new JobSecrets(config.youtubeApiKey(), tokens),
            collectors,
            metrics,
            clock);
    this.worker = new Worker(config, queue, handler, metrics, bodies);
    metrics.bodyBudget(bodies);
    this.metricsServer =
        config.metricsPort() < 0
            ? null
            : new MetricsServer(
                config.metricsPort(),
                registry,
                // Healthy once it takes jobs: an orchestrator (or a test) that sees it healthy
                // may stop it, and the stop is then graceful and logged.
                worker::receiving,
                proxyMetrics::registerNewProxies);
  }

  /** The collectors of every platform's public pages, over one page route (crawl or browser). */
  private static List<RouteCollector> webCollectors(
      PageFetcher pages, ParserRegistry parsers, Clock clock) {
    return List.of(
        new YoutubeWebCollector(pages, parsers, clock),
        new InstagramWebCollector(pages, parsers, clock),
        new TiktokWebCollector(pages, parsers, clock),
        new NaverBlogCollector(pages, parsers, clock));
  }

  public WorkerRuntime start() {
    cancellations.start(); // the lists are read before the first job is received
    pauses.start();
    worker.start();
    return this;
  }

  public Worker worker() {
    return worker;
  }

  public WorkerConfig config() {
    return config;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public int metricsPort() {
    return metricsServer == null ? -1 : metricsServer.port();
  }

  /** Graceful stop: see {@link Worker#shutdown(Duration)}. */
  public void shutdown(Duration grace) {
    worker.shutdown(grace);
    cancellations.close();
    pauses.close();
    results.close();
    queue.close();
    if (metricsServer != null) {
      metricsServer.close();
    }
    crawl.close();
    if (browser != null) {
      browser.close();
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    sqs.close();
    s3.close();
    if (sharedBudgets != null) {
      sharedBudgets.close();
    }
  }

  @Override
  public void close() {
    shutdown(config.shutdownGrace());
  }
}
