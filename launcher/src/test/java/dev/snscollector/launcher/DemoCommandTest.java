package dev.snscollector.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {

  @Test
  void theDemoRunsEveryJobToAnOutcomeAndLeavesTheRecordsReadableOnDisk(@TempDir Path home)
      throws Exception {
    String project = System.getProperty("sns.project.dir", "..");
    System.setProperty("collector.home", home.toString());
    System.setProperty("collector.fixtures", Path.of(project).resolve("fixtures").toString());
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int code;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      code =
          new CommandLine(new CollectorCli()).execute("demo", "--jobs", "60", "--latency-ms", "0");
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);

    assertThat(code).as(out).isZero();
    assertThat(out)
        .contains("60 enqueued, 60 with an outcome")
        .contains("not_found 1")
        .contains("ok 59");
    try (Stream<Path> files = Files.walk(home.resolve(".collector/demo/s3"))) {
      // One object per job (ADR 0007); the 59 that succeeded hold their records.
      assertThat(
              files
                  .filter(p -> p.getFileName().toString().endsWith(".zip"))
                  .filter(DemoCommandTest::holdsRecords)
                  .count())
          .isEqualTo(59);
    }
  }

  private static boolean holdsRecords(Path zip) {
    try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
      return file.getEntry(dev.snscollector.capture.S3Layout.RECORDS_ENTRY) != null;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
