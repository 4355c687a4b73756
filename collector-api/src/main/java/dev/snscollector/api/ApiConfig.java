package dev.snscollector.api;

import dev.snscollector.api.accounts.TokenRefresher;
import dev.snscollector.api.creators.CreatorPartitions;
import dev.snscollector.api.creators.RetentionSweep;
import dev.snscollector.api.slack.SlackCommands;
import dev.snscollector.contracts.EnvSettings;
import dev.snscollector.contracts.tokens.KeyProvider;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything the service is configured with, from environment variables, so that the same binary
 * runs against AWS and a managed PostgreSQL or against the local stand-ins. Secrets (database
 * password, AWS secret, webhook secret, admin key, token keys) never appear in {@link #toString()}.
 *
 * @param http where to listen and how large a request body may be
 * @param database the PostgreSQL server
 * @param aws the SQS queues and S3 bucket
 * @param tokens the key ring tokens are sealed with, and the Instagram refresh settings
 * @param webhooks where and how the platform is notified
 * @param loops how often the background loops look for work
 * @param idempotencyRetention how long a response is kept under its Idempotency-Key
 * @param cancelledJobs the cancelled-jobs list the workers poll (ADR 0007)
 * @param dataRetention how long finished jobs (with their objects) and webhook deliveries are kept
 *     ({@code RETENTION_*}, {@link RetentionSweep.Settings})
 * @param partitions how records reach the creator layout ({@code PARTITION_*}, {@link
 *     CreatorPartitions.Settings})
 * @param slack the Slack slash commands ({@code SLACK_*}, {@link SlackCommands.Settings})
 * @param adminKey an API key with the {@code admin} scope ensured at start ({@code API_ADMIN_KEY}),
 *     how an operator bootstraps the service; null for none
 */
public record ApiConfig(
    Http http,
    Database database,
    Aws aws,
    Tokens tokens,
    Webhooks webhooks,
    Loops loops,
    Duration idempotencyRetention,
    CancelledJobs cancelledJobs,
    RetentionSweep.Settings dataRetention,
    CreatorPartitions.Settings partitions,
    SlackCommands.Settings slack,
    @Nullable String adminKey) {

  /**
   * @param keep how long a cancelled job no worker reported on stays on the list ({@code
   *     CANCELLED_JOBS_KEEP_DAYS}, default 14: SQS's longest message retention)
   * @param refresh how often each replica compares the list with the database and rewrites it when
   *     they differ ({@code CANCELLED_JOBS_REFRESH_SECONDS}, default 60)
   */
  public record CancelledJobs(Duration keep, Duration refresh) {}

  /**
   * @param host interface to bind ({@code API_HOST}, default {@code 0.0.0.0})
   * @param port port ({@code API_PORT}, default 8080; 0 picks a free one)
   * @param maxBodyBytes largest accepted request body ({@code API_MAX_BODY_BYTES}, default 2 MiB: a
   *     batch of 1,000 jobs is about 200 KB)
   * @param shutdownGrace how long a stop waits for requests and loops ({@code
   *     SHUTDOWN_GRACE_SECONDS}, default 10)
   */
  public record Http(String host, int port, int maxBodyBytes, Duration shutdownGrace) {}

  /**
   * @param url JDBC URL ({@code DATABASE_URL}, required), e.g. {@code
   *     jdbc:postgresql://db:5432/collector}
   * @param user {@code DATABASE_USER}
   * @param password {@code DATABASE_PASSWORD}; never printed
   * @param poolSize connections per replica ({@code DATABASE_POOL_SIZE}, default 10, at least 2:
   *     migrations hold two)
   */
  public record Database(
      String url, @Nullable String user, @Nullable String password, int poolSize) {
    @Override
    public String toString() {
      return "Database[url="
          + url.replaceAll("(?i)password=[^&;]*", "password=<redacted>")
          + ", user="
          + user
          + ", password="
          + (password == null ? "unset" : "<redacted>")
          + ", poolSize="
          + poolSize
          + "]";
    }
  }

  /**
   * @param sqsEndpoint {@code SQS_ENDPOINT}; null means AWS's regional endpoint
   * @param s3Endpoint {@code S3_ENDPOINT}; null means AWS; set implies path-style access
   * @param region {@code AWS_REGION}, default {@code us-east-1}
   * @param accessKeyId {@code AWS_ACCESS_KEY_ID}; null means the SDK's default chain
   * @param secretAccessKey {@code AWS_SECRET_ACCESS_KEY}; never printed
   * @param jobsQueueUrl {@code JOBS_QUEUE_URL}, required
   * @param resultsQueueUrl {@code RESULTS_QUEUE_URL}, required
   * @param bucket the workers' bucket ({@code BUCKET}, required): records are read from it and
   *     cancel markers written to it
   */
  public record Aws(
      @Nullable URI sqsEndpoint,
      @Nullable URI s3Endpoint,
      String region,
      @Nullable String accessKeyId,
      @Nullable String secretAccessKey,
      String jobsQueueUrl,
      String resultsQueueUrl,
      String bucket) {
    @Override
    public String toString() {
      return "Aws[sqs="
          + (sqsEndpoint == null ? "aws" : sqsEndpoint)
          + ", s3="
          + (s3Endpoint == null ? "aws" : s3Endpoint)
          + ", region="
          + region
          + ", keys="
          + (accessKeyId == null ? "default chain" : accessKeyId + "/<redacted>")
          + ", jobs="
          + jobsQueueUrl
          + ", results="
          + resultsQueueUrl
          + ", bucket="
          + bucket
          + "]";
    }
  }

  /**
   * @param keys token keys ({@code TOKEN_KEYS}, or {@code TOKEN_KEYS_FILE} re-read when it changes,
   *     and {@code TOKEN_ACTIVE_KEY}); null means tokens cannot be stored (503)
   * @param instagramGraphBaseUrl where Instagram long-lived tokens are refreshed ({@code
   *     INSTAGRAM_GRAPH_BASE_URL}, default {@code https://graph.instagram.com})
   * @param refreshWindow refresh an Instagram token this long before it expires ({@code
   *     TOKEN_REFRESH_WINDOW_HOURS}, default 240: tokens live 60 days)
   * @param expiringWindow a token expiring within this is reported {@code expiring} ({@code
   *     TOKEN_EXPIRING_DAYS}, default 7)
   * @param google where YouTube tokens are renewed with their refresh tokens ({@code
   *     GOOGLE_OAUTH_TOKEN_URL}, default {@code https://oauth2.googleapis.com/token}; {@code
   *     GOOGLE_OAUTH_CLIENT_ID}, {@code GOOGLE_OAUTH_CLIENT_SECRET}, secret: without them YouTube
   *     tokens are not renewed)
   * @param tiktok where TikTok tokens are renewed ({@code TIKTOK_OAUTH_TOKEN_URL}, default {@code
   *     https://open.tiktokapis.com/v2/oauth/token/}; {@code TIKTOK_CLIENT_KEY}, {@code
   *     TIKTOK_CLIENT_SECRET}, secret)
   */
  public record Tokens(
      @Nullable KeyProvider keys,
      URI instagramGraphBaseUrl,
      Duration refreshWindow,
      Duration expiringWindow,
      TokenRefresher.OAuthClient google,
      TokenRefresher.OAuthClient tiktok) {}

  /**
   * @param url the platform's webhook endpoint ({@code WEBHOOK_URL}); null turns webhooks off
   * @param secret HMAC-SHA256 signing secret ({@code WEBHOOK_SECRET}, required with a URL)
   * @param maxAttempts attempts before a delivery is given up ({@code WEBHOOK_MAX_ATTEMPTS},
   *     default 12)
   * @param backoffBase delay after the first failure, doubled after each ({@code
   *     WEBHOOK_BACKOFF_BASE_MILLIS}, default 2000)
   * @param backoffMax longest delay between attempts ({@code WEBHOOK_BACKOFF_MAX_SECONDS}, default
   *     3600)
   * @param timeout per-request timeout ({@code WEBHOOK_TIMEOUT_SECONDS}, default 10)
   */
  public record Webhooks(
      @Nullable URI url,
      @Nullable String secret,
      int maxAttempts,
      Duration backoffBase,
      Duration backoffMax,
      Duration timeout) {
    public boolean enabled() {
      return url != null && secret != null;
    }

    @Override
    public String toString() {
      return "Webhooks[url="
          + (url == null ? "off" : url.getScheme() + "://" + url.getAuthority() + url.getPath())
          + ", secret="
          + (secret == null ? "unset" : "<redacted>")
          + ", maxAttempts="
          + maxAttempts
          + ", backoff="
          + backoffBase
          + ".."
          + backoffMax
          + "]";
    }
  }

  /**
   * @param outbox how often the outbox is checked besides the nudge after each submission ({@code
   *     OUTBOX_POLL_MILLIS}, default 250)
   * @param schedules how often due schedules are looked for ({@code SCHEDULE_POLL_MILLIS}, default
   *     500)
   * @param webhooks how often due deliveries are looked for ({@code WEBHOOK_POLL_MILLIS}, default
   *     500)
   * @param tokenRefresh how often tokens due for refresh are looked for ({@code
   *     TOKEN_REFRESH_POLL_SECONDS}, default 300)
   * @param resultsWait SQS long-poll wait on the results queue ({@code RESULTS_WAIT_SECONDS},
   *     default 10)
   */
  public record Loops(
      Duration outbox,
      Duration schedules,
      Duration webhooks,
      Duration tokenRefresh,
      Duration resultsWait) {}

  /**
   * Reads the configuration from an environment map.
   *
   * @throws IllegalArgumentException naming every missing or malformed setting at once (values of
   *     secrets are never quoted)
   */
  public static ApiConfig fromEnvironment(Map<String, String> env) {
    EnvSettings r = new EnvSettings(env, "collector-api");
    Http http =
        new Http(
            r.string("API_HOST", "0.0.0.0"),
            r.integer("API_PORT", 8080, 0, 65535),
            r.integer("API_MAX_BODY_BYTES", 2 * 1024 * 1024, 1024, 64 * 1024 * 1024),
            r.seconds("SHUTDOWN_GRACE_SECONDS", Duration.ofSeconds(10), 0, 600));
    Database database =
        new Database(
            r.required("DATABASE_URL"),
            r.optional("DATABASE_USER"),
            r.optional("DATABASE_PASSWORD"),
            r.integer("DATABASE_POOL_SIZE", 10, 2, 500));
    if (!database.url().isEmpty() && !database.url().startsWith("jdbc:postgresql:")) {
      r.problem("DATABASE_URL must be a jdbc:postgresql: URL");
    }
    String accessKey = r.optional("AWS_ACCESS_KEY_ID");
    String secretKey = r.optional("AWS_SECRET_ACCESS_KEY");
    if ((accessKey == null) != (secretKey == null)) {
      r.problem("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together");
    }
    Aws aws =
        new Aws(
            r.uri("SQS_ENDPOINT"),
            r.uri("S3_ENDPOINT"),
            r.string("AWS_REGION", "us-east-1"),
            accessKey,
            secretKey,
            r.required("JOBS_QUEUE_URL"),
            r.required("RESULTS_QUEUE_URL"),
            r.required("BUCKET"));
    KeyProvider keys = null;
    try {
      keys = KeyProvider.fromEnvironment(env, Clock.systemUTC()).orElse(null);
      if (keys != null) {
        keys.current(); // a broken ring fails at start, not on the first token
      }
    } catch (RuntimeException e) {
      r.problem("token keys: " + e.getMessage());
    }
    Tokens tokens =
        new Tokens(
            keys,
            r.uri("INSTAGRAM_GRAPH_BASE_URL", "https://graph.instagram.com"),
            Duration.ofHours(r.integer("TOKEN_REFRESH_WINDOW_HOURS", 240, 1, 24 * 59)),
            Duration.ofDays(r.integer("TOKEN_EXPIRING_DAYS", 7, 0, 365)),
            new TokenRefresher.OAuthClient(
                "Google",
                r.uri("GOOGLE_OAUTH_TOKEN_URL", TokenRefresher.GOOGLE_TOKEN_URL),
                "client_id",
                r.optional("GOOGLE_OAUTH_CLIENT_ID"),
                r.optional("GOOGLE_OAUTH_CLIENT_SECRET")),
            new TokenRefresher.OAuthClient(
                "TikTok",
                r.uri("TIKTOK_OAUTH_TOKEN_URL", TokenRefresher.TIKTOK_TOKEN_URL),
                "client_key",
                r.optional("TIKTOK_CLIENT_KEY"),
                r.optional("TIKTOK_CLIENT_SECRET")));
    URI webhookUrl = r.uri("WEBHOOK_URL");
    String webhookSecret = r.optional("WEBHOOK_SECRET");
    if (webhookUrl != null && webhookSecret == null) {
      r.problem("WEBHOOK_SECRET is required with WEBHOOK_URL");
    }
    Webhooks webhooks =
        new Webhooks(
            webhookUrl,
            webhookSecret,
            r.integer("WEBHOOK_MAX_ATTEMPTS", 12, 1, 100),
            r.millis("WEBHOOK_BACKOFF_BASE_MILLIS", Duration.ofSeconds(2), 1, 3_600_000),
            r.seconds("WEBHOOK_BACKOFF_MAX_SECONDS", Duration.ofHours(1), 1, 86_400),
            r.seconds("WEBHOOK_TIMEOUT_SECONDS", Duration.ofSeconds(10), 1, 300));
    Loops loops =
        new Loops(
            r.millis("OUTBOX_POLL_MILLIS", Duration.ofMillis(250), 10, 60_000),
            r.millis("SCHEDULE_POLL_MILLIS", Duration.ofMillis(500), 10, 60_000),
            r.millis("WEBHOOK_POLL_MILLIS", Duration.ofMillis(500), 10, 60_000),
            r.seconds("TOKEN_REFRESH_POLL_SECONDS", Duration.ofMinutes(5), 1, 86_400),
            r.seconds("RESULTS_WAIT_SECONDS", Duration.ofSeconds(10), 0, 20));
    Duration retention =
        Duration.ofHours(r.integer("IDEMPOTENCY_RETENTION_HOURS", 168, 1, 24 * 365));
    CancelledJobs cancelledJobs =
        new CancelledJobs(
            Duration.ofDays(r.integer("CANCELLED_JOBS_KEEP_DAYS", 14, 1, 365)),
            r.seconds("CANCELLED_JOBS_REFRESH_SECONDS", Duration.ofSeconds(60), 1, 86_400));
    int jobDays = r.integer("RETENTION_JOB_DAYS", 180, 0, 36_500);
    int webhookDays = r.integer("RETENTION_WEBHOOK_DAYS", 30, 0, 36_500);
    RetentionSweep.Settings dataRetention =
        new RetentionSweep.Settings(
            jobDays == 0 ? null : Duration.ofDays(jobDays),
            webhookDays == 0 ? null : Duration.ofDays(webhookDays),
            r.seconds("RETENTION_SWEEP_SECONDS", Duration.ofHours(1), 1, 86_400));
    CreatorPartitions.Settings partitions =
        new CreatorPartitions.Settings(
            r.seconds("PARTITION_FLUSH_SECONDS", Duration.ofSeconds(60), 1, 86_400),
            r.integer("PARTITION_BATCH_JOBS", 250, 1, 100_000));
    SlackCommands.Settings slack =
        new SlackCommands.Settings(
            r.optional("SLACK_SIGNING_SECRET"),
            list(r.optional("SLACK_ALLOWED_CHANNELS")),
            list(r.optional("SLACK_ALLOWED_USERS")),
            r.string("SLACK_RESPONSE_URL_PREFIX", SlackCommands.Settings.SLACK_HOOKS),
            r.uri("PROMETHEUS_URL"),
            r.uri("SLACK_WEBHOOK_URL"),
            r.seconds("SLACK_REPORT_POLL_SECONDS", Duration.ofSeconds(15), 1, 3_600));
    String adminKey = r.optional("API_ADMIN_KEY");
    r.throwIfInvalid();
    return new ApiConfig(
        http,
        database,
        aws,
        tokens,
        webhooks,
        loops,
        retention,
        cancelledJobs,
        dataRetention,
        partitions,
        slack,
        adminKey);
  }

  private static java.util.Set<String> list(@Nullable String commaSeparated) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    if (commaSeparated != null) {
      for (String item : commaSeparated.split(",")) {
        if (!item.isBlank()) {
          out.add(item.strip());
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "ApiConfig["
        + http
        + ", "
        + database
        + ", "
        + aws
        + ", tokens="
        + (tokens.keys() == null ? "no key ring" : "key ring configured")
        + ", instagram="
        + tokens.instagramGraphBaseUrl()
        + ", "
        + webhooks
        + ", "
        + loops
        + ", idempotencyRetention="
        + idempotencyRetention
        + ", "
        + cancelledJobs
        + ", adminKey="
        + (adminKey == null ? "unset" : "<redacted>")
        + "]";
  }
}
