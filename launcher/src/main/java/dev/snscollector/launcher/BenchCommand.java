package dev.snscollector.launcher;

import dev.snscollector.contracts.JobMessage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./collector bench}: the demo stack under load, measured. With API jobs everything
 * (ElasticMQ, S3Proxy, the origin and the workers) shares this JVM and the machine's cores, so the
 * figures are for the whole system, stand-ins included, after warm-up rounds ({@link WarmUp}).
 * {@code --pages} runs the worker in a JVM of its own ({@link PageBench}).
 */
@Command(name = "bench", description = "Measure end-to-end throughput on the embedded stack.")
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--jobs",
      defaultValue = "3000",
      description = "Measured jobs (default ${DEFAULT-VALUE}).")
  int jobs;

  /**
   * Jobs run before the measured ones, so that the figures are those of a worker that has been
   * running (a worker lives for hours). Unset, the API bench warms up in rounds until the CPU per
   * job stops falling ({@link WarmUp}). Page mode warms up only when asked, since the peer
   * yardstick times the whole command.
   */
  @Option(
      names = "--warmup",
      description =
          "Warm-up jobs (default: rounds of "
              + WarmUp.ROUND_JOBS
              + " until the CPU per job stops falling; in page mode 0).")
  @Nullable Integer warmup;

  @Option(
      names = "--latency-ms",
      defaultValue = "50",
      description = "Origin latency (default ${DEFAULT-VALUE} ms).")
  long latencyMs;

  @Option(
      names = "--workers",
      defaultValue = "1",
      description = "Workers (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--concurrency",
      defaultValue = "256",
      description = "Jobs per worker at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--pages",
      description =
          "Page mode: the crawl route on --jobs copies of the real 543 KB TikTok profile page"
              + " (or the peer yardstick's pages and origin), the worker in a process of its own.")
  boolean pages;

  @Option(
      names = "--worker-jvm",
      defaultValue = "-Xmx384m -XX:+UseSerialGC",
      description =
          "JVM options of the worker process in page mode (default ${DEFAULT-VALUE}); space"
              + " separated.")
  String workerJvm = "-Xmx384m -XX:+UseSerialGC";

  @Option(
      names = "--worker-aot",
      description =
          "Page mode: run the worker with this AOT cache (JDK 25: classes loaded and linked, and"
              + " method profiles, from a training run), training it first when it is missing or"
              + " was made for other jars or JVM options.")
  @Nullable Path workerAot;

  @Option(
      names = "--aot-training",
      defaultValue = "2000",
      description = "Pages the worker's AOT training run takes (default ${DEFAULT-VALUE}).")
  int aotTraining;

  @Option(
      names = "--visibility-seconds",
      defaultValue = "30",
      description = "The jobs queue's visibility timeout in page mode (default ${DEFAULT-VALUE}).")
  int visibilitySeconds;

  @Option(
      names = "--fault-percent",
      defaultValue = "0",
      description =
          "Page mode: the origin answers this share of requests with a 503 (default"
              + " ${DEFAULT-VALUE}), to measure what faults cost.")
  int faultPercent;

  @Option(
      names = "--s3-on-disk",
      description =
          "Keep S3Proxy's objects on disk, as the demo does (default: in /dev/shm when it is a"
              + " tmpfs with room, else in the heap).")
  boolean s3OnDisk;

  @Override
  public Integer call() throws Exception {
    if (pages) {
      if (workerAot != null && aotTraining < 1) {
        throw new ParameterException(
            spec.commandLine(), "--aot-training must be at least 1 page, was " + aotTraining);
      }
      return PageBench.run(
          new PageBench.Settings(
              jobs,
              concurrency,
              latencyMs,
              List.of(workerJvm.trim().split("\\s+")),
              Duration.ofSeconds(visibilitySeconds),
              Duration.ofMinutes(15),
              faultPercent,
              warmup == null ? 0 : warmup,
              workerAot,
              aotTraining),
          System.out);
    }
    Path s3Dir;
    if (s3OnDisk) {
      Path dir = LoadRun.home().resolve(".collector/bench");
      DemoCommand.deleteTree(dir);
      s3Dir = Files.createDirectories(dir.resolve("s3"));
    } else {
      // Out of the heap the bench measures: the warm-up alone writes some 20,000 objects.
      s3Dir =
          DemoStack.inSharedMemory(
              DemoStack.SHARED_MEMORY,
              (long) ((warmup == null ? MAX_WARMUP_JOBS : warmup) + jobs) * API_OBJECT_BYTES_BOUND);
    }
    System.out.println(
        "S3: "
            + (s3Dir == null ? "objects in this JVM's heap" : "objects in " + s3Dir)
            + ", signatures not checked");
    try {
      return measureJobs(s3Dir);
    } finally {
      if (s3Dir != null && !s3OnDisk) {
        DemoCommand.deleteTree(s3Dir);
      }
    }
  }

  /**
   * A bound on an API job's object (records and compressed captures): the heap grew by about 4.5
   * KiB per job when S3Proxy kept them there.
   */
  private static final long API_OBJECT_BYTES_BOUND = 64 * 1024;

  private static final int MAX_WARMUP_JOBS = WarmUp.ROUND_JOBS * WarmUp.MAX_ROUNDS;

  private int measureJobs(@Nullable Path s3Dir) throws IOException {
    try (DemoStack stack =
        DemoStack.startForBench(
            s3Dir, LoadRun.fixturesDir(), Duration.ofMillis(latencyMs), Duration.ofSeconds(60))) {
      for (int i = 0; i < workers; i++) {
        Map<String, String> env = stack.workerEnvironment(concurrency);
        // The bench measures throughput, not one Google project's daily quota (10,000 units):
        // a long warm-up plus the run would otherwise end most jobs rate_limited.
        env.put("YOUTUBE_QUOTA_UNITS_PER_DAY", "100000000");
        stack.startWorker(env);
      }
      if (warmup != null) {
        System.out.printf(Locale.ROOT, "warm-up: %d jobs%n", warmup);
        warmUp(stack, warmup, "warmup");
      } else {
        List<WarmUp.Round> rounds =
            WarmUp.untilSettled(
                i -> warmUp(stack, WarmUp.ROUND_JOBS, "warmup" + i), WarmUp::cpuNow);
        for (int i = 0; i < rounds.size(); i++) {
          System.out.printf(Locale.ROOT, "warm-up round %d: %s%n", i + 1, rounds.get(i));
        }
        if (!WarmUp.settled(rounds)) {
          System.out.printf(
              Locale.ROOT,
              "warm-up: the CPU per job was still falling after %d rounds; measuring anyway%n",
              rounds.size());
        }
      }
      resetPeaks();
      WarmUp.Cpu cpu0 = WarmUp.cpuNow();
      List<JobMessage> batch = DemoJobs.generate(LoadRun.fixturesDir(), jobs, "bench");
      LoadRun.Report r = LoadRun.run(stack, batch, Duration.ofMinutes(10), quiet());
      WarmUp.Cpu cpu = WarmUp.cpuNow().since(cpu0);
      System.out.printf(
          Locale.ROOT,
          "%d jobs, origin latency %d ms, %d worker(s) × %d concurrency, %d cores%n",
          jobs,
          latencyMs,
          workers,
          concurrency,
          Runtime.getRuntime().availableProcessors());
      System.out.printf(
          Locale.ROOT, "outcomes: %s, records: %d%n", LoadRun.outcomes(r.byOutcome()), r.records());
      System.out.printf(Locale.ROOT, "%.0f jobs/s%n", r.jobsPerSecond());
      System.out.printf(
          Locale.ROOT, "job latency p50 %d ms, p99 %d ms%n", r.p50Millis(), r.p99Millis());
      System.out.printf(
          Locale.ROOT,
          "%s (%.1f s in all)%n",
          cpu.describe(r.done()),
          cpu.process().toNanos() / 1e9);
      System.out.printf(
          Locale.ROOT, "peak heap %d MiB, peak RSS %d MiB%n", peakHeapMiB(), peakRssMiB());
      return r.complete() ? 0 : 1;
    }
  }

  private static void warmUp(DemoStack stack, int count, String prefix) {
    LoadRun.run(
        stack,
        DemoJobs.generate(LoadRun.fixturesDir(), count, prefix),
        Duration.ofMinutes(5),
        quiet());
  }

  private static java.io.PrintStream quiet() {
    return new java.io.PrintStream(
        java.io.OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeapMiB() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum / (1024 * 1024);
  }

  /** VmHWM from /proc: the resident set's high-water mark (Linux only; -1 elsewhere). */
  private static long peakRssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
