package dev.snscollector.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.snscollector.api.http.Scope;
import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.contracts.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Run reports to Slack's incoming webhook (WireMock in its place): a schedule's tick is reported
 * once, when its last job has ended, with its outcomes, its drifts by page type and the creators
 * whose token was refused; {@code POST /v1/reports/slack} does the same for an Airflow run's
 * batches.
 */
class SlackReportsTest {
  private static final String HOOK = "/services/T0TEAM/B0REPORTS/secret-part";
  private static final String[] ACCOUNTS = {
    "17841400000000001", "17841400000000002", "17841400000000003"
  };

  private WireMockServer slack;
  private ApiTestStack stack;

  @BeforeEach
  void start() {
    slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    slack.start();
    slack.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(200)));
    stack = ApiTestStack.start();
    stack.reset();
  }

  @AfterEach
  void stop() {
    stack.close();
    slack.stop();
  }

  @Test
  void aScheduleRunIsReportedOnceWhenItsLastJobHasEnded() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
    CollectorApi api =
        stack.startApi(
            Map.of(
                "SLACK_WEBHOOK_URL", "http://127.0.0.1:" + slack.port() + HOOK,
                "SLACK_REPORT_POLL_SECONDS", "1",
                "SCHEDULE_POLL_MILLIS", "100"),
            clock);
    TestHttp http = new TestHttp(api.localUrl());
    String key =
        api.keys()
            .create("ops", EnumSet.of(Scope.SCHEDULES_WRITE, Scope.ACCOUNTS_WRITE, Scope.JOBS_READ))
            .key();
    for (String account : ACCOUNTS) {
      assertThat(
              http.put(
                      "/v1/accounts/instagram/" + account + "/token",
                      key,
                      "{\"token\":\"IGQ-report-test-" + account + "\"}")
                  .status())
          .isEqualTo(200);
    }
    TestHttp.Reply created =
        http.post(
            "/v1/schedules",
            key,
            "{\"name\":\"creators at five\",\"cron\":\"*/5 * * * *\","
                + "\"job\":{\"platform\":\"instagram\",\"kind\":\"profile\"},"
                + "\"accounts\":[\""
                + String.join("\",\"", ACCOUNTS)
                + "\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").stringValue();
    Instant tick = Instant.parse("2026-11-22T00:05:00Z");
    clock.set(tick.plusSeconds(1));
    ApiTestStack.await(
        "the tick's jobs queued",
        Duration.ofSeconds(15),
        () -> stack.count("select count(*) from jobs where state = 'queued'") == 3);
    String prefix = id + "-" + tick.getEpochSecond() + "-";

    Instant done = clock.instant();
    ResultEvents.publish(
        stack,
        ResultEvents.event(
            prefix + 0,
            Platform.INSTAGRAM,
            Outcome.OK,
            1,
            done,
            List.of(new ResultEvent.RouteAttempt(Route.API, Outcome.OK, null, 1, 100, null)),
            ResultEvent.Locations.NONE,
            0));
    ResultEvents.publish(
        stack,
        ResultEvents.event(
            prefix + 1,
            Platform.INSTAGRAM,
            Outcome.TOKEN_INVALID,
            1,
            done,
            List.of(
                new ResultEvent.RouteAttempt(Route.API, Outcome.TOKEN_INVALID, null, 1, 100, null)),
            ResultEvent.Locations.NONE,
            0));
    ApiTestStack.await(
        "two results applied",
        Duration.ofSeconds(15),
        () -> stack.count("select count(*) from jobs where finished_at is not null") == 2);
    Thread.sleep(2_500); // three report passes: the run is not over, nothing is said
    assertThat(posts()).isEmpty();

    ResultEvent drifted =
        ResultEvents.event(
            prefix + 2,
            Platform.INSTAGRAM,
            Outcome.STRUCTURE_CHANGED,
            1,
            done,
            List.of(
                new ResultEvent.RouteAttempt(
                    Route.API, Outcome.STRUCTURE_CHANGED, null, 1, 100, null)),
            ResultEvent.Locations.NONE,
            0);
    ResultEvents.publish(stack, withDrift(drifted, "instagram.graph.user"));
    ApiTestStack.await("the report", Duration.ofSeconds(15), () -> !posts().isEmpty());
    Thread.sleep(2_500); // and it is said once
    List<JsonNode> posts = posts();
    assertThat(posts).hasSize(1);
    assertThat(posts.getFirst().path("text").stringValue())
        .isEqualTo(
            "*Schedule creators at five* ("
                + id
                + ") run of 2026-11-22T00:05:00Z: 3 jobs\n"
                + "*Outcomes*: ok 1, structure_changed 1, token_invalid 1\n"
                + "*Drift by page type*: instagram.graph.user 1\n"
                + "*Creators to reconnect*: 1 (instagram "
                + ACCOUNTS[1]
                + ")");

    // The same summary for batches, as the Airflow DAG asks for it.
    String writer =
        api.keys().create("airflow", EnumSet.of(Scope.JOBS_WRITE, Scope.JOBS_READ)).key();
    TestHttp.Reply batch =
        http.post(
            "/v1/jobs/batch",
            writer,
            "{\"jobs\":[{\"jobId\":\"af-1\",\"platform\":\"youtube\",\"kind\":\"profile\","
                + "\"target\":\"@hanbit.kitchen\"},{\"jobId\":\"af-2\",\"platform\":\"youtube\","
                + "\"kind\":\"profile\",\"target\":\"@bada.walk\"}]}");
    String batchId = batch.json().path("batchId").stringValue();
    ResultEvents.publish(stack, ResultEvents.simple("af-1", Outcome.NOT_FOUND, 1, done));
    ApiTestStack.await(
        "af-1 applied",
        Duration.ofSeconds(15),
        () ->
            stack.count("select count(*) from jobs where job_id = 'af-1' and outcome is not null")
                == 1);
    TestHttp.Reply report =
        http.post(
            "/v1/reports/slack",
            writer,
            "{\"title\":\"refresh_creators 2026-11-22 <!channel>\",\"batches\":[\""
                + batchId
                + "\"]}");
    assertThat(report.status()).as(report.body()).isEqualTo(200);
    assertThat(report.json().path("jobs").intValue()).isEqualTo(2);
    assertThat(report.json().path("unfinished").intValue()).isEqualTo(1);
    assertThat(report.json().path("outcomes").path("not_found").intValue()).isEqualTo(1);
    assertThat(report.json().path("posted").booleanValue()).isTrue();
    assertThat(posts().getLast().path("text").stringValue())
        .startsWith(
            "*refresh_creators 2026-11-22 &lt;!channel&gt;*: 2 jobs, 1 not finished\n"
                + "*Outcomes*: not_found 1");
    String reader = api.keys().create("reader", EnumSet.of(Scope.JOBS_READ)).key();
    assertThat(
            http.post(
                    "/v1/reports/slack",
                    reader,
                    "{\"title\":\"x\",\"batches\":[\"" + batchId + "\"]}")
                .status())
        .as("a read-only key does not speak in the channel")
        .isEqualTo(403);
    TestHttp.Reply bad =
        http.post("/v1/reports/slack", writer, "{\"title\":\"x\",\"batches\":[3]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("/batches/0");
  }

  private List<JsonNode> posts() {
    return slack.findAll(postRequestedFor(urlPathEqualTo(HOOK))).stream()
        .map(r -> dev.snscollector.contracts.Json.MAPPER.readTree(r.getBodyAsString()))
        .toList();
  }

  private static ResultEvent withDrift(ResultEvent e, String pageType) {
    return new ResultEvent(
        e.schemaVersion(),
        e.jobId(),
        e.messageId(),
        e.platform(),
        e.kind(),
        e.status(),
        e.outcome(),
        e.detail(),
        e.routes(),
        e.recordCount(),
        e.locations(),
        new DriftReport(
            pageType, 1, "https://graph.facebook.com/v21.0/17841400000000003", List.of()),
        e.timings(),
        e.attempts(),
        e.workerId(),
        e.metadata());
  }
}
