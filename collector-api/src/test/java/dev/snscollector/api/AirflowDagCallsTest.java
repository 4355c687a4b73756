package dev.snscollector.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.api.http.Scope;
import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP calls of {@code airflow/dags/refresh_creators.py}, made exactly as the DAG makes them
 * (paths, headers, bodies byte for byte as Python's {@code json.dumps} writes them), against the
 * real service: submit, the task retried, wait until no job is pending, report the failures.
 */
class AirflowDagCallsTest {
  private static final Path DAG =
      Path.of(System.getProperty("sns.project.dir", ".."), "airflow/dags/refresh_creators.py");
  private static ApiTestStack stack;
  private static CollectorApi api;

  @BeforeAll
  static void start() {
    stack = ApiTestStack.start();
    api = stack.startApi(Map.of());
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void theDagSendsTheRequestsThisTestMakes() throws Exception {
    String dag = Files.readString(DAG, StandardCharsets.UTF_8);
    assertThat(dag)
        .contains("f\"{base}/v1/jobs/batch\"")
        .contains("\"Idempotency-Key\": f\"refresh-creators-{ds}-{n}\"")
        .contains("\"Content-Type\": \"application/json\"")
        .contains("{\"Authorization\": f\"Bearer {conn.password}\"}")
        .contains("f\"{base}/v1/jobs\"")
        .contains("{\"batch\": batch_id, \"status\": \"accepted,queued\", \"limit\": 1}")
        .contains("{\"batch\": batch_id, \"status\": \"failed\", \"limit\": 1000}")
        .contains("params[\"cursor\"] = cursor")
        .contains("f\"{base}/v1/reports/slack\"")
        .contains(
            "data=json.dumps({\"title\": f\"refresh_creators {ds}\", \"batches\": batch_ids})")
        .contains("headers={**headers, \"Content-Type\": \"application/json\"}")
        .contains(
            "\"metadata\"] = {\"source\": \"airflow:refresh_creators\", \"logicalDate\": logical_date}")
        .contains("job[\"account\"] = {\"accountId\": c[\"accountId\"]}")
        .contains("job[\"incremental\"] = True")
        .contains("job[\"options\"] = {\"refreshLast\": c.get(\"refreshLast\", REFRESH_LAST)}");
  }

  /** What {@code batch_request(creators, day)} gives, as {@code json.dumps} writes it. */
  private static String batchBody(String day) {
    String meta =
        "\"metadata\": {\"source\": \"airflow:refresh_creators\", \"logicalDate\": \""
            + day
            + "\"}";
    String incremental = "\"incremental\": true, \"options\": {\"refreshLast\": 12}, ";
    return "{\"jobs\": ["
        + "{\"platform\": \"youtube\", \"kind\": \"profile\", \"target\": \"@creator-one\", "
        + meta
        + "}, "
        + "{\"platform\": \"youtube\", \"kind\": \"posts\", \"target\": \"@creator-two\", "
        + incremental
        + meta
        + "}, "
        + "{\"platform\": \"instagram\", \"kind\": \"posts\", \"target\": \"17841400000000007\", "
        + "\"account\": {\"accountId\": \"17841400000000007\"}, "
        + incremental
        + meta
        + "}"
        + "]}";
  }

  @Test
  void submitRetryWaitAndReportAsTheDagDoes() {
    TestHttp http = new TestHttp(api.localUrl());
    String admin = api.keys().create("platform", EnumSet.of(Scope.ACCOUNTS_WRITE)).key();
    assertThat(
            http.put(
                    "/v1/accounts/instagram/17841400000000007/token",
                    admin,
                    "{\"token\":\"IGQ-airflow-creator\"}")
                .status())
        .isEqualTo(200);
    String key = api.keys().create("airflow", EnumSet.of(Scope.JOBS_WRITE, Scope.JOBS_READ)).key();

    // submit
    String[] headers = {
      "Content-Type", "application/json", "Idempotency-Key", "refresh-creators-2026-11-22-0"
    };
    TestHttp.Reply submitted = http.post("/v1/jobs/batch", key, batchBody("2026-11-22"), headers);
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    JsonNode answer = submitted.json();
    assertThat(answer.path("accepted").intValue()).isEqualTo(3);
    String batchId = answer.path("batchId").stringValue();

    // submit, retried by Airflow after a lost response: the same answer, nothing enqueued again
    TestHttp.Reply retried = http.post("/v1/jobs/batch", key, batchBody("2026-11-22"), headers);
    assertThat(retried.body()).isEqualTo(submitted.body());
    assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");

    // wait_for_jobs: not done while jobs wait
    String pending = "/v1/jobs?batch=" + batchId + "&status=accepted%2Cqueued&limit=1";
    assertThat(http.get(pending, key).json().path("items").size()).isEqualTo(1);

    // the workers: every job once, one of them blocked
    List<Message> sent = stack.drain(stack.local.jobsQueueUrl(), Duration.ofSeconds(2));
    assertThat(sent).hasSize(3);
    for (Message m : sent) {
      JobMessage job = JobCodec.decode(m.body());
      assertThat(job.metadata()).containsEntry("logicalDate", "2026-11-22");
      Outcome outcome = job.target().equals("@creator-two") ? Outcome.BLOCKED : Outcome.OK;
      ResultEvents.publish(stack, ResultEvents.simple(job.jobId(), outcome, 1, Instant.now()));
    }
    ApiTestStack.await(
        "wait_for_jobs done",
        Duration.ofSeconds(20),
        () -> http.get(pending, key).json().path("items").isEmpty());

    // report
    JsonNode failed =
        http.get("/v1/jobs?batch=" + batchId + "&status=failed&limit=1000", key).json();
    assertThat(failed.path("items")).hasSize(1);
    assertThat(failed.path("items").get(0).path("outcome").stringValue()).isEqualTo("blocked");
    assertThat(failed.path("nextCursor").isNull()).isTrue();
    TestHttp.Reply summary =
        http.post(
            "/v1/reports/slack",
            key,
            "{\"title\": \"refresh_creators 2026-11-22\", \"batches\": [\"" + batchId + "\"]}",
            "Content-Type",
            "application/json");
    assertThat(summary.status()).as(summary.body()).isEqualTo(200);
    assertThat(summary.json().path("outcomes").path("blocked").intValue()).isEqualTo(1);
    assertThat(summary.json().path("unfinished").intValue()).isZero();
    assertThat(summary.json().path("posted").booleanValue()).isFalse(); // no SLACK_WEBHOOK_URL

    // the next day's run: the posts jobs are incremental, so the service gives the Instagram one
    // (ok yesterday) a since at yesterday's submission, and the YouTube one (blocked) none
    Instant yesterday =
        Instant.parse(
            http.get("/v1/jobs?batch=" + batchId + "&limit=10", key)
                .json()
                .path("items")
                .findValues("submittedAt")
                .get(0)
                .stringValue());
    TestHttp.Reply next =
        http.post(
            "/v1/jobs/batch",
            key,
            batchBody("2026-11-23"),
            "Content-Type",
            "application/json",
            "Idempotency-Key",
            "refresh-creators-2026-11-23-0");
    assertThat(next.status()).as(next.body()).isEqualTo(202);
    Map<String, JobMessage> byTarget = new java.util.HashMap<>();
    for (Message m : stack.drain(stack.local.jobsQueueUrl(), Duration.ofSeconds(2))) {
      JobMessage job = JobCodec.decode(m.body());
      byTarget.put(job.target(), job);
    }
    assertThat(byTarget).hasSize(3);
    assertThat(byTarget.get("17841400000000007").options().since()).isEqualTo(yesterday);
    assertThat(byTarget.get("17841400000000007").options().refreshLast()).isEqualTo(12);
    assertThat(byTarget.get("@creator-two").options().since()).isNull();
    assertThat(byTarget.get("@creator-one").options().since()).isNull();
  }
}
