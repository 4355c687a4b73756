package dev.snscollector.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Files of the repository the stack must agree with, found from the build's sns.project.dir. */
final class RepoFiles {
  private RepoFiles() {}

  static String read(String relative) {
    Path root = Path.of(System.getProperty("sns.project.dir", "..")).toAbsolutePath().normalize();
    try {
      return Files.readString(root.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first group of the only match of {@code regex} in the file; fails on none or several. */
  static String find(String relative, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(read(relative));
    if (!m.find()) {
      throw new AssertionError(relative + " has no match for " + regex);
    }
    String found = m.group(1);
    if (m.find()) {
      throw new AssertionError(relative + " has several matches for " + regex);
    }
    return found;
  }
}
