package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.capture.S3Layout;
import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.fixtures.FixtureTargets;
import dev.snscollector.localstack.LocalStack;
import dev.snscollector.localstack.QueueProbe;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The real protocol servers in-process for worker tests: ElasticMQ, S3Proxy and the fixture origin,
 * plus the clients a test uses to look at what the worker did.
 */
final class WorkerTestStack implements AutoCloseable {
  final LocalStack local;
  final FixtureOrigin origin;
  final SqsClient sqs;
  final S3Client s3;
  private final List<WorkerRuntime> workers = new ArrayList<>();

  private WorkerTestStack(LocalStack local, FixtureOrigin origin) {
    this.local = local;
    this.origin = origin;
    WorkerConfig.AwsKeys keys =
        new WorkerConfig.AwsKeys(
            local.credentials().accessKeyId(), local.credentials().secretAccessKey());
    this.sqs = AwsClients.sqs(local.sqsEndpoint(), local.region(), keys);
    this.s3 = AwsClients.s3(local.s3Endpoint(), local.region(), keys);
  }

  /**
   * A stack whose origin serves its fixtures unchanged and counts every request in {@code
   * requests}: for tests that a job fetched nothing.
   */
  static WorkerTestStack startCounting(java.util.concurrent.atomic.AtomicInteger requests) {
    return start(
        Duration.ofSeconds(30),
        5,
        b ->
            b.interceptor(
                r -> {
                  requests.incrementAndGet();
                  return java.util.Optional.empty();
                }));
  }

  static WorkerTestStack start(
      Duration visibility, int maxReceives, Consumer<FixtureOrigin.Builder> originSetup) {
    LocalStack local =
        LocalStack.start(
            LocalStack.Config.defaults()
                .withVisibilityTimeout(visibility)
                .withMaxReceiveCount(maxReceives));
    FixtureOrigin.Builder builder = FixtureOrigin.builder(fixturesDir());
    originSetup.accept(builder);
    return new WorkerTestStack(local, builder.build().start());
  }

  static Path fixturesDir() {
    return Path.of(System.getProperty("sns.project.dir", "..")).resolve("fixtures");
  }

  /**
   * {@link #workerEnvironment} with the APIs and sites behind {@code frontUrl} (a WireMock server
   * in front of the origin, say), fetched without a proxy and without pacing.
   */
  Map<String, String> workerEnvironmentBehind(String frontUrl) {
    Map<String, String> env = workerEnvironment();
    env.put("YOUTUBE_API_BASE_URL", frontUrl + "/www.googleapis.com/youtube/v3");
    env.put("SITE_BASE_URL", frontUrl);
    env.put("PROXY_ALLOW_DIRECT", "true");
    env.put("PROXY_DOMAIN_INTERVAL_MILLIS", "0");
    return env;
  }

  /** What a production worker would be given, pointed at this stack. */
  Map<String, String> workerEnvironment() {
    Map<String, String> env = new HashMap<>(local.environment());
    env.put("YOUTUBE_API_BASE_URL", origin.baseUrl() + "/www.googleapis.com/youtube/v3");
    env.put("YOUTUBE_API_KEY", "test-key-never-stored");
    env.put("WORKER_CONCURRENCY", "32");
    env.put(
        "VISIBILITY_TIMEOUT_SECONDS",
        Long.toString(local.config().visibilityTimeout().toSeconds()));
    env.put("MAX_RECEIVES", Integer.toString(local.config().maxReceiveCount()));
    env.put("RETRY_BASE_SECONDS", "1");
    env.put("RETRY_MAX_SECONDS", "2");
    env.put("SHUTDOWN_GRACE_SECONDS", "5");
    env.put("METRICS_PORT", "-1");
    return env;
  }

  WorkerRuntime startWorker(Map<String, String> env) {
    return startWorker(env, java.time.Clock.systemUTC());
  }

  /** A worker reading {@code clock}: a test's movable clock, say. */
  WorkerRuntime startWorker(Map<String, String> env, java.time.Clock clock) {
    WorkerRuntime runtime = new WorkerRuntime(WorkerConfig.fromEnvironment(env), clock).start();
    workers.add(runtime);
    return runtime;
  }

  /**
   * A worker process of its own ({@link WorkerMain} on this test's classpath) with {@code env},
   * named {@code id}; its output goes to {@code target/worker-<id>.log}.
   */
  static Process spawnWorker(Map<String, String> env, String id) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Files.createDirectories(Path.of("target")).resolve("worker-" + id + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                WorkerMain.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().put("WORKER_ID", id);
    return pb.start();
  }

  void send(String body) {
    sqs.sendMessage(r -> r.queueUrl(local.jobsQueueUrl()).messageBody(body));
  }

  /**
   * Sends {@code count} YouTube posts jobs, {@code <idPrefix>0} onwards, over the fixture channels
   * in turn.
   */
  void sendYoutubePostsJobs(String idPrefix, int count) {
    List<String> channels = FixtureTargets.youtubeChannels(fixturesDir());
    for (int i = 0; i < count; i++) {
      send(
          JobCodec.encode(
              JobMessage.of(
                  idPrefix + i,
                  Platform.YOUTUBE,
                  JobKind.POSTS,
                  channels.get(i % channels.size()))));
    }
  }

  /** Reads result events until {@code count} arrived or the deadline passed; deletes them. */
  List<ResultEvent> awaitResults(int count, Duration deadline) {
    List<ResultEvent> events = new ArrayList<>();
    long end = System.nanoTime() + deadline.toNanos();
    while (events.size() < count && System.nanoTime() < end) {
      for (Message m : receive(local.resultsQueueUrl(), 1)) {
        ResultEvent e = Json.MAPPER.readValue(m.body(), ResultEvent.class);
        assertThat(
                dev.snscollector.contracts.ContractSchemas.validateResult(
                    Json.MAPPER.readTree(m.body())))
            .as("result event matches its schema")
            .isEmpty();
        events.add(e);
        sqs.deleteMessage(
            r -> r.queueUrl(local.resultsQueueUrl()).receiptHandle(m.receiptHandle()));
      }
    }
    return events;
  }

  /** Messages left in a queue once it settles (deletes are batched, so give them a moment). */
  int settledCount(String queueUrl) {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    int n = approximateMessages(queueUrl);
    while (n > 0 && System.nanoTime() < end) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      n = approximateMessages(queueUrl);
    }
    return n;
  }

  /** The records a job wrote, read back from the records entry of its S3 object. */
  List<NormalizedRecord> records(String jobId) {
    byte[] zip =
        s3.getObjectAsBytes(r -> r.bucket(local.bucket()).key(S3Layout.jobKey(jobId)))
            .asByteArray();
    byte @org.jspecify.annotations.Nullable [] gz = null;
    try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
        if (e.getName().equals(S3Layout.RECORDS_ENTRY)) {
          gz = entries.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (gz == null) {
      throw new AssertionError("job " + jobId + " has no records entry");
    }
    return gunzipRecords(gz);
  }

  /** Records from gzip JSON lines. */
  static List<NormalizedRecord> gunzipRecords(byte[] gz) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.lines().map(l -> (NormalizedRecord) Json.RECORD_READER.readValue(l)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for {@code condition}, polling; fails naming {@code what} after {@code deadline}. */
  static void await(String what, Duration deadline, java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("gave up waiting: " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting: " + what, e);
      }
    }
  }

  /** Replaces the API's cancelled-jobs list, as a cancel would. */
  void cancelled(String... jobIds) {
    s3.putObject(
        r -> r.bucket(local.bucket()).key(S3Layout.cancelledJobsKey()),
        software.amazon.awssdk.core.sync.RequestBody.fromBytes(
            dev.snscollector.capture.CancelledJobs.encode(
                java.time.Instant.now(), List.of(jobIds))));
  }

  List<String> keys(String prefix) {
    List<String> keys = new ArrayList<>();
    s3.listObjectsV2Paginator(r -> r.bucket(local.bucket()).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .forEach(keys::add);
    return keys;
  }

  /** Receives and deletes every message until none has come for {@code quiet}. */
  List<Message> drain(String queueUrl, Duration quiet) {
    return new QueueProbe(sqs).drain(queueUrl, quiet);
  }

  /** Visible plus in-flight messages on a queue. */
  int approximateMessages(String queueUrl) {
    return new QueueProbe(sqs).approximateMessages(queueUrl);
  }

  List<Message> receive(String queueUrl, int waitSeconds) {
    return new QueueProbe(sqs).receive(queueUrl, waitSeconds);
  }

  @Override
  public void close() {
    workers.forEach(w -> w.shutdown(Duration.ofSeconds(2)));
    sqs.close();
    s3.close();
    origin.close();
    local.close();
  }
}
