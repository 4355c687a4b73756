package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerfileParserTest {
  @TempDir Path dir;

  @Test
  void readsStagesContinuationsFlagsEnvAndTheExecForm() throws IOException {
    Dockerfile parsed =
        parse(
            """
            # syntax=docker/dockerfile:1
            ARG BASE=x
            FROM eclipse-temurin:25-jdk AS build
            RUN --mount=type=cache,target=/root/.m2 \\
                # a comment inside a continuation is dropped
                ./mvnw package
            FROM debian:bookworm-slim
            ENV JAVA_HOME=/opt/java/openjdk
            ENV PATH="${JAVA_HOME}/bin:${PATH}" \\
                GREETING="hello world"
            COPY --from=build /src/a/ /app/a/
            ENTRYPOINT ["java", "-cp", "/app/a/*", "Main"]
            """);

    assertThat(parsed.stages()).extracting(Dockerfile.Stage::name).containsExactly("build", "1");
    Dockerfile.Instruction run = parsed.stages().getFirst().last("RUN");
    assertThat(run.line()).isEqualTo(4);
    assertThat(run.flags()).containsEntry("mount", "type=cache,target=/root/.m2");
    assertThat(run.arguments()).isEqualTo("./mvnw package");
    Dockerfile.Stage last = parsed.finalStage();
    assertThat(last.env(Map.of("PATH", "/bin")))
        .containsEntry("PATH", "/opt/java/openjdk/bin:/bin")
        .containsEntry("GREETING", "hello world");
    assertThat(last.last("COPY").flags()).containsEntry("from", "build");
    assertThat(last.last("ENTRYPOINT").execForm())
        .containsExactly("java", "-cp", "/app/a/*", "Main");
  }

  @Test
  void refusesWhatItDoesNotUnderstandWithTheLine() throws IOException {
    assertThatThrownBy(() -> parse("FROM x\nRUNN make\n"))
        .hasMessageContaining(":2: unknown instruction RUNN");
    assertThatThrownBy(() -> parse("FROM x\nRUN <<EOF\nmake\nEOF\n"))
        .hasMessageContaining("heredocs");
    assertThatThrownBy(() -> parse("FROM x\nRUN make \\\n"))
        .hasMessageContaining("continuation at end of file");
    assertThatThrownBy(() -> parse("FROM x\nCMD make\n").finalStage().last("CMD").execForm())
        .hasMessageContaining("not in exec form");
  }

  private Dockerfile parse(String text) throws IOException {
    Path file = dir.resolve("Dockerfile");
    Files.writeString(file, text);
    return Dockerfile.parse(file);
  }
}
