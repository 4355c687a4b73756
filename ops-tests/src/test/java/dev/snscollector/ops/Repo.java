package dev.snscollector.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository under test, found from the build's {@code sns.project.dir}. */
final class Repo {
  private Repo() {}

  static Path root() {
    return Path.of(System.getProperty("sns.project.dir", "..")).toAbsolutePath().normalize();
  }

  static Path path(String relative) {
    return root().resolve(relative).normalize();
  }

  static String read(String relative) {
    return read(path(relative));
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where this module's build assembles an image's classpath, for a Dockerfile's {@code COPY
   * --from=build /src/<path> /app/lib/}: the repository's {@code <path>}. Built before the tests
   * run.
   */
  static Path buildOutput(String pathInBuildStage) {
    if (!pathInBuildStage.startsWith(BUILD_STAGE_ROOT)) {
      throw new IllegalArgumentException("not under " + BUILD_STAGE_ROOT + ": " + pathInBuildStage);
    }
    return path(pathInBuildStage.substring(BUILD_STAGE_ROOT.length()));
  }

  /** The build stage's WORKDIR, where the repository is copied. */
  static final String BUILD_STAGE_ROOT = "/src/";
}
