package dev.snscollector.launcher;

import dev.snscollector.api.CollectorApi;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./collector demo}: the product on the embedded stack, offline, end to end through
 * collector-api. Starts ElasticMQ, S3Proxy, the local origin (the fixtures and the demo's own
 * pages, {@link DemoSite}), PostgreSQL, the API and workers in this process, with every route of
 * the workers pointed at the origin. Stores the demo creators' tokens through the API (sealed at
 * rest), submits the jobs of all four platforms ({@link DemoWorkload}) as one batch, follows their
 * states through the API (whose result consumer reads the workers' events), and prints a summary:
 * outcomes by platform and route, the fallbacks of the token the origin revokes mid-run, the drift
 * report and where its page was kept. Exits 0 when every job got an outcome.
 */
@Command(
    name = "demo",
    description =
        "Run the four platforms' jobs end to end on the embedded stack: API routes with creators'"
            + " tokens, crawls, a token revoked mid-run, a drifted page.")
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--jobs",
      defaultValue = "300",
      description =
          "Jobs to submit (default ${DEFAULT-VALUE}); the first "
              + DemoWorkload.CYCLE
              + " cover every case.")
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
    if (jobs < 1 || workers < 1 || concurrency < 1 || latencyMs < 0) {
      System.err.println(
          "demo: --jobs, --workers and --concurrency must be at least 1, --latency-ms 0 or more");
      return 2;
    }
    PrintStream out = System.out;
    Path data = LoadRun.home().resolve(".collector/demo");
    deleteTree(data);
    Path s3Dir = Files.createDirectories(data.resolve("s3"));
    String runId = "demo-" + Long.toString(System.currentTimeMillis(), 36);
    DemoWorkload.Workload workload = DemoWorkload.generate(LoadRun.fixturesDir(), jobs, runId);
    DemoWorkload.Creator revoked = workload.revoked();
    DemoSite.Revocation revocation =
        new DemoSite.Revocation("graph.facebook.com", revoked.token(), workload.acceptedCalls());
    DemoSite site = DemoSite.load(DemoSite.dir());
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
            DemoStack.randomTokenKeys(),
            site.interceptor(revocation))) {
      CollectorApi api = stack.startApi(null, 0, Map.of());
      ApiClient client = new ApiClient(api.localUrl(), DemoStack.developmentKey(api));
      for (int i = 0; i < workers; i++) {
        stack.startWorker(stack.workerEnvironmentOnOrigin(concurrency, false));
      }
      String origin = Objects.requireNonNull(stack.origin, "origin").baseUrl();
      out.printf(
          Locale.ROOT,
          "Stack up in %.1f s: API %s, SQS %s, S3 %s, origin %s, %d workers × %d jobs at once%n",
          (System.nanoTime() - t0) / 1e9,
          api.localUrl(),
          stack.local.environment().get("SQS_ENDPOINT"),
          stack.local.environment().get("S3_ENDPOINT"),
          origin,
          workers,
          concurrency);
      out.println(
          "Workers' routes: the YouTube, Graph and TikTok APIs and the public pages (crawl, direct,"
              + " no proxies) all at the local origin");
      for (DemoWorkload.Creator c : workload.creators()) {
        JsonNode account = client.putToken(c.platform(), c.accountId(), c.token());
        out.printf(
            Locale.ROOT,
            "Stored %s's %s token: PUT /v1/accounts/%s/%s/token → %s (sealed at rest)%s%n",
            c.handle(),
            c.platform().wireName(),
            c.platform().wireName(),
            c.accountId(),
            account.path("status").stringValue("?"),
            c == revoked
                ? "; the origin revokes it after " + revocation.accepted + " Graph calls"
                : "");
      }
      out.printf(
          Locale.ROOT,
          "Submitting %d jobs (run %s) with POST %s/v1/jobs/batch…%n",
          workload.jobs().size(),
          runId,
          api.localUrl());
      LoadRun.Report report =
          LoadRun.runThroughApi(client, workload.jobs(), Duration.ofMinutes(10), out);
      DemoSummary summary = DemoSummary.read(client);
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
      summary.printOutcomes(out);
      out.println();
      summary.printFallbacks(out);
      out.println();
      summary.printRevocation(out, revoked, revocation, account(client, revoked));
      out.println();
      summary.printDrift(out, bucket, s3Dir);
      out.println();
      summary.printOrigin(out, origin, site.requestsByHost());
      out.println();
      out.println("Where the records are");
      out.printf(
          Locale.ROOT,
          "  S3 bucket %s, one object per job: jobs/<jobId>.zip, its raw captures (fixture format)%n",
          bucket);
      out.printf(
          Locale.ROOT, "  and its records as the entry records.jsonl.gz (gzip JSON lines)%n");
      out.printf(Locale.ROOT, "  S3Proxy keeps them on disk under %s%n", s3Dir.resolve(bucket));
      summary.jobs().stream()
          .map(DemoSummary.Job::records)
          .filter(Objects::nonNull)
          .map(uri -> DemoSummary.onDisk(uri, bucket, s3Dir))
          .filter(Objects::nonNull)
          .findFirst()
          .ifPresent(
              file -> {
                out.println("  Read one:");
                out.printf(
                    Locale.ROOT, "    unzip -p %s records.jsonl.gz | zcat | head -3%n", file);
              });
      out.println("  Or serve them over the S3 API with ./collector local and use any S3 client.");
      return report.complete() ? 0 : 1;
    }
  }

  /** The account as the API shows it now, or null if it cannot say. */
  private static @Nullable JsonNode account(ApiClient api, DemoWorkload.Creator c) {
    try {
      return api.get(
          "/v1/accounts/"
              + c.platform().wireName()
              + "/"
              + URLEncoder.encode(c.accountId(), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return null;
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
