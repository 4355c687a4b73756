package dev.snscollector.worker;

import dev.snscollector.contracts.EnvSettings;
import dev.snscollector.contracts.tokens.KeyProvider;
import dev.snscollector.worker.fetch.BodyBudget;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything a worker is configured with, read from environment variables so that the same binary
 * runs against AWS or the local stand-ins. Secrets are held here but never printed: {@link
 * #toString()} redacts them.
 *
 * @param sqsEndpoint SQS endpoint override ({@code SQS_ENDPOINT}); null means AWS's regional one
 * @param s3Endpoint S3 endpoint override ({@code S3_ENDPOINT}); null means AWS; set implies path
 *     style
 * @param region AWS region ({@code AWS_REGION}, default {@code us-east-1})
 * @param jobsQueueUrl queue the jobs arrive on ({@code JOBS_QUEUE_URL}, required)
 * @param resultsQueueUrl queue result events go to ({@code RESULTS_QUEUE_URL}, required)
 * @param deadLetterQueueUrl where broken messages go with their reason ({@code DLQ_URL}, required)
 * @param bucket bucket for records and captures ({@code BUCKET}, required)
 * @param concurrency jobs run at once ({@code WORKER_CONCURRENCY}, default 64)
 * @param receivers parallel receive loops ({@code WORKER_RECEIVERS}, default 2)
 * @param receiveGather how long a receive loop holding fewer than ten free slots waits for more
 *     before it asks the queue ({@code WORKER_RECEIVE_GATHER_MILLIS}, default 0: at once). A busy
 *     worker frees slots one at a time; 50 ms cut receives by a quarter on the page bench, but is
 *     off by default because a 5,000-in-flight run with it had thousands of redeliveries
 *     (docs/benchmarks.md)
 * @param bodyBudgetMiB response bodies the worker holds at once, in MiB ({@code
 *     WORKER_BODY_BUDGET_MIB}; default 0: a quarter of the maximum heap); fetches wait for room
 *     before they send their request
 * @param workerId reported in result events ({@code WORKER_ID}, default host name and pid)
 * @param visibilityTimeout how long a received job stays hidden; the heartbeat keeps extending it
 *     while the job runs ({@code VISIBILITY_TIMEOUT_SECONDS}, default 60)
 * @param maxReceives the jobs queue's redrive maxReceiveCount; on the last receive a failure is
 *     final ({@code MAX_RECEIVES}, default 5)
 * @param retryBase first retry delay; doubles per receive ({@code RETRY_BASE_SECONDS}, default 10)
 * @param retryMax retry delay cap ({@code RETRY_MAX_SECONDS}, default 900)
 * @param shutdownGrace how long in-flight jobs may finish on SIGTERM ({@code
 *     SHUTDOWN_GRACE_SECONDS}, default 25)
 * @param cancellationsPoll how often the API's control objects, the cancelled-jobs list and the
 *     paused scopes, are read ({@code CANCELLATIONS_POLL_SECONDS}, default 5): a cancel or a pause
 *     reaches jobs started that long after it
 * @param youtubeApiBaseUrl {@code YOUTUBE_API_BASE_URL}, default the real Data API v3
 * @param youtubeApiKey the app's API key for public data ({@code YOUTUBE_API_KEY}); secret
 * @param awsCredentials static AWS credentials ({@code AWS_ACCESS_KEY_ID} and {@code
 *     AWS_SECRET_ACCESS_KEY}); null means the SDK's default chain (roles, profiles)
 * @param tokenKeys the key ring that opens creators' sealed tokens ({@code TOKEN_KEYS} or {@code
 *     TOKEN_KEYS_FILE}, re-read when it changes, {@code TOKEN_ACTIVE_KEY}); null means jobs'
 *     accounts are not used
 * @param metricsPort port for {@code /metrics} and {@code /health} ({@code METRICS_PORT}, default
 *     9400; 0 picks a free one, -1 turns it off)
 * @param routes how the platforms are reached: APIs, budgets, proxies, browser
 */
public record WorkerConfig(
    @Nullable URI sqsEndpoint,
    @Nullable URI s3Endpoint,
    String region,
    String jobsQueueUrl,
    String resultsQueueUrl,
    String deadLetterQueueUrl,
    String bucket,
    int concurrency,
    int receivers,
    Duration receiveGather,
    int bodyBudgetMiB,
    String workerId,
    Duration visibilityTimeout,
    int maxReceives,
    Duration retryBase,
    Duration retryMax,
    Duration shutdownGrace,
    Duration cancellationsPoll,
    String youtubeApiBaseUrl,
    @Nullable String youtubeApiKey,
    @Nullable AwsKeys awsCredentials,
    @Nullable KeyProvider tokenKeys,
    int metricsPort,
    RoutesConfig routes) {

  public static final String DEFAULT_YOUTUBE_API = "https://www.googleapis.com/youtube/v3";

  /**
   * Reads the configuration from an environment map.
   *
   * @throws IllegalArgumentException naming every missing or malformed variable
   */
  public static WorkerConfig fromEnvironment(Map<String, String> env) {
    EnvSettings r = new EnvSettings(env, "worker");
    WorkerConfig config = read(r);
    r.throwIfInvalid();
    return config;
  }

  /**
   * The configuration {@code r} describes, its problems left in {@code r}: every setting of {@code
   * worker-defaults.env}, the proxy pool's and the browser's included.
   */
  static WorkerConfig read(EnvSettings r) {
    return new WorkerConfig(
        r.uri("SQS_ENDPOINT"),
        r.uri("S3_ENDPOINT"),
        r.string("AWS_REGION", "us-east-1"),
        r.required("JOBS_QUEUE_URL"),
        r.required("RESULTS_QUEUE_URL"),
        r.required("DLQ_URL"),
        r.required("BUCKET"),
        r.integer("WORKER_CONCURRENCY", 64, 1, 10_000),
        r.integer("WORKER_RECEIVERS", 2, 1, 64),
        Duration.ofMillis(r.integer("WORKER_RECEIVE_GATHER_MILLIS", 0, 0, 5_000)),
        r.integer("WORKER_BODY_BUDGET_MIB", 0, 0, 1 << 20),
        Objects.requireNonNullElseGet(r.optional("WORKER_ID"), WorkerConfig::defaultWorkerId),
        Duration.ofSeconds(r.integer("VISIBILITY_TIMEOUT_SECONDS", 60, 5, 43_200)),
        r.integer("MAX_RECEIVES", 5, 1, 1000),
        Duration.ofSeconds(r.integer("RETRY_BASE_SECONDS", 10, 0, 43_200)),
        Duration.ofSeconds(r.integer("RETRY_MAX_SECONDS", 900, 0, 43_200)),
        Duration.ofSeconds(r.integer("SHUTDOWN_GRACE_SECONDS", 25, 0, 3_600)),
        Duration.ofSeconds(r.integer("CANCELLATIONS_POLL_SECONDS", 5, 1, 300)),
        r.string("YOUTUBE_API_BASE_URL", DEFAULT_YOUTUBE_API),
        r.optional("YOUTUBE_API_KEY"),
        AwsKeys.from(r.optional("AWS_ACCESS_KEY_ID"), r.optional("AWS_SECRET_ACCESS_KEY")),
        r.keyProvider(Clock.systemUTC()),
        r.integer("METRICS_PORT", 9400, -1, 65_535),
        RoutesConfig.read(r));
  }

  /** Static AWS keys; the secret never appears in {@link #toString()}. */
  public record AwsKeys(String accessKeyId, String secretAccessKey) {
    public static @Nullable AwsKeys from(@Nullable String id, @Nullable String secret) {
      return id == null || secret == null ? null : new AwsKeys(id, secret);
    }

    @Override
    public String toString() {
      return "AwsKeys[" + accessKeyId + ", <redacted>]";
    }
  }

  /** The body budget these settings give: {@link #bodyBudgetMiB}, or a quarter of the heap. */
  public BodyBudget bodyBudget() {
    return bodyBudgetMiB == 0
        ? BodyBudget.quarterOfHeap()
        : BodyBudget.of(bodyBudgetMiB * (1L << 20));
  }

  /** Retry delay before the next receive, given how many receives there have been. */
  public Duration retryDelay(int receiveCount) {
    long base = retryBase.toMillis();
    long delay = base << Math.min(Math.max(receiveCount - 1, 0), 20);
    return Duration.ofMillis(Math.min(delay, retryMax.toMillis()));
  }

  private static String defaultWorkerId() {
    String host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("worker");
    return host + "-" + ProcessHandle.current().pid();
  }

  @Override
  public String toString() {
    return "WorkerConfig[sqs="
        + (sqsEndpoint == null ? "aws" : sqsEndpoint)
        + ", s3="
        + (s3Endpoint == null ? "aws" : s3Endpoint)
        + ", region="
        + region
        + ", jobs="
        + jobsQueueUrl
        + ", results="
        + resultsQueueUrl
        + ", dlq="
        + deadLetterQueueUrl
        + ", bucket="
        + bucket
        + ", concurrency="
        + concurrency
        + ", workerId="
        + workerId
        + ", visibility="
        + visibilityTimeout
        + ", maxReceives="
        + maxReceives
        + ", youtubeApi="
        + youtubeApiBaseUrl
        + ", youtubeApiKey="
        + (youtubeApiKey == null ? "unset" : "<redacted>")
        + ", tokenKeys="
        + (tokenKeys == null ? "none" : tokenKeys.current())
        + ", "
        + routes
        + "]";
  }
}
