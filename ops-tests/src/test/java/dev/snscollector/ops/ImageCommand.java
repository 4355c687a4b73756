package dev.snscollector.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An image's entrypoint run on this machine as the image would run it: the final stage's ENTRYPOINT
 * with {@code java} taken from the running JDK and the image's {@code /app/lib} mapped to the
 * directory of this repository its {@code COPY --from=build} takes it from, in an environment
 * holding only the stage's ENV and what the test adds (no variable of the test's own leaks in).
 *
 * @param classpath the host directory standing for the image's {@code /app/lib}
 */
record ImageCommand(List<String> command, Map<String, String> environment, Path classpath) {
  static final String IMAGE_LIB = "/app/lib";

  static ImageCommand of(Dockerfile dockerfile) {
    Dockerfile.Stage stage = dockerfile.finalStage();
    Path classpath = Repo.buildOutput(classpathSource(stage));
    List<String> command = new ArrayList<>();
    for (String word : stage.last("ENTRYPOINT").execForm()) {
      if (command.isEmpty() && word.equals("java")) {
        command.add(javaBinary());
      } else {
        command.add(word.replace(IMAGE_LIB, classpath.toString()));
      }
    }
    return new ImageCommand(List.copyOf(command), Map.copyOf(stage.env()), classpath);
  }

  /** The source of the stage's {@code COPY --from=build <source> /app/lib/}. */
  static String classpathSource(Dockerfile.Stage stage) {
    List<Dockerfile.Instruction> copies =
        stage.all("COPY").stream()
            .filter(c -> "build".equals(c.flags().get("from")))
            .filter(c -> c.words().getLast().equals(IMAGE_LIB + "/"))
            .toList();
    if (copies.size() != 1) {
      throw new AssertionError("expected one COPY --from=build ... " + IMAGE_LIB + "/: " + copies);
    }
    List<String> words = copies.getFirst().words();
    if (words.size() != 2) {
      throw new AssertionError("expected one source: " + words);
    }
    return words.getFirst();
  }

  /**
   * The final stage's HEALTHCHECK command as a shell command line for this machine: every file the
   * stage copies from the build context (e.g. {@code /usr/local/bin/healthcheck}) replaced by its
   * path in this repository. Run it with {@code sh -c} and the image's environment.
   */
  static String healthCheck(Dockerfile dockerfile) {
    Dockerfile.Stage stage = dockerfile.finalStage();
    String command = stage.last("HEALTHCHECK").arguments();
    if (!command.startsWith("CMD ")) {
      throw new AssertionError("HEALTHCHECK without CMD: " + command);
    }
    command = command.substring(4).strip();
    for (Dockerfile.Instruction copy : stage.all("COPY")) {
      List<String> words = copy.words();
      if (copy.flags().get("from") == null && words.size() == 2) {
        command = command.replace(words.get(1), Repo.path(words.get(0)).toString());
      }
    }
    return command;
  }

  /** The subcommand of {@code CollectorCli} the image runs: the entrypoint's last word. */
  String subcommand() {
    return command.getLast();
  }

  Process start(Map<String, String> extraEnvironment, Path stdout, Path stderr) {
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", Dockerfile.DEFAULT_PATH);
    env.put("HOME", System.getProperty("java.io.tmpdir"));
    env.putAll(environment);
    env.putAll(extraEnvironment);
    builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> merged(Map<String, String> base, Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(base);
    merged.putAll(overrides);
    return merged;
  }

  private static String javaBinary() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
