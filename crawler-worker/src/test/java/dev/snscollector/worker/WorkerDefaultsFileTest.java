package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.EnvSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code worker-defaults.env}, the one file that lists the worker's defaults, says what the code
 * does: every default the configuration reads is there with the same value, and nothing else is.
 */
class WorkerDefaultsFileTest {
  @Test
  void theDefaultsFileListsExactlyTheDefaultsTheCodeReads() throws IOException {
    EnvSettings r =
        new EnvSettings(
            Map.of(
                "JOBS_QUEUE_URL", "http://sqs/jobs",
                "RESULTS_QUEUE_URL", "http://sqs/results",
                "DLQ_URL", "http://sqs/dlq",
                "BUCKET", "bucket"),
            "worker");
    WorkerConfig.read(r);
    assertThat(r.defaults()).as("defaults were read").hasSizeGreaterThan(20);
    assertThat(fileDefaults()).isEqualTo(r.defaults());
  }

  @Test
  void theFileAsAnEnvironmentGivesTheDefaultConfiguration() throws IOException {
    Map<String, String> required =
        Map.of(
            "JOBS_QUEUE_URL", "http://sqs/jobs",
            "RESULTS_QUEUE_URL", "http://sqs/results",
            "DLQ_URL", "http://sqs/dlq",
            "BUCKET", "bucket",
            "WORKER_ID", "w-1");
    Map<String, String> withFile = new TreeMap<>(fileDefaults());
    withFile.putAll(required);
    WorkerConfig fromFile = WorkerConfig.fromEnvironment(withFile);
    WorkerConfig bare = WorkerConfig.fromEnvironment(required);
    // The pool's and the browser's settings travel as the variables set; all else is typed.
    assertThat(fromFile.toString()).isEqualTo(bare.toString());
    assertThat(fromFile.routes().breakers()).isEqualTo(bare.routes().breakers());
    assertThat(fromFile.routes().fetchRetry()).isEqualTo(bare.routes().fetchRetry());
  }

  private static Map<String, String> fileDefaults() throws IOException {
    Path file =
        Path.of(System.getProperty("sns.project.dir", ".."))
            .resolve("crawler-worker/worker-defaults.env");
    Map<String, String> out = new TreeMap<>();
    for (String line : Files.readAllLines(file)) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.indexOf('=');
      assertThat(eq).as("a NAME=value line: %s", l).isPositive();
      assertThat(out.put(l.substring(0, eq), l.substring(eq + 1)))
          .as("listed once: %s", l)
          .isNull();
    }
    return out;
  }
}
