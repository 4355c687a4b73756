package dev.snscollector.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.api.CollectorApi;
import dev.snscollector.api.slack.SlackSignature;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.Route;
import dev.snscollector.fixtures.FixtureOrigin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /collector pause} on a running worker: the API, a worker polling the control objects every
 * 5 s (the default) and the local origin. After {@code pause tiktok.crawl} is answered, a TikTok
 * crawl job submitted 10 s later is not fetched (the origin sees no request for it) and waits on
 * the queue; {@code resume} lets it run to {@code ok} on the crawl route.
 */
class PauseEndToEndTest {
  private static final Path PROJECT = Path.of(System.getProperty("sns.project.dir", ".."));
  private static final String SECRET = "pause-test-signing-secret";

  @Test
  void aPausedRouteStartsNothingWithinTenSecondsAndRunsAgainAfterResume() throws Exception {
    AtomicInteger tiktokPages = new AtomicInteger();
    try (DemoStack stack =
        DemoStack.start(
            null,
            PROJECT.resolve("fixtures"),
            Duration.ZERO,
            Duration.ofSeconds(30),
            DemoStack.randomTokenKeys(),
            r -> {
              if (r.host().equals("www.tiktok.com")) {
                tiktokPages.incrementAndGet();
              }
              return Optional.<FixtureOrigin.Response>empty();
            })) {
      CollectorApi api =
          stack.startApi(
              null,
              0,
              Map.of(
                  "SLACK_SIGNING_SECRET", SECRET,
                  "SLACK_ALLOWED_CHANNELS", "C0OPS",
                  "SLACK_ALLOWED_USERS", "U0OPS"));
      Map<String, String> worker = stack.workerEnvironmentOnOrigin(2, false);
      worker.put("PAUSE_DEFER_SECONDS", "2");
      stack.startWorker(worker);
      ApiClient client = new ApiClient(api.localUrl(), DemoStack.developmentKey(api));

      client.submitBatch(List.of(crawlJob("before-pause")));
      await("the first job", Duration.ofSeconds(60), () -> outcome(client, "before-pause") != null);
      assertThat(outcome(client, "before-pause")).isEqualTo("ok");
      int pagesBefore = tiktokPages.get();
      assertThat(pagesBefore).isPositive();

      assertThat(slash(api.localUrl(), "pause tiktok.crawl")).startsWith("Paused tiktok.crawl");
      Thread.sleep(10_000); // the promise: within 10 s every worker honours it
      client.submitBatch(List.of(crawlJob("while-paused")));
      Thread.sleep(8_000);
      assertThat(outcome(client, "while-paused")).as("a job of a paused route").isNull();
      assertThat(tiktokPages.get()).as("pages fetched while paused").isEqualTo(pagesBefore);
      assertThat(slash(api.localUrl(), "status")).contains("*Paused*: tiktok.crawl");

      assertThat(slash(api.localUrl(), "resume tiktok.crawl")).isEqualTo("Resumed tiktok.crawl.");
      await(
          "the paused job", Duration.ofSeconds(60), () -> outcome(client, "while-paused") != null);
      JsonNode job = client.get("/v1/jobs/while-paused");
      assertThat(job.path("outcome").stringValue()).as(job.toString()).isEqualTo("ok");
      assertThat(job.path("routes").path(0).path("route").stringValue()).isEqualTo("crawl");
      assertThat(tiktokPages.get()).isGreaterThan(pagesBefore);
    }
  }

  private static JobMessage crawlJob(String id) {
    return new JobMessage(
        JobMessage.SCHEMA_VERSION,
        id,
        Platform.TIKTOK,
        JobKind.PROFILE,
        "@hanbit.dance",
        null,
        new JobMessage.JobOptions(null, null, List.of(Route.CRAWL)),
        null,
        Map.of());
  }

  private static @org.jspecify.annotations.Nullable String outcome(ApiClient client, String id) {
    JsonNode outcome = client.get("/v1/jobs/" + id).path("outcome");
    return outcome.isString() ? outcome.stringValue() : null;
  }

  /** A signed {@code /collector} command, as Slack sends it; the answer's text. */
  private static String slash(URI api, String text) throws Exception {
    byte[] body =
        ("team_id=T0&channel_id=C0OPS&user_id=U0OPS&command=%2Fcollector&text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(api.resolve("/slack/commands"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Slack-Request-Timestamp", timestamp)
                    .header("X-Slack-Signature", new SlackSignature(SECRET).sign(timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.MAPPER.readTree(response.body()).path("text").stringValue();
  }

  private static void await(String what, Duration limit, BooleanSupplier done)
      throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited for " + what).isLessThan(end);
      Thread.sleep(200);
    }
  }
}
