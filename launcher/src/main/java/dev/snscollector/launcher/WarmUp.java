package dev.snscollector.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The API bench's warm-up: rounds of jobs until the CPU per job stops falling, so that the measured
 * run is the throughput of a worker that has been running for a while, not of one still being
 * compiled.
 *
 * <p>Everything here shares one JVM (the worker, the AWS SDK, OkHttp, ElasticMQ's Pekko, S3Proxy's
 * Jetty), and on two cores C2 keeps compiling for minutes, taking a steady fifth or so of the CPU
 * while the code it has compiled makes each job cheaper: 13.5 ms of CPU per job in the first round
 * of 5,000, 5.2 in the fifth, 4.2 in the eighth. A round counts as settled when its CPU per job is
 * within {@link #SETTLED_DROP} of the round before it; {@link #MAX_ROUNDS} bounds the wait.
 */
final class WarmUp {
  static final int ROUND_JOBS = 5000;
  static final int MAX_ROUNDS = 8;

  /** How much less CPU per job than the round before a round may take and still be settled. */
  static final double SETTLED_DROP = 0.05;

  /** CPU time so far: the whole process's, and its JIT compiler threads' (unknown off Linux). */
  record Cpu(Duration process, OptionalLong compilerNanos) {
    Cpu since(Cpu before) {
      OptionalLong jit =
          compilerNanos.isPresent() && before.compilerNanos.isPresent()
              // A compiler thread that ended since took its time with it: never below zero.
              ? OptionalLong.of(
                  Math.max(0, compilerNanos.getAsLong() - before.compilerNanos.getAsLong()))
              : OptionalLong.empty();
      return new Cpu(process.minus(before.process), jit);
    }

    /** The compiler threads' share of the process's CPU, or -1 when unknown. */
    double compilerShare() {
      return compilerNanos.isEmpty() || process.isZero()
          ? -1
          : (double) compilerNanos.getAsLong() / process.toNanos();
    }

    String describe(int jobs) {
      String perJob =
          String.format(
              Locale.ROOT, "CPU %.2f ms per job", process.toNanos() / 1e6 / Math.max(jobs, 1));
      double share = compilerShare();
      return share < 0
          ? perJob + " (the JIT's share unknown)"
          : perJob + String.format(Locale.ROOT, ", %.0f%% of it the JIT compiling", share * 100);
    }
  }

  /** One warm-up round: its jobs, how long it took and the CPU it cost. */
  record Round(int jobs, Duration wall, Cpu cpu) {
    double cpuPerJob() {
      return (double) cpu.process().toNanos() / Math.max(jobs, 1);
    }

    /**
     * Settled when this round took at most {@link #SETTLED_DROP} less CPU per job than {@code
     * before}.
     */
    boolean settledAfter(Round before) {
      return cpuPerJob() >= (1 - SETTLED_DROP) * before.cpuPerJob();
    }

    @Override
    public String toString() {
      return String.format(
              Locale.ROOT,
              "%d jobs, %.0f jobs/s, ",
              jobs,
              jobs / Math.max(wall.toNanos() / 1e9, 1e-3))
          + cpu.describe(jobs);
    }
  }

  private WarmUp() {}

  /**
   * Runs rounds of {@link #ROUND_JOBS} (round {@code i} given to {@code round}) until one is
   * settled or {@link #MAX_ROUNDS} have run.
   */
  static List<Round> untilSettled(IntConsumer round, Supplier<Cpu> cpu) {
    List<Round> rounds = new ArrayList<>();
    while (rounds.size() < MAX_ROUNDS) {
      Cpu before = cpu.get();
      long start = System.nanoTime();
      round.accept(rounds.size());
      Round r =
          new Round(
              ROUND_JOBS, Duration.ofNanos(System.nanoTime() - start), cpu.get().since(before));
      rounds.add(r);
      if (settled(rounds)) {
        break;
      }
    }
    return rounds;
  }

  /** Whether the last of {@code rounds} is settled: never the first, which has none to compare. */
  static boolean settled(List<Round> rounds) {
    return rounds.size() >= 2 && rounds.getLast().settledAfter(rounds.get(rounds.size() - 2));
  }

  /** This process's CPU so far, with its compiler threads' where /proc tells it. */
  static Cpu cpuNow() {
    Duration process = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    return new Cpu(process, compilerThreadsNanos(Path.of("/proc/self/task")));
  }

  /**
   * The CPU time of HotSpot's compiler threads ({@code C1 CompilerThre}, {@code C2 CompilerThre})
   * under {@code tasks}, a {@code /proc/<pid>/task} folder; empty where there is none.
   */
  static OptionalLong compilerThreadsNanos(Path tasks) {
    long ticks = 0;
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
      for (Path thread : threads) {
        ticks += compilerTicks(thread);
      }
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
    // USER_HZ: 100 on every Linux the JDK runs on.
    return OptionalLong.of(ticks * 10_000_000L);
  }

  private static long compilerTicks(Path thread) {
    String stat;
    try {
      stat = Files.readString(thread.resolve("stat"), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return 0; // the thread ended while the folder was read
    }
    // pid (comm) state ...: comm may hold spaces, so the fields are counted after its ')'.
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      return 0;
    }
    String comm = stat.substring(open + 1, close);
    if (!comm.contains("CompilerThre")) {
      return 0;
    }
    String[] fields = stat.substring(close + 2).split(" ");
    // After the comm: state is field 3 of stat(5), utime 14 and stime 15.
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
