package dev.snscollector.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {
  @Test
  void anAotTrainingOfNoPagesIsAUsageErrorBeforeAnythingStarts() {
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new CollectorCli())
            .setErr(new PrintWriter(err))
            .execute("bench", "--pages", "--worker-aot", "unused.aot", "--aot-training", "0");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("--aot-training must be at least 1 page, was 0")
        .contains("Usage: collector bench");
  }
}
