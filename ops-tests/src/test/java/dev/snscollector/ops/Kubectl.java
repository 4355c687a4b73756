package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The {@code kubectl} that renders the manifests: {@code $KUBECTL}, else the first on the PATH. It
 * must bring kustomize 4.1 or later (the overlays use {@code replacements}); Debian's
 * kubernetes-client (1.20, kustomize 2.0.3) does not. On a developer's machine without one the
 * tests are skipped with that message; under CI ({@code CI} set) they fail, because .ci/run
 * installs one.
 */
final class Kubectl {
  private static final Pattern KUSTOMIZE = Pattern.compile("Kustomize Version: v(\\d+)\\.(\\d+)");

  private Kubectl() {}

  static Path require() {
    Optional<Path> found = find();
    if (found.isEmpty()) {
      unavailable("no kubectl on the PATH (nor $KUBECTL)");
    }
    String version = run(found.get(), List.of("version", "--client"));
    Matcher m = KUSTOMIZE.matcher(version);
    if (!m.find()
        || Integer.parseInt(m.group(1)) < 4
        || (Integer.parseInt(m.group(1)) == 4 && Integer.parseInt(m.group(2)) < 1)) {
      unavailable(found.get() + " has no kustomize 4.1+ (replacements): " + version.strip());
    }
    return found.get();
  }

  /** {@code kubectl kustomize DIR}: the rendered manifests. */
  static String kustomize(Path kubectl, Path dir) {
    return run(kubectl, List.of("kustomize", dir.toString()));
  }

  private static void unavailable(String why) {
    String message =
        why
            + ": deploy/k8s is not rendered. .ci/run installs kubectl 1.32 (see its kubectl block).";
    if (System.getenv("CI") != null) {
      fail(message);
    }
    Assumptions.abort(message);
  }

  private static Optional<Path> find() {
    String configured = System.getenv("KUBECTL");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(":"))
        .filter(d -> !d.isBlank())
        .map(d -> Path.of(d, "kubectl"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static String run(Path kubectl, List<String> args) {
    ProcessBuilder builder =
        new ProcessBuilder(Stream.concat(Stream.of(kubectl.toString()), args.stream()).toList());
    try {
      Path errors = Files.createTempFile("kubectl", ".err");
      builder.redirectError(errors.toFile());
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl " + args + " did not finish");
      }
      String stderr = Files.readString(errors);
      Files.delete(errors);
      if (process.exitValue() != 0) {
        throw new AssertionError("kubectl " + args + " failed:\n" + stderr);
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
