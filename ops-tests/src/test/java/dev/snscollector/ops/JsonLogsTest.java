package dev.snscollector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.snscollector.contracts.Json;
import dev.snscollector.launcher.logging.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

/**
 * The launcher's logback.xml, as the images run it ({@code LOG_FORMAT=json}) and as people do
 * (text): the job id on every line of a job, secrets masked in messages and stack traces.
 */
class JsonLogsTest {
  private static final String TOKEN = "ya29.a0AfB_secretCreatorToken";
  private static final String KEY = "AIzaSyA0123456789abcdefghijklmnopqrstu";

  @Test
  void jsonLinesCarryTheJobIdAndMaskSecrets() {
    List<String> lines = logWith("json");
    assertThat(lines).hasSize(3);
    for (String line : lines) {
      JsonNode event = Json.MAPPER.readTree(line);
      assertThat(event.path("jobId").asString()).isEqualTo("job-42");
      assertThat(event.path("level").asString()).isIn("INFO", "WARN");
      assertThat(event.path("logger").asString()).isEqualTo("dev.snscollector.worker.Demo");
      assertThat(event.path("ts").asString()).endsWith("Z");
    }
    JsonNode failure = Json.MAPPER.readTree(lines.get(2));
    assertThat(failure.path("error").path("type").asString())
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(failure.path("error").path("stack").asString()).contains("JsonLogsTest");
    assertThat(String.join("\n", lines)).doesNotContain(TOKEN, KEY).contains(Redactor.MASK);
  }

  @Test
  void textLinesMaskSecretsToo() {
    List<String> lines = logWith("text");
    String all = String.join("\n", lines);
    assertThat(all).contains("job-42").contains(Redactor.MASK).doesNotContain(TOKEN, KEY);
    assertThat(all).contains("IllegalStateException");
  }

  @Test
  void theRedactorMasksTheShapesSecretsTakeAndLeavesTheRest() {
    assertThat(Redactor.redact("GET /v3/channels?part=snippet&key=" + KEY + "&id=UC1"))
        .isEqualTo("GET /v3/channels?part=snippet&key=<redacted>&id=UC1");
    assertThat(Redactor.redact("Authorization: Bearer " + TOKEN))
        .isEqualTo("Authorization: <redacted>");
    assertThat(Redactor.redact("sent with bearer " + TOKEN + " to graph"))
        .isEqualTo("sent with bearer <redacted> to graph");
    assertThat(Redactor.redact("{\"access_token\": \"" + TOKEN + "\", \"expires_in\": 3600}"))
        .isEqualTo("{\"access_token\": \"<redacted>\", \"expires_in\": 3600}");
    assertThat(Redactor.redact("refresh_token=abc&client_secret=def&grant_type=x"))
        .isEqualTo("refresh_token=<redacted>&client_secret=<redacted>&grant_type=x");
    assertThat(Redactor.redact("TOKEN_KEYS=k1:c2VjcmV0 DATABASE_PASSWORD=hunter2"))
        .isEqualTo("TOKEN_KEYS=<redacted> DATABASE_PASSWORD=<redacted>");
    assertThat(Redactor.redact("key id AKIAABCDEFGHIJKLMNOP in use"))
        .isEqualTo("key id <redacted> in use");
    assertThat(Redactor.redact("job ops-1 retries in 10 s (receive 2): origin failed: 503"))
        .isEqualTo("job ops-1 retries in 10 s (receive 2): origin failed: 503");
  }

  private static List<String> logWith(String format) {
    LoggerContext context = new LoggerContext();
    context.putProperty("LOG_FORMAT", format);
    context.putProperty("COLLECTOR_LOG_LEVEL", "INFO");
    context.setMDCAdapter(MDC.getMDCAdapter());
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(JsonLogsTest.class.getResource("/logback.xml"));
      Logger log = context.getLogger("dev.snscollector.worker.Demo");
      MDC.put("jobId", "job-42");
      try {
        log.info("fetching https://www.googleapis.com/youtube/v3/channels?key={}&id=UC1", KEY);
        log.warn("token refused: Authorization: Bearer {}", TOKEN);
        log.warn(
            "job failed", new IllegalStateException("refresh failed for access_token=" + TOKEN));
      } finally {
        MDC.remove("jobId");
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      context.stop();
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
  }
}
