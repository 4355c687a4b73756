package dev.snscollector.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.api.slack.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
      String key =
          api.keys()
              .create("platform", java.util.EnumSet.of(dev.snscollector.api.http.Scope.JOBS_WRITE))
              .key();
      assertThat(
              http.post(
                      "/v1/jobs",
                      key,
                      "{\"jobId\":\"slack-1\",\"platform\":\"youtube\",\"kind\":\"profile\","
                          + "\"target\":\"@hanbit.kitchen\"}")
                  .status())
          .isEqualTo(202);
      ApiTestStack.await(
          "queued",
          java.time.Duration.ofSeconds(15),
          () -> stack.count("select count(*) from jobs where state = 'queued'") == 1);

      TestHttp.Reply status = command(http, "C0OPS", "U0ALICE", "status", Instant.now(), SECRET);
      assertThat(status.status()).as(status.body()).isEqualTo(200);
      JsonNode answer = status.json();
      assertThat(answer.path("response_type").stringValue()).isEqualTo("ephemeral");
      assertThat(answer.path("text").stringValue())
          .contains("*Jobs queue*: 1 waiting, 0 in flight")
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
