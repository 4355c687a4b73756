package dev.snscollector.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The text of a module's main sources, to check that a name the operations files use is real. */
final class SourceText {
  private SourceText() {}

  /** Every {@code .java} file and resource under {@code <module>/src/main}, concatenated. */
  static String of(String... modules) {
    StringBuilder text = new StringBuilder();
    for (String module : modules) {
      Path main = Repo.path(module + "/src/main");
      try (Stream<Path> files = Files.walk(main)) {
        text.append(
            files
                .filter(Files::isRegularFile)
                .filter(p -> !p.toString().endsWith(".class"))
                .sorted()
                .map(Repo::read)
                .collect(Collectors.joining("\n")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return text.toString();
  }

  /** True when {@code name} appears as a Java string literal or a logback variable. */
  static boolean names(String text, String name) {
    return text.contains("\"" + name + "\"") || text.contains("${" + name + ":");
  }
}
