package dev.snscollector.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The whole local stack a worker needs: an {@link EmbeddedSqs} with the jobs queue (redriving to a
 * dead-letter queue) and the results queue, and an {@link EmbeddedS3} with the bucket. Both start
 * in parallel. For {@code ./collector demo}, {@code ./collector local}, tests and benchmarks only.
 *
 * <p>Clients use {@link #region()} and {@link #credentials()} (fixed dummies) with the endpoints;
 * S3 clients must use path-style access. {@link #environment()} gives the same as the environment
 * variables a production worker is configured with.
 */
public final class LocalStack implements AutoCloseable {

  /** The region clients should use; neither server checks it. */
  public static final String REGION = "us-east-1";

  /**
   * What to create.
   *
   * @param jobsQueue queue the worker takes jobs from; redrives to {@code deadLetterQueue}
   * @param deadLetterQueue where a job lands after {@code maxReceiveCount} receives without delete
   * @param resultsQueue queue the worker reports results to
   * @param bucket the S3 bucket for captures and records
   * @param maxReceiveCount receives of a job before it moves to the dead-letter queue
   * @param visibilityTimeout default visibility timeout of all three queues, whole seconds
   * @param s3DataDirectory where S3 keeps objects across runs, or null to keep them in memory
   * @param sqsPort fixed SQS port, or 0 for an ephemeral one
   * @param s3Port fixed S3 port, or 0 for an ephemeral one
   * @param s3ChecksSignatures whether S3 checks each request's SigV4 signature and payload hash, as
   *     AWS does (the default); {@code ./collector bench} turns it off, because AWS does that work
   *     on its own machines, not on the worker's
   */
  public record Config(
      String jobsQueue,
      String deadLetterQueue,
      String resultsQueue,
      String bucket,
      int maxReceiveCount,
      Duration visibilityTimeout,
      @Nullable Path s3DataDirectory,
      int sqsPort,
      int s3Port,
      boolean s3ChecksSignatures) {

    public Config {
      Objects.requireNonNull(jobsQueue, "jobsQueue");
      Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
      Objects.requireNonNull(resultsQueue, "resultsQueue");
      Objects.requireNonNull(bucket, "bucket");
      Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
      if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
        throw new IllegalArgumentException("invalid S3 bucket name: " + bucket);
      }
      if (sqsPort != 0 && sqsPort == s3Port) {
        throw new IllegalArgumentException("SQS and S3 cannot share port " + sqsPort);
      }
      // Queue names, visibility timeout and maxReceiveCount are checked by SqsQueueSpec.
      queueSpecs(jobsQueue, deadLetterQueue, resultsQueue, maxReceiveCount, visibilityTimeout);
    }

    /**
     * {@code sns-collector-jobs} (redriving to {@code sns-collector-jobs-dlq} after 5 receives),
     * {@code sns-collector-results}, bucket {@code sns-collector}, 30 s visibility timeout, in
     * memory, ephemeral ports, S3 checking signatures.
     */
    public static Config defaults() {
      return new Config(
          "sns-collector-jobs",
          "sns-collector-jobs-dlq",
          "sns-collector-results",
          "sns-collector",
          SqsQueueSpec.DEFAULT_MAX_RECEIVE_COUNT,
          SqsQueueSpec.DEFAULT_VISIBILITY_TIMEOUT,
          null,
          0,
          0,
          true);
    }

    public Config withQueues(String jobsQueue, String deadLetterQueue, String resultsQueue) {
      return new Config(
          jobsQueue,
          deadLetterQueue,
          resultsQueue,
          bucket,
          maxReceiveCount,
          visibilityTimeout,
          s3DataDirectory,
          sqsPort,
          s3Port,
          s3ChecksSignatures);
    }

    public Config withBucket(String bucket) {
      return new Config(
          jobsQueue,
          deadLetterQueue,
          resultsQueue,
          bucket,
          maxReceiveCount,
          visibilityTimeout,
          s3DataDirectory,
          sqsPort,
          s3Port,
          s3ChecksSignatures);
    }

    public Config withMaxReceiveCount(int maxReceiveCount) {
      return new Config(
          jobsQueue,
          deadLetterQueue,
          resultsQueue,
          bucket,
          maxReceiveCount,
          visibilityTimeout,
          s3DataDirectory,
          sqsPort,
          s3Port,
          s3ChecksSignatures);
    }

    public Config withVisibilityTimeout(Duration visibilityTimeout) {
      return new Config(
          jobsQueue,
          deadLetterQueue,
          resultsQueue,
          bucket,
          maxReceiveCount,
          visibilityTimeout,
          s3DataDirectory,
          sqsPort,
          s3Port,
          s3ChecksSignatures);
    }

    /** Keep S3 objects in {@code directory} (created if missing), or in memory when null. */
    public Config withS3DataDirectory(@Nullable Path directory) {
      return new Config(
          jobsQueue,
          deadLetterQueue,
          resultsQueue,
          bucket,
          maxReceiveCount,
          visibilityTimeout,
          directory,
          sqsPort,
          s3Port,
          s3ChecksSignatures);
    }

    /**
     * Whether S3 checks signatures and payload hashes (true by default). Off, it takes any request,
     * signed or not: the clients still sign everything, only the stand-in skips the check.
     */
    public Config withS3ChecksSignatures(boolean checks) {
      return new Config(
          jobsQueue,
          deadLetterQueue,
          resultsQueue,
          bucket,
          maxReceiveCount,
          visibilityTimeout,
          s3DataDirectory,
          sqsPort,
          s3Port,
          checks);
    }

    /** Fixed ports; 0 means ephemeral. */
    public Config withPorts(int sqsPort, int s3Port) {
      return new Config(
          jobsQueue,
          deadLetterQueue,
          resultsQueue,
          bucket,
          maxReceiveCount,
          visibilityTimeout,
          s3DataDirectory,
          sqsPort,
          s3Port,
          s3ChecksSignatures);
    }

    List<SqsQueueSpec> queueSpecs() {
      return queueSpecs(
          jobsQueue, deadLetterQueue, resultsQueue, maxReceiveCount, visibilityTimeout);
    }

    private static List<SqsQueueSpec> queueSpecs(
        String jobs, String dlq, String results, int maxReceiveCount, Duration visibility) {
      if (jobs.equals(dlq) || jobs.equals(results) || dlq.equals(results)) {
        throw new IllegalArgumentException(
            "queue names must differ: " + jobs + ", " + dlq + ", " + results);
      }
      return List.of(
          SqsQueueSpec.of(dlq, visibility),
          SqsQueueSpec.of(jobs, visibility).withDeadLetterQueue(dlq, maxReceiveCount),
          SqsQueueSpec.of(results, visibility));
    }
  }

  private final Config config;
  private final EmbeddedSqs sqs;
  private final EmbeddedS3 s3;
  private final Duration startupTime;

  private LocalStack(Config config, EmbeddedSqs sqs, EmbeddedS3 s3, Duration startupTime) {
    this.config = config;
    this.sqs = sqs;
    this.s3 = s3;
    this.startupTime = startupTime;
  }

  /** Starts the stack with {@link Config#defaults()}. */
  public static LocalStack start() {
    return start(Config.defaults());
  }

  /**
   * Starts SQS and S3 in parallel and returns when both are ready, queues and bucket included.
   *
   * @throws LocalStackException if either fails to start; the other is then stopped again
   */
  public static LocalStack start(Config config) {
    long started = System.nanoTime();
    List<SqsQueueSpec> queues = config.queueSpecs();
    try (ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<EmbeddedSqs> sqs = starter.submit(() -> EmbeddedSqs.start(config.sqsPort(), queues));
      Future<EmbeddedS3> s3 =
          starter.submit(
              () ->
                  EmbeddedS3.start(
                      config.s3Port(),
                      config.s3DataDirectory(),
                      List.of(config.bucket()),
                      config.s3ChecksSignatures()));
      EmbeddedSqs startedSqs = null;
      EmbeddedS3 startedS3 = null;
      RuntimeException failure = null;
      try {
        startedSqs = sqs.get();
      } catch (ExecutionException | InterruptedException e) {
        failure = unwrap(e);
      }
      try {
        startedS3 = s3.get();
      } catch (ExecutionException | InterruptedException e) {
        RuntimeException s3Failure = unwrap(e);
        if (failure == null) {
          failure = s3Failure;
        } else {
          failure.addSuppressed(s3Failure);
        }
      }
      if (failure != null || startedSqs == null || startedS3 == null) {
        closeQuietly(startedSqs, failure);
        closeQuietly(startedS3, failure);
        throw failure != null
            ? failure
            : new LocalStackException("local-stack", null, "did not start", null);
      }
      return new LocalStack(
          config, startedSqs, startedS3, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private static RuntimeException unwrap(Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new LocalStackException("local-stack", null, "interrupted while starting", e);
    }
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    return new LocalStackException("local-stack", null, String.valueOf(cause), cause);
  }

  private static void closeQuietly(
      @Nullable AutoCloseable closeable, @Nullable RuntimeException failure) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      if (failure != null) {
        failure.addSuppressed(e);
      }
    }
  }

  public Config config() {
    return config;
  }

  /** The SQS server, for queue URLs and ARNs beyond the three named here. */
  public EmbeddedSqs sqs() {
    return sqs;
  }

  /** The S3 server. */
  public EmbeddedS3 s3() {
    return s3;
  }

  public URI sqsEndpoint() {
    return sqs.endpoint();
  }

  public URI s3Endpoint() {
    return s3.endpoint();
  }

  public String jobsQueueUrl() {
    return sqs.queueUrl(config.jobsQueue());
  }

  public String resultsQueueUrl() {
    return sqs.queueUrl(config.resultsQueue());
  }

  public String deadLetterQueueUrl() {
    return sqs.queueUrl(config.deadLetterQueue());
  }

  /** {@code arn:aws:sqs:elasticmq:000000000000:<dead-letter queue>}. */
  public String deadLetterQueueArn() {
    return sqs.queueArn(config.deadLetterQueue());
  }

  public String bucket() {
    return config.bucket();
  }

  /** {@value #REGION}. */
  public String region() {
    return REGION;
  }

  public LocalCredentials credentials() {
    return LocalCredentials.DUMMY;
  }

  /** Wall time of {@link #start}, both servers in parallel. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * The environment a production worker would be started with to use this stack: {@code
   * SQS_ENDPOINT}, {@code S3_ENDPOINT}, {@code AWS_REGION}, {@code AWS_ACCESS_KEY_ID}, {@code
   * AWS_SECRET_ACCESS_KEY}, {@code JOBS_QUEUE_URL}, {@code RESULTS_QUEUE_URL}, {@code DLQ_URL},
   * {@code BUCKET}, in that order.
   */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SQS_ENDPOINT", sqsEndpoint().toString());
    env.put("S3_ENDPOINT", s3Endpoint().toString());
    env.put("AWS_REGION", REGION);
    env.put("AWS_ACCESS_KEY_ID", credentials().accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", credentials().secretAccessKey());
    env.put("JOBS_QUEUE_URL", jobsQueueUrl());
    env.put("RESULTS_QUEUE_URL", resultsQueueUrl());
    env.put("DLQ_URL", deadLetterQueueUrl());
    env.put("BUCKET", bucket());
    return Collections.unmodifiableMap(env);
  }

  /**
   * Stops both servers; SQS messages and in-memory S3 objects are gone. Idempotent.
   *
   * @throws LocalStackException if a server did not stop cleanly (the other is stopped anyway)
   */
  @Override
  public void close() {
    RuntimeException failure = null;
    try {
      sqs.close();
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      s3.close();
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "LocalStack[sqs="
        + sqsEndpoint()
        + ", s3="
        + s3Endpoint()
        + ", bucket="
        + bucket()
        + "]";
  }
}
