package dev.snscollector.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Prometheus's {@code promtool} ({@code $PROMTOOL}, else the PATH; Debian's {@code prometheus}
 * package, which .ci/run installs): checks the alert rules and runs their unit tests.
 */
final class Promtool {
  private Promtool() {}

  static Path require() {
    Optional<Path> found = LocalTools.find("promtool", "PROMTOOL");
    if (found.isEmpty()) {
      LocalTools.unavailable(
          "no promtool on the PATH (nor $PROMTOOL): the alert rules are not unit-tested."
              + " .ci/run installs Debian's prometheus package, which brings it");
    }
    return found.orElseThrow();
  }

  static String run(Path promtool, String... args) {
    return LocalTools.run(promtool, List.of(args), Repo.root());
  }
}
