package dev.snscollector.launcher;

import dev.snscollector.api.JobSubmitter;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Runs a workload on a running {@link DemoStack} until every job has an outcome (or a deadline
 * passes), and measures it. {@code demo} goes through collector-api ({@link #runThroughApi}: a
 * batch in, job states out); {@code bench} enqueues straight on SQS and reads the result events
 * ({@link #run}), measuring the workers without the API.
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

  /**
   * Submits the jobs with {@code POST /v1/jobs/batch} (1,000 per request) and follows their states
   * through {@code GET /v1/jobs?batch=}, as the platform would.
   */
  static Report runThroughApi(
      ApiClient api, List<JobMessage> jobs, Duration deadline, PrintStream progress) {
    long start = System.nanoTime();
    int rejected = 0;
    List<String> batches = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i += 1000) {
      JsonNode answer = api.submitBatch(jobs.subList(i, Math.min(i + 1000, jobs.size())));
      batches.add(answer.path("batchId").stringValue());
      rejected += answer.path("rejected").intValue();
      for (JsonNode item : answer.path("items")) {
        if (item.path("status").stringValue("").equals("rejected")) {
          progress.println("  rejected job " + item.path("jobId") + ": " + item.path("errors"));
        }
      }
    }
    int expected = jobs.size() - rejected;
    long end = start + deadline.toNanos();
    int done = 0;
    while (System.nanoTime() < end) {
      int pending = 0;
      for (String batch : batches) {
        pending += api.count("batch=" + batch + "&status=accepted,queued");
      }
      done = expected - pending;
      progress.printf(
          Locale.ROOT,
          "  %5d/%d jobs done  %.0f jobs/s%n",
          done,
          expected,
          done / Math.max((System.nanoTime() - start) / 1e9, 0.001));
      if (done >= expected || !sleep(Duration.ofSeconds(1))) {
        break;
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    Map<Outcome, Integer> byOutcome = new EnumMap<>(Outcome.class);
    long[] records = {0};
    List<Long> latencies = new ArrayList<>();
    for (String batch : batches) {
      api.eachJob(
          "batch=" + batch + "&status=succeeded,failed,cancelled",
          job -> {
            Outcome.fromWireName(job.path("outcome").stringValue(""))
                .ifPresent(o -> byOutcome.merge(o, 1, Integer::sum));
            records[0] += job.path("recordCount").asLong(0);
            if (job.path("receivedAt").isString() && job.path("finishedAt").isString()) {
              latencies.add(
                  Duration.between(
                          Instant.parse(job.path("receivedAt").stringValue()),
                          Instant.parse(job.path("finishedAt").stringValue()))
                      .toMillis());
            }
          });
    }
    Collections.sort(latencies);
    return new Report(
        jobs.size(),
        done,
        byOutcome,
        records[0],
        elapsed,
        done / Math.max(elapsed.toNanos() / 1e9, 0.001),
        percentile(latencies, 0.50),
        percentile(latencies, 0.99),
        rejected);
  }

  /** Sleeps; false when interrupted (the flag set again), so a polling loop stops at once. */
  private static boolean sleep(Duration d) {
    try {
      Thread.sleep(d);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
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
