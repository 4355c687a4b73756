package dev.snscollector.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    LocalTools.unavailable(
        why
            + ": deploy/k8s is not rendered. .ci/run installs kubectl 1.32 (see its kubectl block).");
  }

  private static Optional<Path> find() {
    return LocalTools.find("kubectl", "KUBECTL");
  }

  private static String run(Path kubectl, List<String> args) {
    return LocalTools.run(kubectl, args, Repo.root());
  }
}
