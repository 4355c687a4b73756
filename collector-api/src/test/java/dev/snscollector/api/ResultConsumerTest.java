package dev.snscollector.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.api.http.Scope;
import dev.snscollector.capture.Capture;
import dev.snscollector.capture.CaptureArchive;
import dev.snscollector.capture.S3Layout;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.contracts.Route;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;

class ResultConsumerTest {
  private static ApiTestStack stack;
  private static RecordingHttpServer platform;
  private CollectorApi api;
  private TestHttp http;
  private String key;

  @BeforeAll
  static void startStack() {
    stack = ApiTestStack.start();
    platform = new RecordingHttpServer(r -> new RecordingHttpServer.Answer(204, ""));
  }

  @AfterAll
  static void stopStack() {
    platform.close();
    stack.close();
  }

  @BeforeEach
  void startApi() {
    stack.reset();
    api =
        stack.startApi(
            Map.of("WEBHOOK_URL", platform.url("/hooks").toString(), "WEBHOOK_SECRET", "s3cret"));
    http = new TestHttp(api.localUrl());
    key = api.keys().create("platform", EnumSet.of(Scope.ADMIN)).key();
  }

  @AfterEach
  void stopApi() {
    stack.stopApis();
  }

  private String submitQueued(String id, String body) {
    assertThat(http.post("/v1/jobs", key, body).status()).isEqualTo(202);
    ApiTestStack.await("job queued", Duration.ofSeconds(10), () -> state(id).equals("queued"));
    return id;
  }

  private String state(String id) {
    return http.get("/v1/jobs/" + id, key).json().path("state").stringValue();
  }

  private void awaitResultsConsumed() {
    ApiTestStack.await(
        "results consumed",
        Duration.ofSeconds(15),
        () -> stack.approximateMessages(stack.local.resultsQueueUrl()) == 0);
  }

  private long completedWebhooks(String jobId) {
    return stack.count(
        "select count(*) from webhook_deliveries where event = 'job.completed' and event_id = ?",
        "job.completed:" + jobId);
  }

  @Test
  void duplicateAndOutOfOrderEventsNeverMoveAJobBackwardsNorNotifyTwice() {
    String id =
        submitQueued(
            "r-1",
            "{\"jobId\":\"r-1\",\"platform\":\"youtube\",\"kind\":\"profile\",\"target\":\"@result1\"}");
    Instant t0 = Instant.parse("2026-11-22T08:00:00Z");
    ResultEvent firstTry = ResultEvents.simple(id, Outcome.RATE_LIMITED, 1, t0);
    ResultEvent secondTry = ResultEvents.simple(id, Outcome.OK, 2, t0.plusSeconds(30));

    ResultEvents.publish(stack, secondTry);
    ApiTestStack.await(
        "second try applied", Duration.ofSeconds(15), () -> state(id).equals("succeeded"));
    ResultEvents.publish(stack, firstTry);
    ResultEvents.publish(stack, secondTry);
    ResultEvents.publish(stack, ResultEvents.simple(id, Outcome.CANCELLED, 3, t0.plusSeconds(60)));
    ResultEvents.publish(stack, ResultEvents.simple("never-submitted", Outcome.OK, 1, t0));
    stack.sqs.sendMessage(r -> r.queueUrl(stack.local.resultsQueueUrl()).messageBody("{broken"));
    // JSON, but not a result event (no timings, no routes): dropped by the contract's schema,
    // not left to fail on every delivery while the messages received with it wait.
    stack.sqs.sendMessage(
        r ->
            r.queueUrl(stack.local.resultsQueueUrl())
                .messageBody(
                    "{\"schemaVersion\":1,\"jobId\":\"r-1\",\"status\":\"succeeded\",\"outcome\":\"ok\"}"));
    awaitResultsConsumed();

    JsonNode job = http.get("/v1/jobs/" + id, key).json();
    assertThat(job.path("state").stringValue()).isEqualTo("succeeded");
    assertThat(job.path("outcome").stringValue()).isEqualTo("ok");
    assertThat(job.path("attempts").intValue()).isEqualTo(2);
    assertThat(job.path("finishedAt").stringValue()).isEqualTo("2026-11-22T08:00:30Z");
    assertThat(job.path("routes").get(0).path("route").stringValue()).isEqualTo("api");
    assertThat(completedWebhooks(id)).isEqualTo(1);
    assertThat(stack.count("select count(*) from jobs")).isEqualTo(1);
  }

  @Test
  void aSameAttemptEventKeepsTheLaterFinishAndAFailureIsFinalToo() {
    String id =
        submitQueued(
            "r-2",
            "{\"jobId\":\"r-2\",\"platform\":\"youtube\",\"kind\":\"profile\",\"target\":\"@result2\"}");
    Instant t0 = Instant.parse("2026-11-22T09:00:00Z");
    ResultEvents.publish(stack, ResultEvents.simple(id, Outcome.BLOCKED, 1, t0.plusSeconds(5)));
    ApiTestStack.await("failure applied", Duration.ofSeconds(15), () -> state(id).equals("failed"));
    ResultEvents.publish(stack, ResultEvents.simple(id, Outcome.OK, 1, t0));
    awaitResultsConsumed();

    JsonNode job = http.get("/v1/jobs/" + id, key).json();
    assertThat(job.path("outcome").stringValue()).isEqualTo("blocked");
    assertThat(job.path("detail").stringValue()).isEqualTo("because blocked");
    assertThat(completedWebhooks(id)).isEqualTo(1);
  }

  @Test
  void aJobsRecordsAreStreamedFromTheirRangeOfTheJobsOneObject() throws Exception {
    String id =
        submitQueued(
            "r-5",
            "{\"jobId\":\"r-5\",\"platform\":\"youtube\",\"kind\":\"posts\",\"target\":\"@result5\"}");
    String lines = "{\"type\":\"profile\",\"n\":1}\n{\"type\":\"post\",\"n\":2}\n";
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(lines.getBytes(StandardCharsets.UTF_8));
    }
    // The object as a worker writes it: captures first, the records last (ADR 0007).
    CaptureArchive.Writer archive = new CaptureArchive.Writer(List.of(), pageType -> null);
    archive.add(
        new Capture(
            "https://www.googleapis.com/youtube/v3/channels?forHandle=result5",
            "GET",
            200,
            Map.of("content-type", "application/json"),
            "{\"items\":[]}".getBytes(StandardCharsets.UTF_8),
            Instant.now(),
            "youtube.api.channels"));
    CaptureArchive.Finished object = archive.finish(gz.toByteArray());
    String objectKey = S3Layout.jobKey(id);
    stack.s3.putObject(
        r -> r.bucket(stack.local.bucket()).key(objectKey), RequestBody.fromBytes(object.bytes()));
    String uri = S3Layout.uri(stack.local.bucket(), objectKey);
    ResultEvents.publish(
        stack,
        ResultEvents.event(
            id,
            Platform.YOUTUBE,
            Outcome.OK,
            1,
            Instant.now(),
            List.of(),
            new ResultEvent.Locations(uri, uri, object.recordsRange()),
            2));
    ApiTestStack.await(
        "records known", Duration.ofSeconds(15), () -> state(id).equals("succeeded"));

    JsonNode job = http.get("/v1/jobs/" + id, key).json();
    assertThat(job.path("locations").path("recordsRange").stringValue())
        .isEqualTo(object.recordsRange());
    TestHttp.Reply records = http.get("/v1/jobs/" + id + "/records", key);
    assertThat(records.status()).isEqualTo(200);
    assertThat(records.contentType()).startsWith("application/x-ndjson");
    assertThat(records.body()).isEqualTo(lines);

    stack.s3.deleteObject(r -> r.bucket(stack.local.bucket()).key(objectKey));
    assertThat(http.get("/v1/jobs/" + id + "/records", key).status()).isEqualTo(404);
  }

  /** Jobs stored before ADR 0007 keep their records in an object of their own, read whole. */
  @Test
  void aJobsRecordsAreStreamedAsJsonLines() throws Exception {
    String id =
        submitQueued(
            "r-3",
            "{\"jobId\":\"r-3\",\"platform\":\"youtube\",\"kind\":\"posts\",\"target\":\"@result3\"}");
    assertThat(http.get("/v1/jobs/" + id + "/records", key).status()).isEqualTo(409);
    String lines = "{\"type\":\"profile\",\"n\":1}\n{\"type\":\"post\",\"n\":2}\n";
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(lines.getBytes(StandardCharsets.UTF_8));
    }
    String objectKey = "jobs/" + id + "/records.jsonl.gz";
    stack.s3.putObject(
        r -> r.bucket(stack.local.bucket()).key(objectKey).contentEncoding("gzip"),
        RequestBody.fromBytes(gz.toByteArray()));
    ResultEvents.publish(
        stack,
        ResultEvents.event(
            id,
            Platform.YOUTUBE,
            Outcome.OK,
            1,
            Instant.now(),
            List.of(),
            new ResultEvent.Locations("s3://" + stack.local.bucket() + "/" + objectKey, null),
            2));
    ApiTestStack.await(
        "records known", Duration.ofSeconds(15), () -> state(id).equals("succeeded"));

    TestHttp.Reply records = http.get("/v1/jobs/" + id + "/records", key);
    assertThat(records.status()).isEqualTo(200);
    assertThat(records.contentType()).startsWith("application/x-ndjson");
    assertThat(records.body()).isEqualTo(lines);

    String empty =
        submitQueued(
            "r-4",
            "{\"jobId\":\"r-4\",\"platform\":\"youtube\",\"kind\":\"profile\",\"target\":\"@result4\"}");
    ResultEvents.publish(stack, ResultEvents.simple(empty, Outcome.NOT_FOUND, 1, Instant.now()));
    ApiTestStack.await(
        "not found applied", Duration.ofSeconds(15), () -> state(empty).equals("succeeded"));
    assertThat(http.get("/v1/jobs/" + empty + "/records", key).status()).isEqualTo(404);
  }

  @Test
  void aTokenFoundInvalidMakesItsAccountInvalidOnceAndNotifiesThePlatform() {
    String account = "17841400000000001";
    assertThat(
            http.put(
                    "/v1/accounts/instagram/" + account + "/token",
                    key,
                    "{\"token\":\"IGQVJ-test-token-1\"}")
                .status())
        .isEqualTo(200);
    String id =
        submitQueued(
            "r-5",
            "{\"jobId\":\"r-5\",\"platform\":\"instagram\",\"kind\":\"profile\",\"target\":\""
                + account
                + "\",\"account\":{\"accountId\":\""
                + account
                + "\"}}");
    List<ResultEvent.RouteAttempt> routes =
        List.of(
            new ResultEvent.RouteAttempt(Route.API, Outcome.TOKEN_INVALID, "code 190", 1, 40, null),
            new ResultEvent.RouteAttempt(Route.CRAWL, Outcome.OK, null, 2, 300, null));
    ResultEvent event =
        ResultEvents.event(
            id,
            Platform.INSTAGRAM,
            Outcome.OK,
            1,
            Instant.now(),
            routes,
            ResultEvent.Locations.NONE,
            1);
    ResultEvents.publish(stack, event);
    ResultEvents.publish(stack, event);
    ApiTestStack.await("job done", Duration.ofSeconds(15), () -> state(id).equals("succeeded"));
    awaitResultsConsumed();

    JsonNode status = http.get("/v1/accounts/instagram/" + account, key).json();
    assertThat(status.path("status").stringValue()).isEqualTo("invalid");
    assertThat(status.path("statusReason").stringValue()).isEqualTo("token_invalid");
    assertThat(
            stack.count(
                "select count(*) from webhook_deliveries where event = 'token.invalidated'"))
        .isEqualTo(1);

    // A new token: a late report about a job sent with the old one leaves it valid.
    http.put(
        "/v1/accounts/instagram/" + account + "/token", key, "{\"token\":\"IGQVJ-test-token-2\"}");
    ResultEvents.publish(
        stack,
        ResultEvents.event(
            id,
            Platform.INSTAGRAM,
            Outcome.OK,
            2,
            Instant.now(),
            routes,
            ResultEvent.Locations.NONE,
            1));
    awaitResultsConsumed();
    assertThat(
            http.get("/v1/accounts/instagram/" + account, key).json().path("status").stringValue())
        .isEqualTo("valid");
  }
}
