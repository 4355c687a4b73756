package dev.snscollector.launcher;

import dev.snscollector.api.CollectorApi;
import dev.snscollector.contracts.JobMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./collector demo}: the main job on the embedded stack, offline, end to end through
 * collector-api. Starts ElasticMQ, S3Proxy, the local origin, PostgreSQL, the API and workers in
 * this process; submits the jobs as one batch request; follows their states through the API (whose
 * result consumer reads the workers' events); prints a summary. Exits 0 when every job got an
 * outcome.
 */
@Command(name = "demo", description = "Run N YouTube jobs end to end on the embedded stack.")
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--jobs",
      defaultValue = "300",
      description = "Jobs to enqueue (default ${DEFAULT-VALUE}).")
  int jobs;

  @Option(
      names = "--workers",
      defaultValue = "2",
      description = "Workers to run (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--concurrency",
      defaultValue = "64",
      description = "Jobs per worker at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--latency-ms",
      defaultValue = "20",
      description = "Added origin latency (default ${DEFAULT-VALUE} ms).")
  long latencyMs;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path data = LoadRun.home().resolve(".collector/demo");
    deleteTree(data);
    Path s3Dir = Files.createDirectories(data.resolve("s3"));
    out.println(
        "Starting the embedded stack: ElasticMQ (SQS), S3Proxy (S3), the local origin,"
            + " PostgreSQL and collector-api…");
    long t0 = System.nanoTime();
    try (DemoStack stack =
        DemoStack.start(
            s3Dir,
            LoadRun.fixturesDir(),
            Duration.ofMillis(latencyMs),
            Duration.ofSeconds(30),
            DemoStack.randomTokenKeys())) {
      CollectorApi api = stack.startApi(null, 0, Map.of());
      ApiClient client = new ApiClient(api.localUrl(), DemoStack.developmentKey(api));
      for (int i = 0; i < workers; i++) {
        stack.startWorker(stack.workerEnvironment(concurrency));
      }
      out.printf(
          Locale.ROOT,
          "Stack up in %.1f s: API %s, SQS %s, S3 %s, origin %s, %d workers × %d jobs at once%n",
          (System.nanoTime() - t0) / 1e9,
          api.localUrl(),
          stack.local.environment().get("SQS_ENDPOINT"),
          stack.local.environment().get("S3_ENDPOINT"),
          stack.origin == null ? "-" : stack.origin.baseUrl(),
          workers,
          concurrency);
      String runId = "demo-" + Long.toString(System.currentTimeMillis(), 36);
      List<JobMessage> batch = DemoJobs.generate(LoadRun.fixturesDir(), jobs, runId);
      out.printf(
          Locale.ROOT,
          "Submitting %d jobs (run %s) with POST %s/v1/jobs/batch…%n",
          batch.size(),
          runId,
          api.localUrl());
      LoadRun.Report report = LoadRun.runThroughApi(client, batch, Duration.ofMinutes(10), out);
      String bucket = stack.local.bucket();
      out.println();
      out.println("Summary");
      out.printf(
          Locale.ROOT,
          "  jobs:        %d enqueued, %d with an outcome%n",
          report.jobs() - report.rejected(),
          report.done());
      out.printf(Locale.ROOT, "  by outcome:  %s%n", LoadRun.outcomes(report.byOutcome()));
      out.printf(Locale.ROOT, "  records:     %d%n", report.records());
      out.printf(
          Locale.ROOT,
          "  job states:  from collector-api (GET /v1/jobs?batch=…), fed by the result events%n");
      out.printf(
          Locale.ROOT,
          "  throughput:  %.0f jobs/s over %.1f s (job latency p50 %d ms, p99 %d ms)%n",
          report.jobsPerSecond(),
          report.elapsed().toMillis() / 1000.0,
          report.p50Millis(),
          report.p99Millis());
      out.println();
      out.println("Where the records are");
      out.printf(
          Locale.ROOT,
          "  S3 bucket %s, one object per job: jobs/<jobId>.zip, its raw captures (fixture format)%n",
          bucket);
      out.printf(
          Locale.ROOT, "  and its records as the entry records.jsonl.gz (gzip JSON lines)%n");
      out.printf(Locale.ROOT, "  S3Proxy keeps them on disk under %s%n", s3Dir.resolve(bucket));
      out.println("  Read one:");
      out.printf(
          Locale.ROOT,
          "    unzip -p %s records.jsonl.gz | zcat | head -3%n",
          s3Dir.resolve(bucket).resolve("jobs/" + runId + "-0.zip"));
      out.println("  Or serve them over the S3 API with ./collector local and use any S3 client.");
      return report.complete() ? 0 : 1;
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
