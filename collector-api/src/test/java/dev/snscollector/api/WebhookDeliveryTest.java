package dev.snscollector.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.api.http.Scope;
import dev.snscollector.api.webhooks.WebhookSigner;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookDeliveryTest {
  private static final String SECRET = "whsec-test-secret";
  private static ApiTestStack stack;
  private static final AtomicInteger failuresLeft = new AtomicInteger();
  private static RecordingHttpServer platform;
  private TestHttp http;
  private String key;

  @BeforeAll
  static void start() {
    stack = ApiTestStack.start();
    platform =
        new RecordingHttpServer(
            r ->
                failuresLeft.getAndDecrement() > 0
                    ? new RecordingHttpServer.Answer(503, "{\"busy\":true}")
                    : new RecordingHttpServer.Answer(200, "{\"ok\":true}"));
  }

  @AfterAll
  static void stop() {
    platform.close();
    stack.close();
  }

  @AfterEach
  void stopApi() {
    stack.stopApis();
  }

  private void startApi(String maxAttempts) {
    stack.reset();
    CollectorApi api =
        stack.startApi(
            Map.of(
                "WEBHOOK_URL",
                platform.url("/collector/webhooks").toString(),
                "WEBHOOK_SECRET",
                SECRET,
                "WEBHOOK_BACKOFF_BASE_MILLIS",
                "100",
                "WEBHOOK_MAX_ATTEMPTS",
                maxAttempts));
    http = new TestHttp(api.localUrl());
    key = api.keys().create("platform", EnumSet.of(Scope.ADMIN)).key();
  }

  private void completeJob(String id) {
    assertThat(
            http.post(
                    "/v1/jobs",
                    key,
                    "{\"jobId\":\""
                        + id
                        + "\",\"platform\":\"youtube\",\"kind\":\"profile\",\"target\":\"@hooked\"}")
                .status())
        .isEqualTo(202);
    ApiTestStack.await(
        "queued",
        Duration.ofSeconds(10),
        () -> http.get("/v1/jobs/" + id, key).json().path("state").stringValue().equals("queued"));
    ResultEvents.publish(stack, ResultEvents.simple(id, Outcome.OK, 1, Instant.now()));
  }

  private List<RecordingHttpServer.Request> received(String jobId) {
    return platform.requests().stream()
        .filter(r -> r.body().contains("\"" + jobId + "\""))
        .toList();
  }

  @Test
  void aReceiverThatFailsThreeTimesGetsTheEventOnceSignedAndItIsLogged() throws Exception {
    startApi("12");
    failuresLeft.set(3);
    completeJob("wh-1");

    ApiTestStack.await("delivered", Duration.ofSeconds(20), () -> received("wh-1").size() >= 4);
    Thread.sleep(500); // would a fifth come? it must not
    List<RecordingHttpServer.Request> got = received("wh-1");
    assertThat(got).hasSize(4);
    WebhookSigner verifier = new WebhookSigner(SECRET);
    for (RecordingHttpServer.Request r : got) {
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.uri().getPath()).isEqualTo("/collector/webhooks");
      assertThat(r.header("X-Collector-Event")).isEqualTo("job.completed");
      assertThat(r.header("X-Collector-Signature")).matches("t=\\d+,v1=[0-9a-f]{64}");
      assertThat(verifier.verifies(r.header("X-Collector-Signature"), r.body())).isTrue();
      assertThat(
              new WebhookSigner("another secret")
                  .verifies(r.header("X-Collector-Signature"), r.body()))
          .isFalse();
    }
    assertThat(got.stream().map(r -> r.header("X-Collector-Delivery")).distinct()).hasSize(1);
    JsonNode payload = Json.MAPPER.readTree(got.getLast().body());
    assertThat(payload.path("event").stringValue()).isEqualTo("job.completed");
    assertThat(payload.path("id").stringValue()).isEqualTo("job.completed:wh-1");
    assertThat(payload.path("data").path("job").path("state").stringValue()).isEqualTo("succeeded");

    JsonNode log = http.get("/v1/webhooks/deliveries", key).json().path("items");
    assertThat(log).hasSize(1);
    assertThat(log.get(0).path("state").stringValue()).isEqualTo("delivered");
    assertThat(log.get(0).path("attempts").intValue()).isEqualTo(4);
    assertThat(log.get(0).path("lastStatus").intValue()).isEqualTo(200);
    String metrics = http.get("/metrics", null).body();
    assertThat(metrics)
        .contains(
            "collector_webhook_deliveries_total{event=\"job.completed\",outcome=\"delivered\"} 1.0")
        .contains(
            "collector_webhook_deliveries_total{event=\"job.completed\",outcome=\"retry\"} 3.0");
  }

  @Test
  void aDeliveryGivenUpWaitsInTheLogUntilReplayed() {
    startApi("2");
    failuresLeft.set(2);
    completeJob("wh-2");

    ApiTestStack.await(
        "given up",
        Duration.ofSeconds(20),
        () -> stack.count("select count(*) from webhook_deliveries where state = 'failed'") == 1);
    JsonNode failed =
        http.get("/v1/webhooks/deliveries?state=failed", key).json().path("items").get(0);
    assertThat(failed.path("attempts").intValue()).isEqualTo(2);
    assertThat(failed.path("lastStatus").intValue()).isEqualTo(503);
    assertThat(received("wh-2")).hasSize(2);

    TestHttp.Reply replay =
        http.post("/v1/webhooks/deliveries/" + failed.path("id").longValue() + "/replay", key, "");
    assertThat(replay.status()).isEqualTo(202);
    ApiTestStack.await("replayed", Duration.ofSeconds(10), () -> received("wh-2").size() == 3);
    ApiTestStack.await(
        "delivered",
        Duration.ofSeconds(10),
        () ->
            stack.count("select count(*) from webhook_deliveries where state = 'delivered'") == 1);
    assertThat(http.post("/v1/webhooks/deliveries/999999/replay", key, "").status()).isEqualTo(404);
  }
}
