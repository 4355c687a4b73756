package dev.snscollector.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.api.http.Scope;
import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

class SchedulesTest {
  private static final String TEMPLATE =
      "\"job\":{\"platform\":\"youtube\",\"kind\":\"profile\",\"metadata\":{\"source\":\"schedule\"}}";
  private static ApiTestStack stack;

  @BeforeAll
  static void start() {
    stack = ApiTestStack.start();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @BeforeEach
  void reset() {
    stack.reset();
  }

  @AfterEach
  void stopApis() {
    stack.stopApis();
  }

  private static String key(CollectorApi api) {
    return api.keys()
        .create("scheduler", EnumSet.of(Scope.SCHEDULES_WRITE, Scope.SCHEDULES_READ))
        .key();
  }

  @Test
  void threeReplicasOnOneDatabaseFireEachTickOfAOneSecondScheduleExactlyOnce() throws Exception {
    List<CollectorApi> replicas =
        List.of(stack.startApi(Map.of()), stack.startApi(Map.of()), stack.startApi(Map.of()));
    TestHttp http = new TestHttp(replicas.get(1).localUrl());
    String key = key(replicas.get(0));

    TestHttp.Reply created =
        http.post(
            "/v1/schedules",
            key,
            "{\"name\":\"every second\",\"cron\":\"* * * * * *\","
                + TEMPLATE
                + ",\"targets\":[\"@creator-one\",\"@creator-two\",\"@creator-three\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").stringValue();
    assertThat(created.json().path("timeZone").stringValue()).isEqualTo("Asia/Seoul");

    Thread.sleep(10_000);
    assertThat(
            http.post("/v1/schedules/" + id + "/pause", key, "")
                .json()
                .path("paused")
                .booleanValue())
        .isTrue();
    Thread.sleep(300); // a pass that took the schedule before the pause finishes
    List<Message> sent = stack.drain(stack.local.jobsQueueUrl(), Duration.ofSeconds(3));

    Map<Instant, Long> ticks = ticks(id);
    assertThat(ticks.size()).isGreaterThanOrEqualTo(3);
    assertThat(ticks.values()).allMatch(jobs -> jobs == 3);
    assertThat(stack.count("select count(*) from jobs where schedule_id = ?", id))
        .isEqualTo(3L * ticks.size());
    Map<String, Long> perTick =
        sent.stream()
            .map(m -> JobCodec.decode(m.body()))
            .collect(
                Collectors.groupingBy(
                    j -> j.jobId().substring(0, j.jobId().lastIndexOf('-')),
                    Collectors.counting()));
    assertThat(perTick).hasSize(ticks.size());
    assertThat(perTick.values()).allMatch(n -> n == 3);
    assertThat(sent.stream().map(m -> JobCodec.decode(m.body()).jobId()).distinct())
        .hasSize(sent.size());
    assertThat(sent.stream().map(m -> JobCodec.decode(m.body())).map(JobMessage::metadata))
        .allMatch(md -> md.get("source").equals("schedule"));
  }

  private Map<Instant, Long> ticks(String scheduleId) throws Exception {
    Map<Instant, Long> ticks = new HashMap<>();
    try (Connection c = stack.pg.getPostgresDatabase().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select tick_at, job_count from schedule_ticks where schedule_id = ?")) {
      s.setString(1, scheduleId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ticks.put(rs.getTimestamp(1).toInstant(), rs.getLong(2));
        }
      }
    }
    return ticks;
  }

  @Test
  void aTickMissedWhileEverythingWasDownFiresOnceOnRestart() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
    CollectorApi before = stack.startApi(Map.of(), clock);
    String key = key(before);
    String id =
        new TestHttp(before.localUrl())
            .post(
                "/v1/schedules",
                key,
                "{\"cron\":\"*/5 * * * *\","
                    + TEMPLATE
                    + ",\"targets\":[\"@creator-one\",\"@creator-two\"]}")
            .json()
            .path("id")
            .stringValue();
    stack.stopApis();

    clock.set(Instant.parse("2026-11-22T00:31:10Z")); // six ticks missed: 00:05 ... 00:30
    CollectorApi after = stack.startApi(Map.of(), clock);
    ApiTestStack.await(
        "the missed tick fired",
        Duration.ofSeconds(10),
        () -> stack.count("select count(*) from schedule_ticks where schedule_id = ?", id) > 0);
    List<Message> sent = stack.drain(stack.local.jobsQueueUrl(), Duration.ofSeconds(2));

    assertThat(ticks(id)).containsOnlyKeys(Instant.parse("2026-11-22T00:30:00Z"));
    long tickSecond = Instant.parse("2026-11-22T00:30:00Z").getEpochSecond();
    assertThat(sent)
        .extracting(m -> JobCodec.decode(m.body()).jobId())
        .containsExactlyInAnyOrder(id + "-" + tickSecond + "-0", id + "-" + tickSecond + "-1");
    JsonNode schedule = new TestHttp(after.localUrl()).get("/v1/schedules/" + id, key).json();
    assertThat(schedule.path("nextTickAt").stringValue()).isEqualTo("2026-11-22T00:35:00Z");
    assertThat(schedule.path("lastTickAt").stringValue()).isEqualTo("2026-11-22T00:30:00Z");
  }

  @Test
  void aScheduleIsCheckedAsItsJobsWouldBeAndCanBePausedResumedAndDeleted() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
    CollectorApi api = stack.startApi(Map.of(), clock);
    TestHttp http = new TestHttp(api.localUrl());
    String key = key(api);

    TestHttp.Reply bad =
        http.post(
            "/v1/schedules",
            key,
            "{\"cron\":\"61 * * * *\",\"timeZone\":\"Mars/Olympus\",\"job\":{\"platform\":\"youtube\",\"kind\":\"profile\",\"options\":{\"maxItems\":0}},"
                + "\"targets\":[\"@fine-channel\",\"https://www.instagram.com/someone/\"]}");
    assertThat(bad.status()).isEqualTo(422);
    List<String> pointers = new ArrayList<>();
    bad.json().path("errors").forEach(e -> pointers.add(e.path("pointer").stringValue()));
    assertThat(pointers).containsExactlyInAnyOrder("/cron", "/timeZone", "/job/options/maxItems");
    TestHttp.Reply otherSite =
        http.post(
            "/v1/schedules",
            key,
            "{\"cron\":\"0 6 * * *\","
                + TEMPLATE
                + ",\"targets\":[\"@fine-channel\",\"https://www.instagram.com/someone/\"]}");
    assertThat(otherSite.status()).isEqualTo(422);
    assertThat(otherSite.json().path("errors").get(0).path("pointer").stringValue())
        .isEqualTo("/targets/1");
    TestHttp.Reply noAccount =
        http.post(
            "/v1/schedules",
            key,
            "{\"cron\":\"0 6 * * *\",\"job\":{\"platform\":\"instagram\",\"kind\":\"profile\"},\"accounts\":[\"17841400000000009\"]}");
    assertThat(noAccount.status()).isEqualTo(422);
    assertThat(noAccount.json().path("errors").get(0).path("pointer").stringValue())
        .isEqualTo("/accounts/0");
    String reader = api.keys().create("reader", EnumSet.of(Scope.SCHEDULES_READ)).key();
    assertThat(http.post("/v1/schedules", reader, "{}").status()).isEqualTo(403);
    assertThat(stack.count("select count(*) from schedules")).isZero();

    TestHttp.Reply daily =
        http.post(
            "/v1/schedules",
            key,
            "{\"cron\":\"0 6 * * *\"," + TEMPLATE + ",\"targets\":[\"@creator-one\"]}");
    String id = daily.json().path("id").stringValue();
    assertThat(daily.json().path("nextTickAt").stringValue()).isEqualTo("2026-11-22T21:00:00Z");
    assertThat(
            http.post("/v1/schedules/" + id + "/pause", key, "")
                .json()
                .path("paused")
                .booleanValue())
        .isTrue();
    clock.set(Instant.parse("2026-11-25T03:00:00Z"));
    JsonNode resumed = http.post("/v1/schedules/" + id + "/resume", key, "").json();
    assertThat(resumed.path("paused").booleanValue()).isFalse();
    assertThat(resumed.path("nextTickAt").stringValue()).isEqualTo("2026-11-25T21:00:00Z");
    assertThat(http.get("/v1/schedules", reader).json().path("items").size()).isEqualTo(1);
    assertThat(http.delete("/v1/schedules/" + id, key).status()).isEqualTo(204);
    assertThat(http.get("/v1/schedules/" + id, reader).status()).isEqualTo(404);
    assertThat(stack.count("select count(*) from schedule_ticks")).isZero();
  }
}
