package dev.snscollector.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.api.http.Scope;
import dev.snscollector.capture.CancelledJobs;
import dev.snscollector.capture.S3Layout;
import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

class JobsApiTest {
  private static ApiTestStack stack;
  private CollectorApi api;
  private TestHttp http;
  private String writer;
  private String reader;

  @BeforeAll
  static void startStack() {
    stack = ApiTestStack.start();
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @BeforeEach
  void startApi() {
    stack.reset();
    api = stack.startApi(Map.of());
    http = new TestHttp(api.localUrl());
    writer = api.keys().create("writer", EnumSet.of(Scope.JOBS_WRITE, Scope.JOBS_READ)).key();
    reader = api.keys().create("reader", EnumSet.of(Scope.JOBS_READ)).key();
  }

  @AfterEach
  void stopApi() {
    stack.stopApis();
  }

  private static String job(String id, String target) {
    return "{\"jobId\":\""
        + id
        + "\",\"platform\":\"youtube\",\"kind\":\"profile\",\"target\":\""
        + target
        + "\"}";
  }

  private static String batch(List<String> jobs) {
    return "{\"jobs\":[" + String.join(",", jobs) + "]}";
  }

  private List<JobMessage> enqueued() {
    return stack.drain(stack.local.jobsQueueUrl(), Duration.ofSeconds(2)).stream()
        .map(Message::body)
        .map(JobCodec::decode)
        .toList();
  }

  @Test
  void aJobIsAcceptedStoredAndSentToTheJobsQueue() {
    TestHttp.Reply reply =
        http.post(
            "/v1/jobs",
            writer,
            "{\"platform\":\"youtube\",\"kind\":\"posts\",\"target\":\"@somechannel\","
                + "\"options\":{\"maxItems\":20},\"metadata\":{\"creator\":\"c-1\"}}");

    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    JsonNode job = reply.json();
    String id = job.path("jobId").stringValue();
    assertThat(id).startsWith("job-");
    assertThat(job.path("state").stringValue()).isEqualTo("accepted");
    assertThat(job.path("options").path("maxItems").intValue()).isEqualTo(20);

    List<JobMessage> sent = enqueued();
    assertThat(sent)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.jobId()).isEqualTo(id);
              assertThat(m.options().maxItems()).isEqualTo(20);
              assertThat(m.metadata()).containsEntry("creator", "c-1");
              assertThat(m.account()).isNull();
            });
    JsonNode read = http.get("/v1/jobs/" + id, reader).json();
    assertThat(read.path("state").stringValue()).isEqualTo("queued");
    assertThat(read.path("queuedAt").isNull()).isFalse();

    assertThat(http.get("/health/live", null).status()).isEqualTo(200);
    assertThat(http.get("/health/ready", null).json().path("database").stringValue())
        .isEqualTo("up");
    assertThat(http.get("/metrics", null).body())
        .contains(
            "collector_api_requests_seconds_count{method=\"POST\",route=\"/v1/jobs\",status=\"202\"} 1")
        .contains("collector_api_jobs_accepted_total 1.0")
        .contains("collector_api_outbox_lag_seconds")
        .contains("collector_api_outbox_pending 0.0");
  }

  @Test
  void aBatchAnswersEveryItemAcceptedOrRejectedWithItsReason() {
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      jobs.add(job("b-" + i, "@channel" + i));
    }
    jobs.set(
        3,
        "{\"jobId\":\"b-3\",\"platform\":\"friendster\",\"kind\":\"profile\",\"target\":\"@x\"}");
    jobs.set(5, job("b-5", "https://www.instagram.com/someone/"));
    jobs.set(7, job("b-1", "@again"));
    jobs.set(9, "\"not an object\"");
    jobs.set(
        8,
        "{\"jobId\":\"b-8\",\"platform\":\"tiktok\",\"kind\":\"insights\","
            + "\"target\":\"@channel8\",\"account\":{\"accountId\":\"open-id-8\"}}");
    jobs.set(
        6,
        "{\"jobId\":\"b-6\",\"platform\":\"youtube\",\"kind\":\"insights\","
            + "\"target\":\"@channel6\"}");
    jobs.set(
        10,
        "{\"jobId\":\"b-10\",\"platform\":\"youtube\",\"kind\":\"posts\",\"target\":\"@channel10\","
            + "\"incremental\":\"yes\"}");
    jobs.set(
        11,
        "{\"jobId\":\"b-11\",\"platform\":\"youtube\",\"kind\":\"posts\",\"target\":\"@channel10\","
            + "\"incremental\":true,\"options\":{\"since\":\"2026-11-01T00:00:00Z\"}}");

    TestHttp.Reply reply = http.post("/v1/jobs/batch", writer, batch(jobs));

    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    JsonNode body = reply.json();
    assertThat(body.path("accepted").intValue()).isEqualTo(4);
    assertThat(body.path("rejected").intValue()).isEqualTo(8);
    assertThat(body.path("batchId").stringValue()).startsWith("batch-");
    JsonNode items = body.path("items");
    assertThat(items.get(0).path("status").stringValue()).isEqualTo("accepted");
    assertThat(pointers(items.get(3))).containsExactly("/jobs/3/platform");
    assertThat(pointers(items.get(5))).containsExactly("/jobs/5/target");
    assertThat(items.get(5).path("errors").get(0).path("detail").stringValue())
        .contains("not a youtube address");
    assertThat(pointers(items.get(7))).containsExactly("/jobs/7/jobId");
    assertThat(pointers(items.get(9))).containsExactly("/jobs/9");
    assertThat(pointers(items.get(10))).containsExactly("/jobs/10/incremental");
    assertThat(pointers(items.get(8))).containsExactly("/jobs/8/kind");
    assertThat(items.get(8).path("errors").get(0).path("detail").stringValue())
        .contains("tiktok's API offers no account analytics");
    assertThat(pointers(items.get(6))).containsExactly("/jobs/6/account");
    assertThat(pointers(items.get(11))).containsExactly("/jobs/11/options/since");

    assertThat(enqueued())
        .extracting(JobMessage::jobId)
        .containsExactlyInAnyOrder("b-0", "b-1", "b-2", "b-4");
  }

  private static List<String> pointers(JsonNode item) {
    List<String> out = new ArrayList<>();
    item.path("errors").forEach(e -> out.add(e.path("pointer").stringValue()));
    return out;
  }

  @Test
  void theSameBatchPostedTwiceWithOneIdempotencyKeyIsEnqueuedOnce() throws Exception {
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      jobs.add("{\"platform\":\"youtube\",\"kind\":\"profile\",\"target\":\"@creator" + i + "\"}");
    }
    String body = batch(jobs);

    TestHttp.Reply first =
        http.post("/v1/jobs/batch", writer, body, "Idempotency-Key", "refresh-2026-11-22");
    TestHttp.Reply second =
        http.post("/v1/jobs/batch", writer, body, "Idempotency-Key", "refresh-2026-11-22");

    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(202);
    assertThat(second.json()).isEqualTo(first.json());
    assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(first.json().path("accepted").intValue()).isEqualTo(25);
    List<JobMessage> sent = enqueued();
    assertThat(sent).hasSize(25);
    assertThat(sent.stream().map(JobMessage::jobId).distinct()).hasSize(25);
    assertThat(stack.count("select count(*) from jobs")).isEqualTo(25);

    TestHttp.Reply other =
        http.post(
            "/v1/jobs/batch",
            writer,
            batch(jobs.subList(0, 3)),
            "Idempotency-Key",
            "refresh-2026-11-22");
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().path("type").stringValue()).endsWith("/idempotency-key-reused");
    assertThat(stack.count("select count(*) from jobs")).isEqualTo(25);
    assertThat(enqueued()).isEmpty();
  }

  @Test
  void requestsRacingWithOneIdempotencyKeyGetOneAnswerAndEnqueueOnce() throws Exception {
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      jobs.add("{\"platform\":\"youtube\",\"kind\":\"profile\",\"target\":\"@racer" + i + "\"}");
    }
    String body = batch(jobs);
    List<Callable<TestHttp.Reply>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      calls.add(() -> http.post("/v1/jobs/batch", writer, body, "Idempotency-Key", "race"));
    }
    Set<String> answers = new HashSet<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Future<TestHttp.Reply> f : pool.invokeAll(calls)) {
        assertThat(f.get().status()).isEqualTo(202);
        answers.add(f.get().json().toString());
      }
    }
    assertThat(answers).hasSize(1);
    assertThat(enqueued()).hasSize(50);
  }

  @Test
  void badInputIsAClearProblemAndLeavesNothingBehind() {
    String big = "{\"jobs\":[" + "x".repeat(2 * 1024 * 1024) + "]}";
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      many.add(job("m-" + i, "@channel" + i));
    }
    String other = api.keys().create("accounts only", EnumSet.of(Scope.ACCOUNTS_WRITE)).key();

    assertProblem(
        http.post("/v1/jobs", writer, "{\"platform\": \"youtube\", "),
        400,
        "malformed-json",
        List.of());
    assertProblem(
        http.post(
            "/v1/jobs",
            writer,
            "{\"platform\":\"friendster\",\"kind\":\"profile\",\"target\":\"@x\"}"),
        422,
        "invalid-job",
        List.of("/platform"));
    assertProblem(
        http.post("/v1/jobs", writer, job("j1", "https://www.tiktok.com/@someone")),
        422,
        "invalid-job",
        List.of("/target"));
    assertProblem(
        http.post("/v1/jobs/batch", writer, batch(List.of(job("j2", "https://evil.example/@x")))),
        422,
        "invalid-job",
        List.of("/jobs/0/target"));
    assertProblem(
        http.postAskingFirst("/v1/jobs/batch", writer, big), 413, "payload-too-large", List.of());
    assertProblem(
        http.post("/v1/jobs/batch", writer, batch(many)), 400, "invalid-request", List.of("/jobs"));
    assertProblem(
        http.post(
            "/v1/jobs",
            writer,
            "{\"platform\":\"youtube\",\"kind\":\"profile\",\"target\":\"UCaaaaaaaaaaaaaaaaaaaaaa\","
                + "\"account\":{\"accountId\":\"UCaaaaaaaaaaaaaaaaaaaaaa\",\"sealedToken\":\"v1.k.abcdefghijklmnop\"}}"),
        422,
        "invalid-job",
        List.of("/account/sealedToken"));
    assertProblem(
        http.post(
            "/v1/jobs",
            writer,
            "{\"platform\":\"youtube\",\"kind\":\"profile\",\"target\":\"UCaaaaaaaaaaaaaaaaaaaaaa\","
                + "\"account\":{\"accountId\":\"UCaaaaaaaaaaaaaaaaaaaaaa\"}}"),
        422,
        "invalid-job",
        List.of("/account/accountId"));
    assertProblem(
        http.post("/v1/jobs", null, job("j3", "@fine")),
        401,
        "unauthorized",
        List.of("header:Authorization"));
    assertProblem(
        http.post("/v1/jobs", "ck_not-a-key", job("j4", "@fine")),
        401,
        "unauthorized",
        List.of("header:Authorization"));
    assertProblem(http.post("/v1/jobs", reader, job("j5", "@fine")), 403, "forbidden", List.of());
    assertProblem(http.post("/v1/jobs", other, job("j6", "@fine")), 403, "forbidden", List.of());
    assertProblem(http.get("/v1/nothing-here", writer), 404, "not-found", List.of());
    assertProblem(
        http.get("/v1/jobs?status=done&limit=0", reader),
        400,
        "invalid-request",
        List.of("query:status", "query:limit"));

    assertThat(stack.approximateMessages(stack.local.jobsQueueUrl())).isZero();
    assertThat(enqueued()).isEmpty();
    assertThat(stack.count("select count(*) from jobs")).isZero();
    assertThat(stack.count("select count(*) from outbox")).isZero();
    assertThat(stack.count("select count(*) from idempotency_keys")).isZero();
  }

  @Test
  void aBodyStreamedWithoutALengthIsCutAtTheLimitToo() throws Exception {
    byte[] big =
        ("{\"jobs\":[" + "x".repeat(3 * 1024 * 1024) + "]}").getBytes(StandardCharsets.UTF_8);
    var request =
        java.net.http.HttpRequest.newBuilder(api.localUrl().resolve("/v1/jobs/batch"))
            .header("Authorization", "Bearer " + writer)
            .header("Content-Type", "application/json")
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(big)))
            .build();
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  private static void assertProblem(
      TestHttp.Reply reply, int status, String type, List<String> pointers) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    JsonNode p = reply.json();
    assertThat(p.path("type").stringValue()).isEqualTo("https://snscollector.dev/problems/" + type);
    assertThat(p.path("title").stringValue()).isNotBlank();
    assertThat(p.path("status").intValue()).isEqualTo(status);
    assertThat(p.path("detail").stringValue()).isNotBlank();
    List<String> got = new ArrayList<>();
    p.path("errors").forEach(e -> got.add(e.path("pointer").stringValue()));
    assertThat(got).containsExactlyInAnyOrderElementsOf(pointers);
  }

  @Test
  void jobsAreListedNewestFirstPageByPage() {
    for (int b = 0; b < 3; b++) {
      List<String> jobs = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        jobs.add(job("l-" + b + "-" + i, "@channel" + i));
      }
      assertThat(http.post("/v1/jobs/batch", writer, batch(jobs)).status()).isEqualTo(202);
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          http.get(
                  "/v1/jobs?platform=youtube&limit=10"
                      + (cursor == null ? "" : "&cursor=" + cursor),
                  reader)
              .json();
      page.path("items").forEach(j -> seen.add(j.path("jobId").stringValue()));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").stringValue();
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(27).doesNotHaveDuplicates();
    assertThat(seen.getFirst()).startsWith("l-2-");
    assertThat(seen.getLast()).startsWith("l-0-");

    ApiTestStack.await(
        "all queued",
        Duration.ofSeconds(10),
        () -> stack.count("select count(*) from jobs where state = 'queued'") == 27);
    assertThat(
            http.get("/v1/jobs?status=queued,accepted&limit=1000", reader)
                .json()
                .path("items")
                .size())
        .isEqualTo(27);
    assertThat(http.get("/v1/jobs?status=succeeded", reader).json().path("items").size()).isZero();
    assertThat(http.get("/v1/jobs?platform=tiktok", reader).json().path("items").size()).isZero();
  }

  /** The cancelled-jobs list workers poll, as it is in S3 now; empty when there is none. */
  private static List<String> cancelledList() {
    try {
      return CancelledJobs.sorted(
          stack
              .s3
              .getObjectAsBytes(
                  r -> r.bucket(stack.local.bucket()).key(S3Layout.cancelledJobsKey()))
              .asByteArray());
    } catch (NoSuchKeyException e) {
      return List.of();
    }
  }

  private void awaitQueued(String id) {
    ApiTestStack.await(
        "queued",
        Duration.ofSeconds(10),
        () ->
            http.get("/v1/jobs/" + id, reader).json().path("state").stringValue().equals("queued"));
  }

  @Test
  void aQueuedJobIsCancelledOnceAndWorkersAreToldThroughS3() {
    String id =
        http.post("/v1/jobs", writer, job("c-1", "@tobecancelled"))
            .json()
            .path("jobId")
            .stringValue();
    ApiTestStack.await(
        "queued",
        Duration.ofSeconds(10),
        () ->
            http.get("/v1/jobs/" + id, reader).json().path("state").stringValue().equals("queued"));

    TestHttp.Reply cancelled = http.post("/v1/jobs/" + id + "/cancel", writer, "");
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    assertThat(cancelled.json().path("state").stringValue()).isEqualTo("cancelled");
    // The list workers poll has it by the time the cancel answers.
    assertThat(cancelledList()).contains("c-1");

    TestHttp.Reply again = http.post("/v1/jobs/" + id + "/cancel", writer, "");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("type").stringValue()).endsWith("/conflict");
    assertThat(http.post("/v1/jobs/nope/cancel", writer, "").status()).isEqualTo(404);
    assertThat(http.post("/v1/jobs/" + id + "/cancel", reader, "").status()).isEqualTo(403);
  }

  @Test
  void aJobCancelledBeforeItLeftTheOutboxIsNeverSent() {
    stack.stopApis();
    // A replica whose outbox loop is slow: the cancel gets there first.
    api = stack.startApi(Map.of("OUTBOX_POLL_MILLIS", "60000"));
    http = new TestHttp(api.localUrl());
    writer = api.keys().create("writer", EnumSet.of(Scope.JOBS_WRITE, Scope.JOBS_READ)).key();
    stack.execute(
        "insert into jobs (job_id, platform, kind, target, message, state, submitted_at, updated_at)"
            + " values ('o-1', 'youtube', 'profile', '@x', '"
            + Json.MAPPER.writeValueAsString(
                JobMessage.of(
                    "o-1",
                    dev.snscollector.contracts.Platform.YOUTUBE,
                    dev.snscollector.contracts.JobKind.PROFILE,
                    "@xxx"))
            + "', 'accepted', now(), now())");
    stack.execute("insert into outbox (job_id, created_at) values ('o-1', now())");

    assertThat(http.post("/v1/jobs/o-1/cancel", writer, "").status()).isEqualTo(200);
    assertThat(stack.count("select count(*) from outbox")).isZero();

    // A dispatcher that read the row before the cancel: the row is back, and a replica with a
    // fast outbox loop picks it up. The job is cancelled, so it is dropped, never sent.
    stack.execute("insert into outbox (job_id, created_at) values ('o-1', now())");
    stack.startApi(Map.of("OUTBOX_POLL_MILLIS", "50"));
    ApiTestStack.await(
        "outbox row handled",
        Duration.ofSeconds(10),
        () -> stack.count("select count(*) from outbox") == 0);
    assertThat(enqueued()).isEmpty();
    assertThat(cancelledList()).as("no worker will see it").doesNotContain("o-1");
  }

  @Test
  void theCancelledListHoldsEveryCancelUntilAWorkerReportedOnTheJob() {
    stack.stopApis();
    api = stack.startApi(Map.of("CANCELLED_JOBS_REFRESH_SECONDS", "1"));
    http = new TestHttp(api.localUrl());
    writer = api.keys().create("writer", EnumSet.of(Scope.JOBS_WRITE, Scope.JOBS_READ)).key();
    reader = api.keys().create("reader", EnumSet.of(Scope.JOBS_READ)).key();
    for (String id : List.of("l-1", "l-2", "l-3")) {
      assertThat(http.post("/v1/jobs", writer, job(id, "@list" + id)).status()).isEqualTo(202);
      awaitQueued(id);
    }
    assertThat(http.post("/v1/jobs/l-1/cancel", writer, "").status()).isEqualTo(200);
    assertThat(http.post("/v1/jobs/l-2/cancel", writer, "").status()).isEqualTo(200);
    // Rewritten whole on each cancel, from the database: the second write keeps the first cancel.
    assertThat(cancelledList()).containsExactly("l-1", "l-2");

    // A worker skipped l-1 and said so: the refresh drops it; l-2 still waits in the queue.
    ResultEvents.publish(
        stack,
        ResultEvents.simple("l-1", dev.snscollector.contracts.Outcome.CANCELLED, 1, Instant.now()));
    ApiTestStack.await(
        "l-1 off the list", Duration.ofSeconds(15), () -> cancelledList().equals(List.of("l-2")));
    assertThat(http.get("/v1/jobs/l-1", reader).json().path("state").stringValue())
        .isEqualTo("cancelled");

    // A list lost or overwritten is put right by the refresh.
    stack.s3.deleteObject(r -> r.bucket(stack.local.bucket()).key(S3Layout.cancelledJobsKey()));
    ApiTestStack.await(
        "list rewritten", Duration.ofSeconds(15), () -> cancelledList().equals(List.of("l-2")));
  }
}
