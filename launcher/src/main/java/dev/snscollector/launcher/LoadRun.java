package dev.snscollector.launcher;

import dev.snscollector.api.JobSubmitter;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Enqueues a workload on a running {@link DemoStack}, follows the result events until every job has
 * an outcome (or a deadline passes), and measures it. Shared by {@code demo} and {@code bench}.
 */
final class LoadRun {
  /** What a run measured. */
  record Report(
      int jobs,
      int done,
      Map<Outcome, Integer> byOutcome,
      long records,
      Duration elapsed,
      double jobsPerSecond,
      long p50Millis,
      long p99Millis,
      int rejected) {
    boolean complete() {
      return done == jobs - rejected;
    }
  }

  private LoadRun() {}

  static Report run(
      DemoStack stack, List<JobMessage> jobs, Duration deadline, PrintStream progress) {
    JobSubmitter submitter = new JobSubmitter(stack.sqs, stack.local.jobsQueueUrl());
    ResultCollector results = new ResultCollector(stack.sqs, stack.local.resultsQueueUrl());
    long start = System.nanoTime();
    int rejected = 0;
    for (int i = 0; i < jobs.size(); i += 500) {
      for (JobSubmitter.Submission s :
          submitter.submit(jobs.subList(i, Math.min(i + 500, jobs.size())))) {
        if (!s.accepted()) {
          rejected++;
          progress.println("  rejected job " + s.jobId() + ": " + s.error());
        }
      }
    }
    int expected = jobs.size() - rejected;
    long end = start + deadline.toNanos();
    long lastPrint = 0;
    while (results.jobsDone() < expected && System.nanoTime() < end) {
      results.poll(Duration.ofSeconds(1));
      long now = System.nanoTime();
      if (now - lastPrint > 1_000_000_000L || results.jobsDone() >= expected) {
        lastPrint = now;
        double secs = (now - start) / 1e9;
        progress.printf(
            Locale.ROOT,
            "  %5d/%d jobs done  %s  %.0f jobs/s%n",
            results.jobsDone(),
            expected,
            outcomes(results.byOutcome()),
            results.jobsDone() / Math.max(secs, 0.001));
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    List<Long> latencies =
        results.all().stream()
            .filter(e -> e.jobId() != null)
            .map(
                e ->
                    Duration.between(e.timings().receivedAt(), e.timings().finishedAt()).toMillis())
            .sorted()
            .toList();
    return new Report(
        jobs.size(),
        results.jobsDone(),
        results.byOutcome(),
        results.records(),
        elapsed,
        results.jobsDone() / Math.max(elapsed.toNanos() / 1e9, 0.001),
        percentile(latencies, 0.50),
        percentile(latencies, 0.99),
        rejected);
  }

  static String outcomes(Map<Outcome, Integer> byOutcome) {
    return byOutcome.entrySet().stream()
        .map(e -> e.getKey().wireName() + " " + e.getValue())
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static long percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.clamp(i, 0, sorted.size() - 1));
  }

  /** The fixtures folder of the checkout the launcher runs from. */
  static Path fixturesDir() {
    String dir = System.getProperty("collector.fixtures");
    return dir == null ? home().resolve("fixtures") : Path.of(dir);
  }

  static Path home() {
    return Path.of(System.getProperty("collector.home", ".")).toAbsolutePath().normalize();
  }
}
