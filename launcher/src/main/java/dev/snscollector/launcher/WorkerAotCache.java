package dev.snscollector.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The worker's ahead-of-time cache (JDK 25, JEP 483/514/515): classes already loaded and linked and
 * the method profiles of a training run, so a new worker's JIT compiles its hot code from the start
 * instead of after thousands of jobs. A cache is tied to the JVM build, the JVM options that shape
 * it and the exact jars of the class path; the JVM refuses a cache made for other ones. This
 * decides whether the cache at hand was made for this worker or has to be trained again.
 *
 * <p>Beside the cache lies {@code <cache>.key}: the JVM's version, the worker's JVM options and its
 * class path, as they were when it was trained. The cache is current when that key is the same and
 * no jar of the class path is newer than the cache.
 */
final class WorkerAotCache {
  private final Path cache;
  private final String key;
  private final List<Path> classPath;

  WorkerAotCache(Path cache, String vmVersion, List<String> workerJvm, String classPath) {
    this.cache = cache.toAbsolutePath();
    this.key =
        "vm " + vmVersion + "\njvm " + String.join(" ", workerJvm) + "\nclasspath " + classPath;
    List<Path> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry));
      }
    }
    this.classPath = List.copyOf(entries);
  }

  Path file() {
    return cache;
  }

  private Path keyFile() {
    return cache.resolveSibling(cache.getFileName() + ".key");
  }

  /** Why the cache must be trained again, or null when it is current. */
  @Nullable String staleBecause() {
    try {
      if (!Files.isRegularFile(cache)) {
        return "there is none at " + cache;
      }
      if (!Files.isRegularFile(keyFile())
          || !Files.readString(keyFile(), StandardCharsets.UTF_8).equals(key)) {
        return "it was made for another JVM, other JVM options or another class path";
      }
      FileTime made = Files.getLastModifiedTime(cache);
      for (Path entry : classPath) {
        if (Files.isRegularFile(entry) && Files.getLastModifiedTime(entry).compareTo(made) > 0) {
          return entry.getFileName() + " is newer than the cache";
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the AOT cache at " + cache, e);
    }
  }

  /** Before training: no old cache or key may be taken for the new one. */
  void clear() throws IOException {
    Files.createDirectories(cache.getParent());
    Files.deleteIfExists(cache);
    Files.deleteIfExists(keyFile());
  }

  /** After a training run wrote the cache: records what it was made for. */
  void trained() throws IOException {
    if (!Files.isRegularFile(cache)) {
      throw new IllegalStateException(
          "the training worker ended without writing its AOT cache to " + cache);
    }
    Files.writeString(keyFile(), key, StandardCharsets.UTF_8);
  }

  /** The training worker's JVM options: the JVM writes the cache when it exits. */
  List<String> trainingOptions() {
    return List.of("-XX:AOTCacheOutput=" + cache);
  }

  /** The measured worker's: the cache, and an error instead of a silent start without it. */
  List<String> runOptions() {
    return List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on");
  }
}
