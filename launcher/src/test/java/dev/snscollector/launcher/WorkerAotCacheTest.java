package dev.snscollector.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerAotCacheTest {
  private static final List<String> JVM = List.of("-Xmx384m", "-XX:+UseSerialGC");

  @TempDir Path dir;

  private String classPath(Path... jars) {
    return String.join(File.pathSeparator, Arrays.stream(jars).map(Path::toString).toList());
  }

  private Path jar(String name, Instant modified) throws Exception {
    Path jar = Files.writeString(dir.resolve(name), name);
    Files.setLastModifiedTime(jar, FileTime.from(modified));
    return jar;
  }

  /** What a training run leaves: the cache, written after the jars, and its key. */
  private WorkerAotCache trained(String vm, List<String> jvm, String classPath) throws Exception {
    var aot = new WorkerAotCache(dir.resolve("aot/worker.aot"), vm, jvm, classPath);
    aot.clear();
    Files.writeString(aot.file(), "cache");
    Files.setLastModifiedTime(aot.file(), FileTime.from(Instant.parse("2026-12-04T12:00:00Z")));
    aot.trained();
    return aot;
  }

  @Test
  void aMissingCacheIsTrained() {
    var aot = new WorkerAotCache(dir.resolve("worker.aot"), "25+36", JVM, "");

    assertThat(aot.staleBecause()).startsWith("there is none at ");
  }

  @Test
  void aCacheOfTheSameJvmOptionsAndJarsIsCurrent() throws Exception {
    String cp = classPath(jar("a.jar", Instant.parse("2026-12-04T11:00:00Z")));
    trained("25+36", JVM, cp);

    assertThat(new WorkerAotCache(dir.resolve("aot/worker.aot"), "25+36", JVM, cp).staleBecause())
        .isNull();
  }

  @Test
  void aJarRebuiltAfterTheCacheMakesItStale() throws Exception {
    Path a = jar("a.jar", Instant.parse("2026-12-04T11:00:00Z"));
    String cp = classPath(a);
    WorkerAotCache aot = trained("25+36", JVM, cp);
    Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2026-12-04T13:00:00Z")));

    assertThat(aot.staleBecause()).isEqualTo("a.jar is newer than the cache");
  }

  @Test
  void anotherJvmOtherOptionsOrAnotherClassPathMakeItStale() throws Exception {
    String cp = classPath(jar("a.jar", Instant.parse("2026-12-04T11:00:00Z")));
    trained("25+36", JVM, cp);
    Path file = dir.resolve("aot/worker.aot");

    assertThat(new WorkerAotCache(file, "25.0.1+8", JVM, cp).staleBecause())
        .contains("another JVM");
    assertThat(new WorkerAotCache(file, "25+36", List.of("-Xmx384m"), cp).staleBecause())
        .contains("other JVM options");
    assertThat(
            new WorkerAotCache(file, "25+36", JVM, cp + File.pathSeparator + "b.jar")
                .staleBecause())
        .contains("another class path");
  }

  @Test
  void aTrainingRunThatWroteNoCacheIsAnError() throws Exception {
    var aot = new WorkerAotCache(dir.resolve("worker.aot"), "25+36", JVM, "");
    aot.clear();

    assertThatThrownBy(aot::trained)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without writing its AOT cache");
  }

  @Test
  void theTrainingWorkerRecordsAndTheMeasuredOneMustUseTheCache() {
    var aot = new WorkerAotCache(dir.resolve("worker.aot"), "25+36", JVM, "");

    assertThat(aot.trainingOptions()).containsExactly("-XX:AOTCacheOutput=" + aot.file());
    assertThat(aot.runOptions()).containsExactly("-XX:AOTCache=" + aot.file(), "-XX:AOTMode=on");
  }
}
