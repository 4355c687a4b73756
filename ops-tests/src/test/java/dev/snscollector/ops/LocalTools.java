package dev.snscollector.ops;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Command-line tools the ops tests run (kubectl, promtool): found through an environment variable
 * or the PATH, run with a time limit. A missing tool skips the test on a developer's machine with
 * the reason, and fails it under CI ({@code CI} set), where .ci/run installs every one.
 */
final class LocalTools {
  private LocalTools() {}

  /** {@code $envVar} when set, else the first {@code name} on the PATH. */
  static Optional<Path> find(String name, String envVar) {
    String configured = System.getenv(envVar);
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(":"))
        .filter(d -> !d.isBlank())
        .map(d -> Path.of(d, name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Skips the test (fails it under CI) because a tool is missing or unfit. */
  static void unavailable(String why) {
    if (System.getenv("CI") != null) {
      fail(why);
    }
    Assumptions.abort(why);
  }

  /** Runs {@code tool args} in {@code dir}; its stdout, or an AssertionError with its stderr. */
  static String run(Path tool, List<String> args, Path dir) {
    ProcessBuilder builder =
        new ProcessBuilder(Stream.concat(Stream.of(tool.toString()), args.stream()).toList())
            .directory(dir.toFile());
    String name = tool.getFileName().toString();
    try {
      Path errors = Files.createTempFile(name, ".err");
      builder.redirectError(errors.toFile());
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(name + " " + args + " did not finish");
      }
      String stderr = Files.readString(errors);
      Files.delete(errors);
      String stdout = new String(out, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new AssertionError(name + " " + args + " failed:\n" + stdout + stderr);
      }
      return stdout;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
