package dev.snscollector.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmUpTest {
  @Test
  void roundsRunUntilTheCpuPerJobStopsFalling() {
    // CPU per job of 13, 8, 6 and then 5.8 ms: the fourth round is within 5% of the third.
    List<Integer> ran = new ArrayList<>();
    List<WarmUp.Round> rounds =
        WarmUp.untilSettled(ran::add, cpuAfterRounds(13.0, 8.0, 6.0, 5.8, 5.0));

    assertThat(ran).containsExactly(0, 1, 2, 3);
    assertThat(rounds).hasSize(4);
    assertThat(rounds.get(3).cpuPerJob() / 1e6).isCloseTo(5.8, within(1e-9));
    assertThat(WarmUp.settled(rounds)).isTrue();
    assertThat(WarmUp.settled(rounds.subList(0, 3))).isFalse();
  }

  @Test
  void aRoundAloneIsNeverSettledAndTheRoundsAreBounded() {
    double[] falling = new double[WarmUp.MAX_ROUNDS + 1];
    for (int i = 0; i < falling.length; i++) {
      falling[i] = 20.0 * Math.pow(0.8, i); // 20% less every round: never settled
    }
    List<WarmUp.Round> rounds = WarmUp.untilSettled(i -> {}, cpuAfterRounds(falling));

    assertThat(rounds).hasSize(WarmUp.MAX_ROUNDS);
    assertThat(WarmUp.settled(rounds)).isFalse();
    assertThat(WarmUp.settled(rounds.subList(0, 1))).isFalse();
  }

  @Test
  void compilerThreadsAreFoundByNameWhateverTheirComm(@TempDir Path tasks) throws IOException {
    thread(tasks, "101", "C2 CompilerThre", 150, 50);
    thread(tasks, "102", "C1 CompilerThre", 7, 3);
    thread(tasks, "103", "main", 900, 100);
    // A comm may hold spaces and parentheses: the fields are read after the last ')'.
    thread(tasks, "104", "odd) (name", 40, 0);
    Files.createDirectories(tasks.resolve("105")); // a thread that ended while being read

    assertThat(WarmUp.compilerThreadsNanos(tasks)).hasValue(210 * 10_000_000L);
  }

  @Test
  void withoutProcTheJitShareIsUnknown(@TempDir Path parent) {
    OptionalLong none = WarmUp.compilerThreadsNanos(parent.resolve("missing"));
    WarmUp.Cpu cpu = new WarmUp.Cpu(Duration.ofSeconds(2), none);

    assertThat(none).isEmpty();
    assertThat(cpu.compilerShare()).isNegative();
    assertThat(cpu.describe(1000)).isEqualTo("CPU 2.00 ms per job (the JIT's share unknown)");
  }

  @Test
  void theJitShareIsTheCompilerThreadsCpuOverTheProcesss() {
    WarmUp.Cpu before = new WarmUp.Cpu(Duration.ofSeconds(10), OptionalLong.of(4_000_000_000L));
    WarmUp.Cpu after = new WarmUp.Cpu(Duration.ofSeconds(30), OptionalLong.of(9_000_000_000L));

    WarmUp.Cpu round = after.since(before);

    assertThat(round.process()).isEqualTo(Duration.ofSeconds(20));
    assertThat(round.compilerShare()).isCloseTo(0.25, within(1e-9));
    assertThat(round.describe(5000)).isEqualTo("CPU 4.00 ms per job, 25% of it the JIT compiling");
  }

  /**
   * A CPU clock that has advanced by {@code msPerJob[i]} × {@link WarmUp#ROUND_JOBS} after round
   * {@code i}: read once before and once after each round.
   */
  private static Supplier<WarmUp.Cpu> cpuAfterRounds(double... msPerJob) {
    List<WarmUp.Cpu> readings = new ArrayList<>();
    long total = 0;
    for (double ms : msPerJob) {
      readings.add(new WarmUp.Cpu(Duration.ofNanos(total), OptionalLong.empty()));
      total += (long) (ms * 1e6 * WarmUp.ROUND_JOBS);
      readings.add(new WarmUp.Cpu(Duration.ofNanos(total), OptionalLong.empty()));
    }
    Iterator<WarmUp.Cpu> it = readings.iterator();
    return it::next;
  }

  private static void thread(Path tasks, String tid, String comm, long utime, long stime)
      throws IOException {
    Files.createDirectories(tasks.resolve(tid));
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    String stat =
        tid + " (" + comm + ") S 1 1 1 0 -1 4194368 10 0 0 0 " + utime + " " + stime + " 0 0 20";
    Files.writeString(tasks.resolve(tid).resolve("stat"), stat, StandardCharsets.US_ASCII);
  }
}
