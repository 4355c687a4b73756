package dev.snscollector.launcher;

import dev.snscollector.api.ApiConfig;
import dev.snscollector.api.CollectorApi;
import dev.snscollector.api.http.Scope;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.localstack.LocalStack;
import dev.snscollector.worker.AwsClients;
import dev.snscollector.worker.WorkerConfig;
import dev.snscollector.worker.WorkerRuntime;
import dev.snscollector.worker.browser.BrowserConfig;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The embedded stack in one process: ElasticMQ for SQS, S3Proxy for S3, optionally the local origin
 * answering like the platforms from the fixtures, optionally PostgreSQL with collector-api in
 * front, and workers configured exactly as a production worker would be, through environment
 * variables. The API and the workers share one token key, so that tokens the API seals open in the
 * workers.
 */
final class DemoStack implements AutoCloseable {
  final LocalStack local;
  final @Nullable FixtureOrigin origin;
  final List<WorkerRuntime> workers = new ArrayList<>();
  final SqsClient sqs;
  private final Map<String, String> tokenKeys;
  private @Nullable EmbeddedDatabase database;
  private @Nullable CollectorApi api;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DemoStack(
      LocalStack local, @Nullable FixtureOrigin origin, Map<String, String> tokenKeys) {
    this.local = local;
    this.origin = origin;
    this.tokenKeys = tokenKeys;
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
   * @param tokenKeys the token key settings ({@code TOKEN_KEYS} or {@code TOKEN_KEYS_FILE}) the API
   *     and the workers share; see {@link #randomTokenKeys()}
   */
  static DemoStack start(
      @Nullable Path s3Dir,
      @Nullable Path fixtures,
      Duration originLatency,
      Duration visibility,
      Map<String, String> tokenKeys) {
    return start(
        s3Dir, fixtures, originLatency, visibility, tokenKeys, request -> Optional.empty());
  }

  /**
   * As {@link #start(Path, Path, Duration, Duration, Map)}, with an interceptor that answers the
   * origin's requests before the fixtures do (the demo's own pages, a revoked token).
   */
  static DemoStack start(
      @Nullable Path s3Dir,
      @Nullable Path fixtures,
      Duration originLatency,
      Duration visibility,
      Map<String, String> tokenKeys,
      FixtureOrigin.@Nullable Interceptor interceptor) {
    return start(config(s3Dir, visibility), fixtures, originLatency, tokenKeys, interceptor);
  }

  /**
   * As {@link #start(Path, Path, Duration, Duration, Map)} for a benchmark: S3 takes requests
   * without checking their signatures, a check AWS runs on its own machines (the workers still sign
   * every request).
   */
  static DemoStack startForBench(
      @Nullable Path s3Dir, @Nullable Path fixtures, Duration originLatency, Duration visibility) {
    return start(benchConfig(s3Dir, visibility), fixtures, originLatency, Map.of(), null);
  }

  /** The stand-ins' settings for both benchmarks: the demo's, S3 without the signature check. */
  static LocalStack.Config benchConfig(@Nullable Path s3Dir, Duration visibility) {
    return config(s3Dir, visibility).withS3ChecksSignatures(false);
  }

  /** Where the benchmarks look for a tmpfs to keep S3Proxy's objects in. */
  static final Path SHARED_MEMORY = Path.of("/dev/shm");

  /**
   * Where S3Proxy keeps the run's objects: a new folder in {@code sharedMemory} when that is a
   * tmpfs with twice {@code bytesNeeded} free, else in the temp folder. On disk, the kernel wrote
   * the run's gigabyte of objects back on the same two cores the run measures (pages/s 20–30% lower
   * in back-to-back runs); S3 does not write to the worker's disk.
   */
  static Path objectsDirectory(Path sharedMemory, long bytesNeeded) throws IOException {
    Path inMemory = inSharedMemory(sharedMemory, bytesNeeded);
    return inMemory != null ? inMemory : Files.createTempDirectory("bench-s3-");
  }

  /**
   * A new folder for S3Proxy's objects in {@code sharedMemory} when that is a tmpfs with twice
   * {@code bytesNeeded} free; null otherwise.
   */
  static @Nullable Path inSharedMemory(Path sharedMemory, long bytesNeeded) throws IOException {
    if (Files.isDirectory(sharedMemory) && Files.isWritable(sharedMemory)) {
      FileStore store = Files.getFileStore(sharedMemory);
      if ("tmpfs".equals(store.type()) && store.getUsableSpace() / 2 >= bytesNeeded) {
        return Files.createTempDirectory(sharedMemory, "bench-s3-");
      }
    }
    return null;
  }

  private static LocalStack.Config config(@Nullable Path s3Dir, Duration visibility) {
    LocalStack.Config config =
        LocalStack.Config.defaults().withVisibilityTimeout(visibility).withMaxReceiveCount(5);
    return s3Dir == null ? config : config.withS3DataDirectory(s3Dir);
  }

  private static DemoStack start(
      LocalStack.Config config,
      @Nullable Path fixtures,
      Duration originLatency,
      Map<String, String> tokenKeys,
      FixtureOrigin.@Nullable Interceptor interceptor) {
    LocalStack local = LocalStack.start(config);
    FixtureOrigin origin = null;
    if (fixtures != null) {
      origin =
          FixtureOrigin.builder(fixtures)
              .latency(originLatency)
              .interceptor(interceptor == null ? request -> Optional.empty() : interceptor)
              .build()
              .start();
    }
    return new DemoStack(local, origin, tokenKeys);
  }

  /** A fresh token key for one run: {@code TOKEN_KEYS=run:<32 random bytes>}. */
  static Map<String, String> randomTokenKeys() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Map.of("TOKEN_KEYS", "run:" + Base64.getEncoder().encodeToString(key));
  }

  /**
   * Starts PostgreSQL and collector-api on this stack, configured as production would configure it,
   * through environment variables.
   *
   * @param pgDir where PostgreSQL keeps its data across runs; null for a throw-away database
   * @param port the API's port, 0 for a free one
   */
  CollectorApi startApi(@Nullable Path pgDir, int port, Map<String, String> extra) {
    return startApi(pgDir, port, extra, Clock.systemUTC());
  }

  /** As {@link #startApi(Path, int, Map)}, on {@code clock} (a test's movable one). */
  CollectorApi startApi(@Nullable Path pgDir, int port, Map<String, String> extra, Clock clock) {
    EmbeddedDatabase db = EmbeddedDatabase.start(pgDir);
    this.database = db;
    Map<String, String> env = new HashMap<>(local.environment());
    env.putAll(tokenKeys);
    env.put("DATABASE_URL", db.jdbcUrl());
    env.put("API_HOST", "127.0.0.1");
    env.put("API_PORT", Integer.toString(port));
    env.put("RESULTS_WAIT_SECONDS", "2");
    env.put("SHUTDOWN_GRACE_SECONDS", "5");
    env.putAll(extra);
    CollectorApi started = CollectorApi.start(ApiConfig.fromEnvironment(env), clock);
    this.api = started;
    return started;
  }

  /** A key with every scope, for the person trying the stack. */
  static String developmentKey(CollectorApi api) {
    return api.keys().create("development (local run)", EnumSet.allOf(Scope.class)).key();
  }

  /** The environment a production worker would get to work against this stack. */
  Map<String, String> workerEnvironment(int concurrency) {
    Map<String, String> env = new HashMap<>(local.environment());
    env.putAll(tokenKeys);
    env.put("WORKER_CONCURRENCY", Integer.toString(concurrency));
    env.put("WORKER_RECEIVERS", Integer.toString(Math.clamp(concurrency / 50, 2, 8)));
    env.put("RETRY_BASE_SECONDS", "1");
    env.put("RETRY_MAX_SECONDS", "10");
    env.put("SHUTDOWN_GRACE_SECONDS", "10");
    env.put("METRICS_PORT", "-1");
    if (origin != null) {
      env.put("YOUTUBE_API_BASE_URL", origin.baseUrl() + "/www.googleapis.com/youtube/v3");
      env.put(
          "YOUTUBE_ANALYTICS_BASE_URL", origin.baseUrl() + "/youtubeanalytics.googleapis.com/v2");
      // The local origin accepts any key; this one exists to show keys never reach captures.
      env.put("YOUTUBE_API_KEY", "local-demo-key");
    }
    return env;
  }

  /**
   * {@link #workerEnvironment(int)} with every route of the worker sent to the local origin: the
   * YouTube, Graph and TikTok APIs by their base URLs, and the public pages of the crawl (and, when
   * {@code browser}, the browser) route through {@code SITE_BASE_URL}. Politeness suits a local
   * origin: the direct route, no proxies, no interval between fetches from one site, as many
   * fetches at once as the worker runs jobs, a short cooldown and deferral should a page answer
   * like a ban.
   *
   * @throws IllegalStateException when the stack was started without the origin
   */
  Map<String, String> workerEnvironmentOnOrigin(int concurrency, boolean browser) {
    if (origin == null) {
      throw new IllegalStateException("the stack runs no local origin");
    }
    Map<String, String> env = workerEnvironment(concurrency);
    env.put("GRAPH_API_BASE_URL", origin.baseUrl() + "/graph.facebook.com/v21.0");
    env.put("TIKTOK_API_BASE_URL", origin.baseUrl() + "/open.tiktokapis.com");
    env.put("SITE_BASE_URL", origin.baseUrl());
    env.put("PROXY_ALLOW_DIRECT", "true");
    env.put("PROXY_DOMAIN_INTERVAL_MILLIS", "0");
    env.put("PROXY_MAX_LEASES", Integer.toString(Math.max(concurrency, 1)));
    env.put("PROXY_COOLDOWN_MILLIS", "1000");
    env.put("NO_PROXY_DEFER_SECONDS", "1");
    if (browser) {
      env.put("BROWSER_ENABLED", "true");
    }
    return env;
  }

  /**
   * Where the local origin serves every site and API, by host as the first path segment.
   *
   * @throws IllegalStateException when the stack was started without the origin
   */
  String originUrl() {
    if (origin == null) {
      throw new IllegalStateException("the stack runs no local origin");
    }
    return origin.baseUrl();
  }

  /** Whether the browser route can run here: Chromium where the worker looks for it. */
  static boolean chromiumPresent() {
    return Files.isExecutable(BrowserConfig.DEFAULT_EXECUTABLE);
  }

  WorkerRuntime startWorker(Map<String, String> env) {
    WorkerRuntime runtime = new WorkerRuntime(WorkerConfig.fromEnvironment(env)).start();
    workers.add(runtime);
    return runtime;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (WorkerRuntime w : workers) {
      w.shutdown(Duration.ofSeconds(5));
    }
    if (api != null) {
      api.close();
    }
    if (database != null) {
      database.close();
    }
    sqs.close();
    if (origin != null) {
      origin.close();
    }
    local.close();
  }
}
