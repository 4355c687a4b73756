package dev.snscollector.launcher;

import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.Route;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.localstack.LocalStack;
import dev.snscollector.worker.AwsClients;
import dev.snscollector.worker.WorkerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * {@code ./collector bench --pages}: the crawl route on heavy pages, the worker in a process of its
 * own so that its figures are its own. This process holds the stand-ins (ElasticMQ, S3Proxy) and,
 * unless the peer yardstick serves them, the origin with the pages; the worker is started as
 * production starts it ({@code collector worker}, configured by environment variables) with the
 * page routes pointed at the origin and no proxies (direct, no politeness interval: a local
 * origin). The jobs go straight onto the jobs queue; the run ends when every job has a result
 * event.
 *
 * <p>Pages: N copies of the real 543 KB TikTok profile page read from {@code ../shared/realdata}
 * where it lies, each with its own handle, id and follower count (as the peer yardstick's {@code
 * gen_pages.py} makes them), made by the origin when asked; never written into the project. Under
 * the yardstick ({@code YARDSTICK_JOBS} and {@code YARDSTICK_ORIGIN} set) its jobs and origin are
 * used instead.
 *
 * <p>Figures: pages per second (first send to last result), CPU per page and peak RSS of the worker
 * process alone and of this process (the stand-ins, and the origin when it serves), jobs delivered
 * more than once, outcomes.
 */
final class PageBench {
  private static final String REAL_PAGE = "realdata/tiktok-web/metascraper__profile.html";
  private static final String HANDLE = "illojuan";
  private static final String USER_ID = "6781206617314018309";
  private static final String FOLLOWERS = "\"followerCount\":\"783427\"";

  record Settings(
      int pages,
      int concurrency,
      long latencyMs,
      List<String> workerJvm,
      Duration visibility,
      Duration deadline,
      int faultPercent,
      int warmup,
      @Nullable Path workerAot,
      int aotTraining) {

    /** The same settings with these JVM options added for the worker (the AOT cache's, say). */
    Settings withWorkerJvmAdded(List<String> more) {
      List<String> all = new ArrayList<>(workerJvm);
      all.addAll(more);
      return new Settings(
          pages,
          concurrency,
          latencyMs,
          List.copyOf(all),
          visibility,
          deadline,
          faultPercent,
          warmup,
          workerAot,
          aotTraining);
    }
  }

  /**
   * Whether the origin answers this request with a fault (a 503): {@code percent} of the requests,
   * spread evenly by their sequence number, so a run injects the same faults every time.
   */
  static boolean faulty(long sequence, int percent) {
    return percent > 0 && Math.floorMod(sequence * 37, 100) < percent;
  }

  private static final AtomicLong FAULTS = new AtomicLong();
  // A job's object holds its compressed page and records: 114 KiB for the TikTok page.
  private static final long OBJECT_BYTES_BOUND = 256 * 1024;

  private PageBench() {}

  static int run(Settings s, PrintStream out) throws Exception {
    String yardstickJobs = System.getenv("YARDSTICK_JOBS");
    String yardstickOrigin = System.getenv("YARDSTICK_ORIGIN");
    boolean yardstick = yardstickJobs != null && yardstickOrigin != null;
    List<JobMessage> jobs;
    String template = null;
    if (yardstick) {
      jobs = readJobs(Path.of(yardstickJobs));
    } else {
      template = realPage();
      jobs = jobsFor(s.pages());
    }
    Pages made = template == null ? null : new Pages(template);
    Path empty = Files.createTempDirectory("bench-origin");
    // The workers' output: shown when one ends early, deleted with the run.
    Path logs = Files.createTempDirectory("bench-logs");
    // The jobs' objects go to files (S3Proxy's filesystem store), not to this process's heap: held
    // in memory, thousands of 114 KiB archives were copied by every young collection (pauses up to
    // 1.5 s) and took this process to 2.3 GiB on a 6,000-page run.
    long pagesStored =
        (long) jobs.size() + s.warmup() + (s.workerAot() == null ? 0 : s.aotTraining());
    Path s3Dir =
        DemoStack.objectsDirectory(DemoStack.SHARED_MEMORY, pagesStored * OBJECT_BYTES_BOUND);
    try (LocalStack local = LocalStack.start(DemoStack.benchConfig(s3Dir, s.visibility()));
        FixtureOrigin origin =
            made == null
                ? null
                : FixtureOrigin.builder(empty)
                    .latency(Duration.ofMillis(s.latencyMs()))
                    .interceptor(
                        r -> {
                          if (faulty(r.sequence(), s.faultPercent())) {
                            FAULTS.incrementAndGet();
                            return Optional.of(
                                FixtureOrigin.Response.json(503, "{\"error\":\"injected\"}"));
                          }
                          return made.answer(r);
                        })
                    .build()
                    .start()) {
      String site = origin != null ? origin.baseUrl() : Objects.requireNonNull(yardstickOrigin);
      int metricsPort = AwsRequestCounts.freePort();
      SqsClient sqs =
          AwsClients.sqs(
              local.sqsEndpoint(),
              local.region(),
              new WorkerConfig.AwsKeys(
                  local.credentials().accessKeyId(), local.credentials().secretAccessKey()));
      // The measured worker's settings: with the AOT cache's options when there is one, so the
      // figures name the JVM they were measured on.
      Settings measured = s;
      if (s.workerAot() != null) {
        var aot =
            new WorkerAotCache(
                s.workerAot(),
                System.getProperty("java.vm.version"),
                s.workerJvm(),
                System.getProperty("java.class.path"));
        String stale = aot.staleBecause();
        if (stale != null) {
          trainAot(aot, stale, s, out, jobs, local, sqs, site, metricsPort, logs);
        } else {
          out.println("AOT cache: " + aot.file() + " (current)");
        }
        measured = s.withWorkerJvmAdded(aot.runOptions());
      }
      Path workerLog = logs.resolve("worker.log");
      Process worker = startWorker(local, site, measured, metricsPort, workerLog);
      try {
        return measure(
            measured,
            out,
            jobs,
            local,
            sqs,
            worker,
            workerLog,
            yardstick,
            site,
            new AwsRequestCounts(metricsPort));
      } finally {
        worker.destroy();
        if (!worker.waitFor(30, TimeUnit.SECONDS)) {
          worker.destroyForcibly();
        }
        sqs.close();
      }
    } finally {
      DemoCommand.deleteTree(s3Dir);
      DemoCommand.deleteTree(empty);
      DemoCommand.deleteTree(logs);
    }
  }

  private static int measure(
      Settings s,
      PrintStream out,
      List<JobMessage> jobs,
      LocalStack local,
      SqsClient sqs,
      Process worker,
      Path workerLog,
      boolean yardstick,
      String site,
      AwsRequestCounts awsRequests) {
    if (s.warmup() > 0) {
      warmUp(s, out, jobs, local, sqs, worker);
    }
    ResultCollector results = new ResultCollector(sqs, local.resultsQueueUrl());
    Map<String, Double> requests0 = awsRequests.read();
    ProcessHandle self = ProcessHandle.current();
    Duration selfCpu0 = cpu(self);
    Duration workerCpu0 = cpu(worker.toHandle());
    long start = System.nanoTime();
    send(sqs, local.jobsQueueUrl(), jobs);
    long deadline = start + s.deadline().toNanos();
    long lastPrint = 0;
    long workerPeakRss = 0;
    Duration halfCpu = null;
    int halfDone = 0;
    while (results.jobsDone() < jobs.size() && System.nanoTime() < deadline && worker.isAlive()) {
      results.poll(Duration.ofSeconds(1));
      workerPeakRss = Math.max(workerPeakRss, peakRssKiB(worker.pid()));
      if (halfCpu == null && results.jobsDone() >= jobs.size() / 2) {
        halfCpu = cpu(worker.toHandle()).minus(workerCpu0);
        halfDone = results.jobsDone();
      }
      long now = System.nanoTime();
      if (now - lastPrint > 2_000_000_000L) {
        lastPrint = now;
        out.printf(
            Locale.ROOT,
            "  %5d/%d pages  %.0f pages/s%n",
            results.jobsDone(),
            jobs.size(),
            results.jobsDone() / Math.max((now - start) / 1e9, 0.001));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Duration workerCpu = cpu(worker.toHandle()).minus(workerCpu0);
    Map<String, Double> requests = awsRequests.read();
    workerPeakRss = Math.max(workerPeakRss, peakRssKiB(worker.pid()));
    Duration selfCpu = cpu(self).minus(selfCpu0);
    int done = results.jobsDone();
    out.printf(
        Locale.ROOT,
        "%d pages (543 KB TikTok profile pages) from %s, origin latency %s, concurrency %d,"
            + " worker JVM %s, %d cores%n",
        jobs.size(),
        yardstick ? "the yardstick's origin " + site : "the local origin",
        yardstick ? "the yardstick's" : s.latencyMs() + " ms",
        s.concurrency(),
        String.join(" ", s.workerJvm()),
        Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "outcomes: %s%n", LoadRun.outcomes(results.byOutcome()));
    out.printf(
        Locale.ROOT,
        "delivered more than once: %d jobs; result events beyond one per job: %d%n",
        results.redelivered(),
        results.duplicates());
    out.printf(Locale.ROOT, "%.1f pages/s (%d in %.1f s)%n", done / seconds, done, seconds);
    out.printf(
        Locale.ROOT,
        "worker process: %.2f ms CPU per page (%.1f s), peak RSS %d MiB%n",
        workerCpu.toNanos() / 1e6 / Math.max(done, 1),
        workerCpu.toNanos() / 1e9,
        workerPeakRss / 1024);
    if (halfCpu != null && done > halfDone) {
      out.printf(
          Locale.ROOT,
          "worker process, second half of the run (warmed up): %.2f ms CPU per page%n",
          workerCpu.minus(halfCpu).toNanos() / 1e6 / (done - halfDone));
    }
    out.printf(
        Locale.ROOT,
        "stand-ins%s: %.2f ms CPU per page (%.1f s), peak RSS %d MiB%n",
        yardstick ? "" : " and origin",
        selfCpu.toNanos() / 1e6 / Math.max(done, 1),
        selfCpu.toNanos() / 1e9,
        peakRssKiB(self.pid()) / 1024);
    out.printf(
        Locale.ROOT,
        "worker's AWS requests per page: %s%n",
        AwsRequestCounts.perPage(requests0, requests, done));
    out.printf(
        Locale.ROOT,
        "result reader's SQS requests per page: %.3f (%d receives, %d deletes)%n",
        (results.receives() + results.deletes()) / (double) Math.max(done, 1),
        results.receives(),
        results.deletes());
    storedObjects(local, out, s.warmup() > 0 || s.workerAot() != null);
    if (s.faultPercent() > 0) {
      out.printf(
          Locale.ROOT,
          "faults injected: %d answers of 503 (%d%% of requests)%n",
          FAULTS.get(),
          s.faultPercent());
    }
    out.printf(
        Locale.ROOT,
        "RESULT worker %.1f pages/s, %.2f ms CPU/page, %d MiB peak RSS, %d redelivered%n",
        done / seconds,
        workerCpu.toNanos() / 1e6 / Math.max(done, 1),
        workerPeakRss / 1024,
        results.redelivered());
    if (!worker.isAlive()) {
      out.println(
          "the worker process ended early (exit " + worker.exitValue() + "); its output ends:");
      out.println(tail(workerLog));
      return 1;
    }
    return done == jobs.size() ? 0 : 1;
  }

  /**
   * The first {@code warmup} pages (round the list again when it is shorter), each as a job of its
   * own id, run to their end before the measured pass: the same pages and origin, so the measured
   * figures are those of a worker that has been running.
   */
  private static void warmUp(
      Settings s,
      PrintStream out,
      List<JobMessage> jobs,
      LocalStack local,
      SqsClient sqs,
      Process worker) {
    long start = System.nanoTime();
    int done = runToEnd(s, jobs, "warmup-", s.warmup(), local, sqs, worker);
    out.printf(
        Locale.ROOT, "warm-up: %d pages in %.1f s%n", done, (System.nanoTime() - start) / 1e9);
  }

  /**
   * The training run of the worker's AOT cache: a worker of the same JVM options that records as it
   * runs {@code aotTraining} pages (ids of their own, the same pages and origin), then stops; its
   * JVM writes the cache as it exits. Not measured: recording slows a worker down.
   */
  private static void trainAot(
      WorkerAotCache aot,
      String why,
      Settings s,
      PrintStream out,
      List<JobMessage> jobs,
      LocalStack local,
      SqsClient sqs,
      String site,
      int metricsPort,
      Path logs)
      throws IOException, InterruptedException {
    out.printf(Locale.ROOT, "AOT cache: training one (%s) on %d pages…%n", why, s.aotTraining());
    aot.clear();
    long start = System.nanoTime();
    Path log = logs.resolve("aot-training.log");
    Process trainer =
        startWorker(local, site, s.withWorkerJvmAdded(aot.trainingOptions()), metricsPort, log);
    try {
      int done = runToEnd(s, jobs, "aot-training-", s.aotTraining(), local, sqs, trainer);
      long ran = System.nanoTime();
      if (done < s.aotTraining()) {
        // Jobs left on the queue would be the measured worker's first pages.
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "the AOT training run ended %d of its %d pages; its output ends:%n%s",
                done,
                s.aotTraining(),
                tail(log)));
      }
      trainer.destroy();
      if (!trainer.waitFor(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the training worker did not stop within 5 minutes");
      }
      if (!Files.isRegularFile(aot.file())) {
        out.println("the training worker wrote no AOT cache; its output ends:");
        out.println(tail(log));
      }
      aot.trained();
      out.printf(
          Locale.ROOT,
          "AOT cache: %d pages in %.1f s, written in %.1f s to %s (%d MiB)%n",
          done,
          (ran - start) / 1e9,
          (System.nanoTime() - ran) / 1e9,
          aot.file(),
          Files.size(aot.file()) >> 20);
    } finally {
      if (trainer.isAlive()) {
        trainer.destroyForcibly();
      }
    }
  }

  /**
   * Sends {@code n} of the pages (round the list again when it is shorter) as jobs whose ids start
   * with {@code prefix}, and waits for their results; returns how many ended.
   */
  private static int runToEnd(
      Settings s,
      List<JobMessage> jobs,
      String prefix,
      int n,
      LocalStack local,
      SqsClient sqs,
      Process worker) {
    List<JobMessage> batch = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      batch.add(jobs.get(i % jobs.size()).withJobId(prefix + i));
    }
    ResultCollector results = new ResultCollector(sqs, local.resultsQueueUrl());
    send(sqs, local.jobsQueueUrl(), batch);
    long deadline = System.nanoTime() + s.deadline().toNanos();
    while (results.jobsDone() < batch.size() && System.nanoTime() < deadline && worker.isAlive()) {
      results.poll(Duration.ofSeconds(1));
    }
    return results.jobsDone();
  }

  /** The worker as production starts it: {@code collector worker} in a JVM of its own. */
  private static Process startWorker(
      LocalStack local, String site, Settings s, int metricsPort, Path log) throws IOException {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(local.environment());
    env.put("WORKER_CONCURRENCY", Integer.toString(s.concurrency()));
    env.put("WORKER_RECEIVERS", Integer.toString(Math.clamp(s.concurrency() / 50, 2, 8)));
    env.put("VISIBILITY_TIMEOUT_SECONDS", Long.toString(s.visibility().toSeconds()));
    env.put("SITE_BASE_URL", site);
    env.put("PROXY_ALLOW_DIRECT", "true");
    env.put("PROXY_DOMAIN_INTERVAL_MILLIS", "0");
    env.put("PROXY_MAX_LEASES", Integer.toString(Math.max(s.concurrency(), 1)));
    env.put("METRICS_PORT", Integer.toString(metricsPort));
    env.put("SHUTDOWN_GRACE_SECONDS", "5");
    env.put("COLLECTOR_LOG_LEVEL", "WARN");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(s.workerJvm());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CollectorCli.class.getName());
    command.add("worker");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.redirectOutput(log.toFile());
    return builder.start();
  }

  private static void send(SqsClient sqs, String queueUrl, List<JobMessage> jobs) {
    for (int i = 0; i < jobs.size(); i += 10) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (JobMessage job : jobs.subList(i, Math.min(i + 10, jobs.size()))) {
        entries.add(
            SendMessageBatchRequestEntry.builder()
                .id(Integer.toString(entries.size()))
                .messageBody(JobCodec.encode(job))
                .build());
      }
      sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
    }
  }

  private static List<JobMessage> jobsFor(int n) {
    List<JobMessage> jobs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      jobs.add(
          JobMessage.of(
                  String.format(Locale.ROOT, "page-%05d", i),
                  Platform.TIKTOK,
                  JobKind.PROFILE,
                  "@" + handle(i))
              .withOptions(new JobMessage.JobOptions(null, null, List.of(Route.CRAWL))));
    }
    return jobs;
  }

  private static List<JobMessage> readJobs(Path file) throws IOException {
    List<JobMessage> jobs = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        jobs.add(JobCodec.decode(line));
      }
    }
    return jobs;
  }

  private static String handle(int i) {
    return String.format(Locale.ROOT, "perf.user.%05d", i);
  }

  /** The real page, read where it lies. */
  static String realPage() throws IOException {
    Path real = LoadRun.home().resolve("..").resolve("shared").resolve(REAL_PAGE).normalize();
    if (!Files.isRegularFile(real)) {
      throw new IllegalStateException(
          "bench --pages needs the real TikTok page at ../shared/"
              + REAL_PAGE
              + " (not found at "
              + real
              + "); or run it under ../shared/peer-yardstick/run.sh, which serves its own");
    }
    return Files.readString(real, StandardCharsets.UTF_8);
  }

  /**
   * The pages of {@code @perf.user.NNNNN}: the real page with that handle, its own user id and
   * follower count, as the yardstick's gen_pages.py writes them to files, but made when asked from
   * the page's bytes cut at those places, so thousands of distinct 543 KB pages cost neither disk,
   * nor heap: each answer is the shared pieces and its three fills, sent in turn.
   */
  static final class Pages {
    private final List<byte[]> pieces = new ArrayList<>();
    private final List<Integer> holes = new ArrayList<>();

    Pages(String template) {
      String[] markers = {HANDLE, USER_ID, FOLLOWERS};
      int at = 0;
      while (true) {
        int next = -1;
        int which = -1;
        for (int m = 0; m < markers.length; m++) {
          int i = template.indexOf(markers[m], at);
          if (i >= 0 && (next < 0 || i < next)) {
            next = i;
            which = m;
          }
        }
        if (next < 0) {
          pieces.add(template.substring(at).getBytes(StandardCharsets.UTF_8));
          return;
        }
        pieces.add(template.substring(at, next).getBytes(StandardCharsets.UTF_8));
        holes.add(which);
        at = next + markers[which].length();
      }
    }

    Optional<FixtureOrigin.Response> answer(FixtureOrigin.Request r) {
      String prefix = "/@perf.user.";
      if (!r.host().equals("www.tiktok.com") || !r.path().startsWith(prefix)) {
        return Optional.empty();
      }
      int n;
      try {
        n = Integer.parseInt(r.path().substring(prefix.length()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      byte[][] fills = {
        handle(n).getBytes(StandardCharsets.UTF_8),
        Long.toString(Long.parseLong(USER_ID) + n).getBytes(StandardCharsets.UTF_8),
        ("\"followerCount\":\"" + (783427 + n) + "\"").getBytes(StandardCharsets.UTF_8)
      };
      List<byte[]> parts = new ArrayList<>(pieces.size() + holes.size());
      for (int i = 0; i < pieces.size(); i++) {
        parts.add(pieces.get(i));
        if (i < holes.size()) {
          parts.add(fills[holes.get(i)]);
        }
      }
      return Optional.of(
          new FixtureOrigin.Response(
              200, Map.of("content-type", "text/html; charset=utf-8"), parts));
    }
  }

  /** The last lines of a worker's output, for a run that went wrong. */
  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(could not read " + log + ": " + e.getMessage() + ")";
    }
  }

  private static String describe(Path directory) {
    try {
      return directory + " (" + Files.getFileStore(directory).type() + ")";
    } catch (IOException e) {
      return directory.toString();
    }
  }

  /** What the run left in S3: the jobs' objects (records and the scrubbed, compressed page). */
  private static void storedObjects(LocalStack local, PrintStream out, boolean warmedUp) {
    try (S3Client s3 =
        AwsClients.s3(
            local.s3Endpoint(),
            local.region(),
            new WorkerConfig.AwsKeys(
                local.credentials().accessKeyId(), local.credentials().secretAccessKey()))) {
      long objects = 0;
      long bytes = 0;
      for (S3Object o :
          s3.listObjectsV2Paginator(r -> r.bucket(local.bucket()).prefix("jobs/")).contents()) {
        objects++;
        bytes += o.size();
      }
      out.printf(
          Locale.ROOT,
          "S3: %d job objects%s, %.1f MiB, %.1f KiB each, in %s%n",
          objects,
          warmedUp ? " (the warm-up's and any AOT training's included)" : "",
          bytes / 1048576.0,
          objects == 0 ? 0.0 : bytes / 1024.0 / objects,
          local.s3().dataDirectory().map(PageBench::describe).orElse("memory"));
    } catch (RuntimeException e) {
      out.println("S3: could not list the job objects: " + e);
    }
  }

  private static Duration cpu(ProcessHandle p) {
    return p.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** VmHWM of a process from /proc: its resident set's high-water mark in KiB; 0 if unknown. */
  static long peakRssKiB(long pid) {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException | UncheckedIOException e) {
      return 0;
    }
    return 0;
  }
}
