package dev.snscollector.api;

import dev.snscollector.api.accounts.AccountRoutes;
import dev.snscollector.api.accounts.AccountStore;
import dev.snscollector.api.accounts.TokenRefresher;
import dev.snscollector.api.creators.CreatorData;
import dev.snscollector.api.creators.CreatorErasure;
import dev.snscollector.api.creators.CreatorPartitions;
import dev.snscollector.api.creators.CreatorRoutes;
import dev.snscollector.api.creators.RetentionSweep;
import dev.snscollector.api.db.Database;
import dev.snscollector.api.http.ApiServer;
import dev.snscollector.api.http.Route;
import dev.snscollector.api.http.Scope;
import dev.snscollector.api.jobs.CancelledJobsList;
import dev.snscollector.api.jobs.IdempotencyStore;
import dev.snscollector.api.jobs.JobObjects;
import dev.snscollector.api.jobs.JobRoutes;
import dev.snscollector.api.jobs.JobService;
import dev.snscollector.api.jobs.JobStore;
import dev.snscollector.api.jobs.OutboxDispatcher;
import dev.snscollector.api.keys.ApiKeyRoutes;
import dev.snscollector.api.keys.ApiKeyStore;
import dev.snscollector.api.ops.JobReplay;
import dev.snscollector.api.ops.PausedScopesList;
import dev.snscollector.api.reports.ReportRoutes;
import dev.snscollector.api.reports.ScheduleReports;
import dev.snscollector.api.results.ResultApplier;
import dev.snscollector.api.results.ResultConsumer;
import dev.snscollector.api.schedules.ScheduleRoutes;
import dev.snscollector.api.schedules.ScheduleStore;
import dev.snscollector.api.schedules.ScheduleTicker;
import dev.snscollector.api.slack.SlackCommands;
import dev.snscollector.api.slack.SlackPoster;
import dev.snscollector.api.webhooks.WebhookQueue;
import dev.snscollector.api.webhooks.WebhookRoutes;
import dev.snscollector.api.webhooks.WebhookSender;
import dev.snscollector.api.webhooks.WebhookSigner;
import dev.snscollector.contracts.tokens.KeyProvider;
import dev.snscollector.contracts.tokens.TokenSealer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One replica of the service, wired: the database (migrated at start), the SQS and S3 clients, the
 * HTTP server and the background loops (outbox, results, schedules, webhooks, token refresh,
 * clean-up). Replicas share nothing but the database, the queues and the bucket, so any number may
 * run side by side, in one JVM (as the tests do) or many.
 */
public final class CollectorApi implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CollectorApi.class);

  private final ApiConfig config;
  private final Database db;
  private final SqsClient sqs;
  private final S3Client s3;
  private final ApiKeyStore keys;
  private final OutboxDispatcher outbox;
  private final List<BackgroundLoop> loops = new ArrayList<>();
  private final ApiServer server;
  private final List<Route> routes;
  private final AtomicBoolean closed = new AtomicBoolean();

  private CollectorApi(ApiConfig config, Clock clock) {
    this.config = config;
    this.db =
        Database.open(
            config.database().url(),
            config.database().user(),
            config.database().password(),
            config.database().poolSize());
    this.sqs = AwsClients.sqs(config.aws());
    this.s3 = AwsClients.s3(config.aws());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.keys = new ApiKeyStore(db, clock);
    if (config.adminKey() != null) {
      keys.ensure("admin (API_ADMIN_KEY)", EnumSet.of(Scope.ADMIN), config.adminKey());
    }
    KeyProvider tokenKeys = config.tokens().keys();
    AccountStore accounts =
        new AccountStore(
            db,
            tokenKeys == null ? null : new TokenSealer(tokenKeys),
            clock,
            config.tokens().refreshWindow(),
            config.tokens().expiringWindow());
    JobStore jobStore = new JobStore(db);
    JobObjects objects = new JobObjects(s3);
    CancelledJobsList cancelledJobs =
        new CancelledJobsList(db, s3, config.aws().bucket(), config.cancelledJobs().keep(), clock);
    loop("cancelled-jobs", config.cancelledJobs().refresh(), cancelledJobs::refresh);
    IdempotencyStore idempotency = new IdempotencyStore(db);

    this.outbox = new OutboxDispatcher(db, sqs, config.aws().jobsQueueUrl(), clock, registry);
    BackgroundLoop outboxLoop = loop("outbox", config.loops().outbox(), outbox::dispatchOnce);
    RetentionSweep sweep =
        new RetentionSweep(db, s3, config.aws().bucket(), config.dataRetention(), clock, registry);
    loop("retention", config.dataRetention().every(), sweep::sweepOnce);
    CreatorPartitions partitions =
        new CreatorPartitions(db, s3, config.aws().bucket(), config.partitions(), clock, registry);
    loop("partitions", config.partitions().every(), partitions::flushOnce);
    loop(
        "idempotency-purge",
        Duration.ofHours(1),
        () -> {
          idempotency.purge(clock.instant().minus(config.idempotencyRetention()));
          return false;
        });

    JobService jobs =
        new JobService(
            db, jobStore, accounts, idempotency, cancelledJobs, clock, registry, outboxLoop::nudge);

    ApiConfig.Webhooks hooks = config.webhooks();
    WebhookQueue webhooks = new WebhookQueue(hooks.enabled());
    if (hooks.url() != null && hooks.secret() != null) {
      WebhookSender sender =
          new WebhookSender(
              db,
              hooks.url(),
              new WebhookSigner(hooks.secret()),
              hooks.maxAttempts(),
              hooks.backoffBase(),
              hooks.backoffMax(),
              hooks.timeout(),
              clock,
              registry);
      loop("webhooks", config.loops().webhooks(), sender::deliverOnce);
    }
    ResultConsumer results =
        new ResultConsumer(
            db,
            sqs,
            config.aws().resultsQueueUrl(),
            new ResultApplier(accounts, webhooks),
            config.loops().resultsWait(),
            clock,
            registry);
    loop("results", Duration.ofMillis(100), results::pollOnce);
    TokenRefresher refresher =
        new TokenRefresher(
            db,
            accounts,
            webhooks,
            config.tokens().instagramGraphBaseUrl(),
            config.tokens().google(),
            config.tokens().tiktok(),
            clock,
            registry);
    loop("token-refresh", config.loops().tokenRefresh(), refresher::refreshOnce);

    ScheduleStore schedules = new ScheduleStore(db);
    ScheduleTicker ticker = new ScheduleTicker(db, jobStore, clock, registry, outboxLoop::nudge);
    loop("schedules", config.loops().schedules(), ticker::tickOnce);

    SlackPoster slackPoster = new SlackPoster(Duration.ofSeconds(10));
    java.net.URI slackWebhook = config.slack().webhookUrl();
    ScheduleReports reports =
        new ScheduleReports(db, slackPoster, slackWebhook, Duration.ofHours(6), clock, registry);
    if (slackWebhook != null) {
      loop("schedule-reports", config.slack().reportPoll(), reports::reportOnce);
    }

    List<Route> routes = new ArrayList<>();
    this.routes = routes;
    routes.addAll(new SystemRoutes(db, registry).routes());
    routes.addAll(new JobRoutes(jobs, jobStore, objects).routes());
    routes.addAll(new AccountRoutes(accounts).routes());
    routes.addAll(new ScheduleRoutes(db, schedules, accounts, clock).routes());
    routes.addAll(new WebhookRoutes(db, clock).routes());
    routes.addAll(new ApiKeyRoutes(keys).routes());
    routes.addAll(new ReportRoutes(db, slackPoster, slackWebhook).routes());
    routes.addAll(
        new SlackCommands(
                db,
                jobStore,
                sqs,
                config.aws().jobsQueueUrl(),
                new PausedScopesList(db, s3, config.aws().bucket(), clock),
                new JobReplay(db, jobStore, clock, outboxLoop::nudge),
                config.slack(),
                clock)
            .routes());
    routes.addAll(
        new CreatorRoutes(
                new CreatorErasure(db, s3, config.aws().bucket(), clock), new CreatorData(db))
            .routes());
    this.server =
        ApiServer.start(
            config.http().host(),
            config.http().port(),
            config.http().maxBodyBytes(),
            config.http().shutdownGrace(),
            routes,
            keys,
            registry);
    log.info("collector-api listening on port {} ({})", server.port(), config);
  }

  private BackgroundLoop loop(String name, Duration idle, java.util.function.BooleanSupplier pass) {
    BackgroundLoop loop = new BackgroundLoop(name, idle, pass);
    loops.add(loop);
    return loop;
  }

  /**
   * Starts a replica: migrates the database, starts the loops, listens.
   *
   * @throws RuntimeException when the database cannot be reached or migrated, or the port is taken
   */
  public static CollectorApi start(ApiConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** As {@link #start(ApiConfig)}, with the clock schedules and expiries are judged by. */
  public static CollectorApi start(ApiConfig config, Clock clock) {
    return new CollectorApi(config, clock);
  }

  public int port() {
    return server.port();
  }

  /** The base URL on the loopback interface, for local use. */
  public URI localUrl() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The API keys, for creating the development key of a local run. */
  public ApiKeyStore keys() {
    return keys;
  }

  /** Jobs accepted and not yet on the jobs queue. */
  public long outboxPending() {
    return outbox.pending();
  }

  /** Every route the server answers, as {@code "GET /v1/jobs/{id}"}. */
  public List<String> registeredRoutes() {
    return server.registeredRoutes();
  }

  /** The scope each route of the table needs ({@code ""} for the open ones), by route. */
  public Map<String, String> routeScopes() {
    Map<String, String> scopes = new TreeMap<>();
    for (Route r : routes) {
      scopes.put(r.method().name() + " " + r.path(), r.scope() == null ? "" : r.scope().wireName());
    }
    return scopes;
  }

  /**
   * Stops gracefully: no new requests, requests in flight finish, each loop finishes its pass, then
   * the clients and the pool close. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.close();
    for (BackgroundLoop loop : loops) {
      loop.stop(config.http().shutdownGrace());
    }
    sqs.close();
    s3.close();
    db.close();
    log.info("collector-api stopped");
  }
}
