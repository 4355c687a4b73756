package dev.snscollector.launcher;

import dev.snscollector.api.ApiConfig;
import dev.snscollector.api.CollectorApi;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Platform;
import dev.snscollector.localstack.LocalStack;
import dev.snscollector.worker.AwsClients;
import dev.snscollector.worker.WorkerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code ./collector api-bench}: collector-api measured on the embedded stack (PostgreSQL,
 * ElasticMQ, S3Proxy in this JVM and its child process), without workers. Two figures: a 1,000-job
 * batch accepted end to end (validated, stored with its outbox rows, answered 202; then sent to SQS
 * by the outbox dispatcher), and job-status reads per second ({@code GET /v1/jobs/{id}} from
 * concurrent clients). Warm-up rounds precede the measured ones.
 */
@Command(name = "api-bench", description = "Measure collector-api: batch accept and status reads.")
final class ApiBenchCommand implements java.util.concurrent.Callable<Integer> {
  @Option(
      names = "--batches",
      defaultValue = "20",
      description = "Measured batches (default ${DEFAULT-VALUE}).")
  int batches;

  @Option(
      names = "--batch-size",
      defaultValue = "1000",
      description = "Jobs per batch (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--warmup",
      defaultValue = "5",
      description = "Warm-up batches (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--readers",
      defaultValue = "32",
      description = "Concurrent status readers (default ${DEFAULT-VALUE}).")
  int readers;

  @Option(
      names = "--read-seconds",
      defaultValue = "10",
      description = "How long to read (default ${DEFAULT-VALUE} s).")
  int readSeconds;

  private @Nullable SqsClient sqs;

  @Override
  public Integer call() throws Exception {
    try (LocalStack local = LocalStack.start();
        EmbeddedDatabase db = EmbeddedDatabase.start(null);
        SqsClient queues =
            AwsClients.sqs(
                local.sqsEndpoint(),
                local.region(),
                new WorkerConfig.AwsKeys(
                    local.credentials().accessKeyId(), local.credentials().secretAccessKey()))) {
      this.sqs = queues;
      Map<String, String> env = new HashMap<>(local.environment());
      env.put("DATABASE_URL", db.jdbcUrl());
      env.put("API_HOST", "127.0.0.1");
      env.put("API_PORT", "0");
      env.put("RESULTS_WAIT_SECONDS", "2");
      env.putAll(DemoStack.randomTokenKeys());
      try (CollectorApi api = CollectorApi.start(ApiConfig.fromEnvironment(env))) {
        ApiClient client = new ApiClient(api.localUrl(), DemoStack.developmentKey(api));
        List<String> ids = new ArrayList<>();
        for (int b = 0; b < warmup; b++) {
          round(client, api, local.jobsQueueUrl(), "warm" + b, ids);
        }
        List<Long> accept = new ArrayList<>();
        List<Long> enqueued = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
          long[] t = round(client, api, local.jobsQueueUrl(), "bench" + b, ids);
          accept.add(t[0]);
          enqueued.add(t[1]);
        }
        Collections.sort(accept);
        Collections.sort(enqueued);
        System.out.printf(
            Locale.ROOT,
            "%d batches of %d jobs, %d cores, everything in one JVM (plus PostgreSQL)%n",
            batches,
            batchSize,
            Runtime.getRuntime().availableProcessors());
        System.out.printf(
            Locale.ROOT,
            "accepted (202: validated, stored, outbox written): p50 %d ms, p99 %d ms, max %d ms → %.0f jobs/s%n",
            pct(accept, 0.5),
            pct(accept, 0.99),
            accept.getLast(),
            batchSize * 1000.0 / Math.max(pct(accept, 0.5), 1));
        System.out.printf(
            Locale.ROOT,
            "on the jobs queue (accepted and sent by the outbox): p50 %d ms, p99 %d ms → %.0f jobs/s%n",
            pct(enqueued, 0.5),
            pct(enqueued, 0.99),
            batchSize * 1000.0 / Math.max(pct(enqueued, 0.5), 1));
        reads(client.base(), client.key(), ids);
      }
    }
    return 0;
  }

  /**
   * One batch: milliseconds to the 202, and to the last job leaving the outbox. (No embedded-stack
   * type in a signature: picocli reflects this class's methods, and the production image has no
   * local-stack.)
   */
  private long[] round(
      ApiClient client, CollectorApi api, String jobsQueueUrl, String name, List<String> ids)
      throws InterruptedException {
    List<JobMessage> jobs = new ArrayList<>(batchSize);
    for (int i = 0; i < batchSize; i++) {
      jobs.add(
          JobMessage.of(name + "-" + i, Platform.YOUTUBE, JobKind.PROFILE, "@benchchannel" + i));
    }
    long t0 = System.nanoTime();
    int accepted = client.submitBatch(jobs).path("accepted").intValue();
    long t1 = System.nanoTime();
    while (api.outboxPending() > 0) {
      Thread.sleep(2);
    }
    long t2 = System.nanoTime();
    if (accepted != batchSize) {
      throw new IllegalStateException("only " + accepted + " of " + batchSize + " accepted");
    }
    jobs.forEach(j -> ids.add(j.jobId()));
    // Keep the queue small between rounds: no worker drains it here.
    java.util.Objects.requireNonNull(sqs).purgeQueue(r -> r.queueUrl(jobsQueueUrl));
    return new long[] {(t1 - t0) / 1_000_000, (t2 - t0) / 1_000_000};
  }

  private void reads(URI base, String key, List<String> ids) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long end = System.nanoTime() + Duration.ofSeconds(readSeconds).toNanos();
    AtomicInteger errors = new AtomicInteger();
    List<Future<List<Long>>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int r = 0; r < readers; r++) {
        results.add(
            pool.submit(
                () -> {
                  List<Long> micros = new ArrayList<>();
                  while (System.nanoTime() < end) {
                    String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    long s = System.nanoTime();
                    HttpResponse<Void> resp =
                        http.send(
                            HttpRequest.newBuilder(base.resolve("/v1/jobs/" + id))
                                .header("Authorization", "Bearer " + key)
                                .build(),
                            HttpResponse.BodyHandlers.discarding());
                    micros.add((System.nanoTime() - s) / 1000);
                    if (resp.statusCode() != 200) {
                      errors.incrementAndGet();
                    }
                  }
                  return micros;
                }));
      }
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> f : results) {
      all.addAll(f.get());
    }
    Collections.sort(all);
    System.out.printf(
        Locale.ROOT,
        "status reads (GET /v1/jobs/{id}, %d readers, %d s, %d jobs stored): %.0f reads/s, p50 %.1f ms, p99 %.1f ms, %d errors%n",
        readers,
        readSeconds,
        ids.size(),
        all.size() / (double) readSeconds,
        pct(all, 0.5) / 1000.0,
        pct(all, 0.99) / 1000.0,
        errors.get());
  }

  private static long pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.clamp((int) Math.ceil(p * sorted.size()) - 1, 0, sorted.size() - 1));
  }
}
