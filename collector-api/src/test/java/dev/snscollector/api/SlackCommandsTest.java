package dev.snscollector.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.snscollector.api.slack.SlackSignature;
import dev.snscollector.capture.PausedScopes;
import dev.snscollector.capture.S3Layout;
import dev.snscollector.contracts.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /slack/commands}: Slack's documented signing example, then the running API with a
 * signing secret and one allowed channel and user: signed commands are answered, unsigned, stale
 * and wrongly signed ones are refused with 401 and run nothing, a signed command from someone not
 * allowed is declined, and every request is in the audit table.
 */
class SlackCommandsTest {
  private static final String SECRET = "slack-signing-secret-for-the-test";

  @Test
  void slacksDocumentedExampleSignsAsSlackSays() {
    // api.slack.com/authentication/verifying-requests-from-slack: the example request and result.
    String body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com"
            + "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    SlackSignature slack = new SlackSignature("8f742231b10e8888abcd99yyyzzz85a5");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    assertThat(slack.sign("1531420618", bytes))
        .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    Instant then = Instant.ofEpochSecond(1531420618);
    assertThat(
            slack.refusal(
                "1531420618",
                "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
                bytes,
                then.plusSeconds(60)))
        .isEmpty();
    assertThat(
            slack.refusal(
                "1531420618",
                "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
                bytes,
                then.plusSeconds(301)))
        .hasValueSatisfying(r -> assertThat(r).contains("five minutes"));
    assertThat(slack.toString()).doesNotContain("8f742231");
  }

  @Test
  void signedCommandsAreAnsweredAndEverythingElseIsRefusedAndAudited() {
    try (ApiTestStack stack = ApiTestStack.start()) {
      stack.reset();
      CollectorApi api =
          stack.startApi(
              Map.of(
                  "SLACK_SIGNING_SECRET", SECRET,
                  "SLACK_ALLOWED_CHANNELS", "C0OPS",
                  "SLACK_ALLOWED_USERS", "U0ALICE,U0BOB"));
      TestHttp http = new TestHttp(api.localUrl());
      submitAndAwaitQueued(
          stack,
          api,
          "{\"jobId\":\"slack-1\",\"platform\":\"youtube\",\"kind\":\"profile\","
              + "\"target\":\"@hanbit.kitchen\"}");

      TestHttp.Reply status = command(http, "C0OPS", "U0ALICE", "status", Instant.now(), SECRET);
      assertThat(status.status()).as(status.body()).isEqualTo(200);
      JsonNode answer = status.json();
      assertThat(answer.path("response_type").stringValue()).isEqualTo("ephemeral");
      assertThat(answer.path("text").stringValue())
          .contains("*Jobs queue*: 1 waiting, 0 in flight")
          .contains("*Dead-letter queue*: 0 messages")
          .contains("*Jobs not finished*: 1 queued")
          .contains("no job finished");

      TestHttp.Reply job = command(http, "C0OPS", "U0BOB", "job slack-1", Instant.now(), SECRET);
      assertThat(job.json().path("text").stringValue()).startsWith("*slack-1*: queued, 0 attempts");

      // Refused: no signature, a replayed (stale) one, one made with another secret.
      TestHttp.Reply unsigned =
          http.post("/slack/commands", null, form("C0OPS", "U0ALICE", "status"));
      assertThat(unsigned.status()).isEqualTo(401);
      TestHttp.Reply stale =
          command(http, "C0OPS", "U0ALICE", "status", Instant.now().minusSeconds(600), SECRET);
      assertThat(stale.status()).isEqualTo(401);
      assertThat(stale.body()).contains("five minutes");
      TestHttp.Reply forged =
          command(http, "C0OPS", "U0ALICE", "status", Instant.now(), "someone-elses-secret");
      assertThat(forged.status()).isEqualTo(401);
      assertThat(forged.body()).contains("does not match");

      // Signed, but from a channel no one allowed.
      TestHttp.Reply elsewhere =
          command(http, "C0RANDOM", "U0ALICE", "status", Instant.now(), SECRET);
      assertThat(elsewhere.status()).isEqualTo(200);
      assertThat(elsewhere.json().path("text").stringValue()).contains("may not run");

      assertThat(stack.count("select count(*) from slack_commands where outcome = 'answered'"))
          .isEqualTo(2);
      assertThat(
              stack.count(
                  "select count(*) from slack_commands where outcome = 'bad_signature'"
                      + " and user_id is null and text is null"))
          .isEqualTo(3);
      assertThat(
              stack.count(
                  "select count(*) from slack_commands where outcome = 'not_allowed'"
                      + " and channel_id = 'C0RANDOM' and user_id = 'U0ALICE'"))
          .isEqualTo(1);
      assertThat(stack.count("select count(*) from slack_commands")).isEqualTo(6);
    }
  }

  @Test
  void pauseResumeReplayAndRedriveDoWhatTheySayAndAreAudited() throws Exception {
    // Slack's side of a response_url: WireMock takes the posts and keeps them.
    WireMockServer slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    slack.start();
    slack.stubFor(post(urlPathMatching("/actions/.*")).willReturn(aResponse().withStatus(200)));
    Supplier<List<String>> posted =
        () ->
            slack.findAll(postRequestedFor(urlPathMatching("/actions/.*"))).stream()
                .map(r -> r.getBodyAsString())
                .toList();
    String hooks = "http://127.0.0.1:" + slack.port() + "/actions/";
    try (ApiTestStack stack = ApiTestStack.start()) {
      stack.reset();
      CollectorApi api =
          stack.startApi(
              Map.of(
                  "SLACK_SIGNING_SECRET",
                  SECRET,
                  "SLACK_ALLOWED_CHANNELS",
                  "C0OPS",
                  "SLACK_ALLOWED_USERS",
                  "U0ALICE",
                  "SLACK_RESPONSE_URL_PREFIX",
                  hooks));
      TestHttp http = new TestHttp(api.localUrl());
      String bucket = stack.local.bucket();

      // pause / resume: the table and the object the workers poll change together.
      assertThat(
              text(command(http, "C0OPS", "U0ALICE", "pause tiktok.crawl", Instant.now(), SECRET)))
          .startsWith("Paused tiktok.crawl");
      assertThat(text(command(http, "C0OPS", "U0ALICE", "pause youtube", Instant.now(), SECRET)))
          .startsWith("Paused youtube");
      assertThat(pausedObject(stack, bucket).scopes())
          .containsExactlyInAnyOrder("tiktok.crawl", "youtube");
      assertThat(text(command(http, "C0OPS", "U0ALICE", "pause tiktok.fax", Instant.now(), SECRET)))
          .startsWith("not a scope: 'tiktok.fax'");
      assertThat(text(command(http, "C0OPS", "U0ALICE", "status", Instant.now(), SECRET)))
          .contains("*Paused*: tiktok.crawl (by <@U0ALICE>")
          .contains("PROMETHEUS_URL is not set");
      assertThat(text(command(http, "C0OPS", "U0ALICE", "resume youtube", Instant.now(), SECRET)))
          .isEqualTo("Resumed youtube.");
      assertThat(pausedObject(stack, bucket).scopes()).containsExactly("tiktok.crawl");
      assertThat(stack.count("select count(*) from paused_scopes")).isEqualTo(1);

      // replay: refused while the job runs; once it ended, the same job again under a new id.
      submitAndAwaitQueued(
          stack,
          api,
          "{\"jobId\":\"drifted-1\",\"platform\":\"tiktok\",\"kind\":\"profile\","
              + "\"target\":\"@seoul.bakery\",\"options\":{\"maxItems\":7}}");
      stack.drain(stack.local.jobsQueueUrl(), Duration.ofMillis(500));
      assertThat(text(command(http, "C0OPS", "U0ALICE", "replay drifted-1", Instant.now(), SECRET)))
          .contains("not finished");
      stack.execute(
          "update jobs set state = 'failed', outcome = 'structure_changed', finished_at = now()"
              + " where job_id = 'drifted-1'");
      assertThat(text(command(http, "C0OPS", "U0ALICE", "replay drifted-1", Instant.now(), SECRET)))
          .isEqualTo("Replaying drifted-1 (structure_changed) as job drifted-1.replay-1.");
      ApiTestStack.await(
          "the replay queued",
          Duration.ofSeconds(15),
          () ->
              stack.count(
                      "select count(*) from jobs where job_id = 'drifted-1.replay-1'"
                          + " and replay_of = 'drifted-1' and state = 'queued'")
                  == 1);
      List<Message> sent = stack.drain(stack.local.jobsQueueUrl(), Duration.ofMillis(500));
      assertThat(sent).hasSize(1);
      JsonNode replayed = Json.MAPPER.readTree(sent.getFirst().body());
      assertThat(replayed.path("jobId").stringValue()).isEqualTo("drifted-1.replay-1");
      assertThat(replayed.path("target").stringValue()).isEqualTo("@seoul.bakery");
      assertThat(replayed.path("options").path("maxItems").intValue()).isEqualTo(7);
      assertThat(
              text(
                  command(
                      http, "C0OPS", "U0ALICE", "job drifted-1.replay-1", Instant.now(), SECRET)))
          .contains("a replay of drifted-1");

      // redrive: the count and a confirm button, then the button's press moves the messages.
      String dlq = stack.local.deadLetterQueueUrl();
      for (int i = 0; i < 3; i++) {
        int n = i;
        stack.sqs.sendMessage(r -> r.queueUrl(dlq).messageBody("{\"broken\": " + n + "}"));
      }
      TestHttp.Reply question = command(http, "C0OPS", "U0ALICE", "redrive", Instant.now(), SECRET);
      JsonNode button = question.json().path("blocks").path(1).path("elements").path(0);
      assertThat(button.path("action_id").stringValue()).isEqualTo("redrive_confirm");
      assertThat(button.path("value").stringValue()).isEqualTo("3");
      assertThat(button.path("confirm").path("confirm").path("text").stringValue())
          .isEqualTo("Redrive");
      assertThat(button.path("confirm").path("text").path("type").stringValue())
          .isEqualTo("plain_text");
      assertThat(
              stack.count("select count(*) from slack_commands where detail = 'redrive asked: 3'"))
          .isEqualTo(1);

      // A press from someone not allowed moves nothing; they are told on response_url.
      assertThat(press(http, "U0MALLORY", hooks + "T0/1/x", SECRET).status()).isEqualTo(200);
      ApiTestStack.await("the refusal", Duration.ofSeconds(10), () -> !posted.get().isEmpty());
      assertThat(Json.MAPPER.readTree(posted.get().getFirst()).path("text").stringValue())
          .contains("may not run");
      // A press whose response_url is not Slack's moves nothing either, however it is dressed.
      String port = Integer.toString(slack.port());
      for (String foreign :
          List.of(
              "https://evil.example/actions/x",
              "http://127.0.0.1:" + port + "/elsewhere/x",
              "http://127.0.0.1:" + port + "@evil.example/actions/x",
              "http://127.0.0.10:" + port + "/actions/x")) {
        assertThat(press(http, "U0ALICE", foreign, SECRET).status()).as(foreign).isEqualTo(400);
      }
      assertThat(stack.sqs.listMessageMoveTasks(r -> r.sourceArn(dlqArn(stack))).results())
          .as("no move task started")
          .isEmpty();
      assertThat(approximate(stack, dlq)).isEqualTo(3);

      TestHttp.Reply pressed = press(http, "U0ALICE", hooks + "T0/1/x", SECRET);
      assertThat(pressed.status()).isEqualTo(200);
      ApiTestStack.await(
          "the redrive's report", Duration.ofSeconds(30), () -> posted.get().size() == 2);
      JsonNode report =
          Json.MAPPER.readTree(
              posted.get().stream()
                  .filter(p -> p.contains("Redrive by"))
                  .findFirst()
                  .orElseThrow());
      assertThat(report.path("text").stringValue())
          .isEqualTo(
              "Redrive by <@U0ALICE> done: moved 3 messages from `"
                  + dlq.substring(dlq.lastIndexOf('/') + 1)
                  + "` back to the jobs queue.");
      assertThat(approximate(stack, dlq)).isZero();
      assertThat(stack.drain(stack.local.jobsQueueUrl(), Duration.ofMillis(500)))
          .extracting(Message::body)
          .containsExactlyInAnyOrder("{\"broken\": 0}", "{\"broken\": 1}", "{\"broken\": 2}");
      ApiTestStack.await(
          "the audit's count",
          Duration.ofSeconds(5),
          () ->
              stack.count(
                      "select count(*) from slack_commands where detail = 'redrive completed: 3'")
                  == 1);
      assertThat(stack.count("select count(*) from slack_commands where outcome = 'not_allowed'"))
          .isEqualTo(1);
      assertThat(
              stack.count("select count(*) from slack_commands where outcome = 'bad_response_url'"))
          .isEqualTo(4);
    } finally {
      slack.stop();
    }
  }

  /** Submits one job through the API and waits until the outbox has put it on the queue. */
  private static void submitAndAwaitQueued(ApiTestStack stack, CollectorApi api, String job) {
    String key =
        api.keys()
            .create("platform", java.util.EnumSet.of(dev.snscollector.api.http.Scope.JOBS_WRITE))
            .key();
    TestHttp.Reply accepted = new TestHttp(api.localUrl()).post("/v1/jobs", key, job);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    ApiTestStack.await(
        "queued",
        Duration.ofSeconds(15),
        () -> stack.count("select count(*) from jobs where state = 'queued'") == 1);
  }

  private static String text(TestHttp.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("text").stringValue();
  }

  private static PausedScopes pausedObject(ApiTestStack stack, String bucket) {
    return PausedScopes.decode(
        stack
            .s3
            .getObjectAsBytes(r -> r.bucket(bucket).key(S3Layout.pausedScopesKey()))
            .asByteArray());
  }

  private static String dlqArn(ApiTestStack stack) {
    return stack
        .sqs
        .getQueueAttributes(
            r ->
                r.queueUrl(stack.local.deadLetterQueueUrl())
                    .attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  private static long approximate(ApiTestStack stack, String queueUrl) {
    return Long.parseLong(
        stack
            .sqs
            .getQueueAttributes(
                r ->
                    r.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
            .attributes()
            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
  }

  /** Slack's block_actions payload for a press of the redrive button, signed. */
  private static TestHttp.Reply press(
      TestHttp http, String user, String responseUrl, String secret) {
    var payload = Json.MAPPER.createObjectNode();
    payload.put("type", "block_actions");
    payload.putObject("user").put("id", user);
    payload.putObject("team").put("id", "T0TEAM");
    payload.putObject("channel").put("id", "C0OPS");
    payload.put("response_url", responseUrl);
    payload.putArray("actions").addObject().put("action_id", "redrive_confirm").put("value", "3");
    byte[] body =
        ("payload=" + java.net.URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    return http.post(
        "/slack/interactions",
        null,
        body,
        "X-Slack-Request-Timestamp",
        timestamp,
        "X-Slack-Signature",
        new SlackSignature(secret).sign(timestamp, body));
  }

  private static String form(String channel, String user, String text) {
    return "token=unused&team_id=T0TEAM&channel_id="
        + channel
        + "&user_id="
        + user
        + "&command=%2Fcollector&text="
        + java.net.URLEncoder.encode(text, StandardCharsets.UTF_8)
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0TEAM%2F1%2Fx";
  }

  private static TestHttp.Reply command(
      TestHttp http, String channel, String user, String text, Instant at, String secret) {
    byte[] body = form(channel, user, text).getBytes(StandardCharsets.UTF_8);
    String timestamp = Long.toString(at.getEpochSecond());
    return http.post(
        "/slack/commands",
        null,
        body,
        "X-Slack-Request-Timestamp",
        timestamp,
        "X-Slack-Signature",
        new SlackSignature(secret).sign(timestamp, body));
  }
}
