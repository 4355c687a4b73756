package dev.snscollector.launcher;

import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.localstack.LocalStack;
import dev.snscollector.worker.AwsClients;
import dev.snscollector.worker.WorkerConfig;
import dev.snscollector.worker.WorkerRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The embedded stack in one process: ElasticMQ for SQS, S3Proxy for S3, optionally the local origin
 * answering like the platforms from the fixtures, and workers configured exactly as a production
 * worker would be, through environment variables.
 */
final class DemoStack implements AutoCloseable {
  final LocalStack local;
  final @Nullable FixtureOrigin origin;
  final List<WorkerRuntime> workers = new ArrayList<>();
  final SqsClient sqs;

  private DemoStack(LocalStack local, @Nullable FixtureOrigin origin) {
    this.local = local;
    this.origin = origin;
    this.sqs =
        AwsClients.sqs(
            local.sqsEndpoint(),
            local.region(),
            new WorkerConfig.AwsKeys(
                local.credentials().accessKeyId(), local.credentials().secretAccessKey()));
  }

  /**
   * Starts the stand-ins and, when {@code fixtures} is set, the local origin.
   *
   * @param s3Dir where S3Proxy keeps objects, so records stay readable after the process ends; null
   *     keeps them in memory
   */
  static DemoStack start(
      @Nullable Path s3Dir, @Nullable Path fixtures, Duration originLatency, Duration visibility)
      throws Exception {
    LocalStack.Config config =
        LocalStack.Config.defaults().withVisibilityTimeout(visibility).withMaxReceiveCount(5);
    LocalStack local = LocalStack.start(s3Dir == null ? config : config.withS3DataDirectory(s3Dir));
    FixtureOrigin origin = null;
    if (fixtures != null) {
      origin = FixtureOrigin.builder(fixtures).latency(originLatency).build().start();
    }
    return new DemoStack(local, origin);
  }

  /** The environment a production worker would get to work against this stack. */
  Map<String, String> workerEnvironment(int concurrency) {
    Map<String, String> env = new HashMap<>(local.environment());
    env.put("WORKER_CONCURRENCY", Integer.toString(concurrency));
    env.put("WORKER_RECEIVERS", Integer.toString(Math.clamp(concurrency / 50, 2, 8)));
    env.put("RETRY_BASE_SECONDS", "1");
    env.put("RETRY_MAX_SECONDS", "10");
    env.put("SHUTDOWN_GRACE_SECONDS", "10");
    env.put("METRICS_PORT", "-1");
    if (origin != null) {
      env.put("YOUTUBE_API_BASE_URL", origin.baseUrl() + "/www.googleapis.com/youtube/v3");
      // The local origin accepts any key; this one exists to show keys never reach captures.
      env.put("YOUTUBE_API_KEY", "local-demo-key");
    }
    return env;
  }

  WorkerRuntime startWorker(Map<String, String> env) {
    WorkerRuntime runtime = new WorkerRuntime(WorkerConfig.fromEnvironment(env)).start();
    workers.add(runtime);
    return runtime;
  }

  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (WorkerRuntime w : workers) {
      w.shutdown(Duration.ofSeconds(5));
    }
    sqs.close();
    if (origin != null) {
      origin.close();
    }
    local.close();
  }
}
