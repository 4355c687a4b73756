package dev.snscollector.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.snscollector.api.http.Scope;
import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.tokens.KeyRing;
import dev.snscollector.contracts.tokens.TokenSealer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

class AccountsApiTest {
  private static final TokenSealer SEALER =
      new TokenSealer(
          KeyRing.fromEnvironment(Map.of("TOKEN_KEYS", ApiTestStack.TOKEN_KEYS)).orElseThrow());

  private static ApiTestStack stack;
  private static RecordingHttpServer graph;
  private static RecordingHttpServer platform;
  private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<String> replies = new ArrayList<>();
  private TestHttp http;
  private String key;

  @BeforeAll
  static void start() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ((Logger) LoggerFactory.getLogger("dev.snscollector")).setLevel(Level.ALL);
    logs.start();
    root.addAppender(logs);
    stack = ApiTestStack.start();
    graph =
        new RecordingHttpServer(
            r ->
                r.uri().getRawQuery().contains("access_token=IGQ-refused")
                    ? new RecordingHttpServer.Answer(
                        400,
                        "{\"error\":{\"message\":\"Error validating access token\","
                            + "\"type\":\"OAuthException\",\"code\":190}}")
                    : new RecordingHttpServer.Answer(
                        200,
                        "{\"access_token\":\"IGQ-refreshed-token\",\"token_type\":\"bearer\","
                            + "\"expires_in\":5184000}"));
    platform = new RecordingHttpServer(r -> new RecordingHttpServer.Answer(200, ""));
  }

  @AfterAll
  static void stop() {
    graph.close();
    platform.close();
    stack.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  @AfterEach
  void stopApi() {
    stack.stopApis();
  }

  private void startApi() {
    stack.reset();
    CollectorApi api =
        stack.startApi(
            Map.of(
                "INSTAGRAM_GRAPH_BASE_URL",
                graph.url("/graph").toString(),
                "TOKEN_REFRESH_POLL_SECONDS",
                "1",
                "WEBHOOK_URL",
                platform.url("/hooks").toString(),
                "WEBHOOK_SECRET",
                "s3cret"));
    http = new TestHttp(api.localUrl());
    key =
        api.keys()
            .create(
                "platform", EnumSet.of(Scope.ACCOUNTS_WRITE, Scope.ACCOUNTS_READ, Scope.JOBS_WRITE))
            .key();
  }

  private TestHttp.Reply put(String path, String body) {
    TestHttp.Reply r = http.put(path, key, body);
    replies.add(r.body());
    return r;
  }

  private TestHttp.Reply get(String path) {
    TestHttp.Reply r = http.get(path, key);
    replies.add(r.body());
    return r;
  }

  private String storedSealedToken(String platform, String account) throws Exception {
    try (Connection c = stack.pg.getPostgresDatabase().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select sealed_token from accounts where platform = ? and account_id = ?")) {
      s.setString(1, platform);
      s.setString(2, account);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /** No reply body and no log line ever carries a token in the clear. */
  private void assertNeverShown(String... tokens) {
    for (String token : tokens) {
      assertThat(replies).noneMatch(body -> body.contains(token));
      for (ILoggingEvent e : logs.list) {
        assertThat(e.getFormattedMessage()).doesNotContain(token);
        if (e.getThrowableProxy() != null) {
          assertThat(ThrowableProxyUtil.asString(e.getThrowableProxy())).doesNotContain(token);
        }
      }
    }
  }

  @Test
  void aTokenIsStoredSealedShownAsAStatusAndDeleted() throws Exception {
    startApi();
    String token = "EAAG-secret-token-never-shown";
    Instant expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    TestHttp.Reply stored =
        put(
            "/v1/accounts/youtube/UCaaaaaaaaaaaaaaaaaaaaaa/token",
            "{\"token\":\"" + token + "\",\"expiresAt\":\"" + expires + "\"}");

    assertThat(stored.status()).as(stored.body()).isEqualTo(200);
    JsonNode view = stored.json();
    assertThat(view.path("status").stringValue()).isEqualTo("valid");
    assertThat(view.path("expiresAt").stringValue()).isEqualTo(expires.toString());
    String sealed = storedSealedToken("youtube", "UCaaaaaaaaaaaaaaaaaaaaaa");
    assertThat(sealed).startsWith("v1.test1.").doesNotContain(token);
    assertThat(SEALER.open(sealed, Platform.YOUTUBE, "UCaaaaaaaaaaaaaaaaaaaaaa")).isEqualTo(token);

    put(
        "/v1/accounts/youtube/UCbbbbbbbbbbbbbbbbbbbbbb/token",
        "{\"token\":\""
            + token
            + "-2\",\"expiresAt\":\""
            + Instant.now().plus(2, ChronoUnit.DAYS)
            + "\"}");
    assertThat(
            get("/v1/accounts/youtube/UCbbbbbbbbbbbbbbbbbbbbbb")
                .json()
                .path("status")
                .stringValue())
        .isEqualTo("expiring");

    assertThat(http.delete("/v1/accounts/youtube/UCaaaaaaaaaaaaaaaaaaaaaa", key).status())
        .isEqualTo(204);
    assertThat(get("/v1/accounts/youtube/UCaaaaaaaaaaaaaaaaaaaaaa").status()).isEqualTo(404);
    assertThat(get("/v1/accounts/friendster/someone").status()).isEqualTo(404);
    assertNeverShown(token);
  }

  @Test
  void badTokenRequestsAreProblemsThatNeverQuoteTheToken() {
    startApi();
    TestHttp.Reply malformed =
        put("/v1/accounts/youtube/UCaaaaaaaaaaaaaaaaaaaaaa/token", "{\"token\": EAAG-leak-1}");
    TestHttp.Reply unknown =
        put(
            "/v1/accounts/youtube/UCaaaaaaaaaaaaaaaaaaaaaa/token",
            "{\"token\":\"EAAG-leak-2\",\"refresh\":\"EAAG-leak-3\"}");
    TestHttp.Reply badExpiry =
        put(
            "/v1/accounts/youtube/UCaaaaaaaaaaaaaaaaaaaaaa/token",
            "{\"token\":\"EAAG-leak-4\",\"expiresAt\":\"soon\"}");

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().path("errors").get(0).path("pointer").stringValue())
        .isEqualTo("/refresh");
    assertThat(badExpiry.status()).isEqualTo(422);
    assertThat(
            http.put(
                    "/v1/accounts/youtube/UCaaaaaaaaaaaaaaaaaaaaaa/token",
                    null,
                    "{\"token\":\"x\"}")
                .status())
        .isEqualTo(401);
    assertThat(stack.count("select count(*) from accounts")).isZero();
    assertNeverShown("EAAG-leak-1", "EAAG-leak-2", "EAAG-leak-3", "EAAG-leak-4");
  }

  @Test
  void aJobNamingAnAccountLeavesWithItsSealedToken() {
    startApi();
    String account = "UCcccccccccccccccccccccc";
    put("/v1/accounts/youtube/" + account + "/token", "{\"token\":\"ya29.oauth-token-for-jobs\"}");
    TestHttp.Reply accepted =
        http.post(
            "/v1/jobs",
            key,
            "{\"jobId\":\"acc-1\",\"platform\":\"youtube\",\"kind\":\"posts\",\"target\":\""
                + account
                + "\",\"account\":{\"accountId\":\""
                + account
                + "\"}}");
    replies.add(accepted.body());
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    assertThat(accepted.json().path("accountId").stringValue()).isEqualTo(account);

    List<Message> sent = stack.drain(stack.local.jobsQueueUrl(), Duration.ofSeconds(2));
    assertThat(sent).hasSize(1);
    JobMessage job = JobCodec.decode(sent.getFirst().body());
    assertThat(job.account()).isNotNull();
    assertThat(job.account().accountId()).isEqualTo(account);
    assertThat(SEALER.open(job.account().sealedToken(), Platform.YOUTUBE, account))
        .isEqualTo("ya29.oauth-token-for-jobs");
    assertNeverShown("ya29.oauth-token-for-jobs");
  }

  @Test
  void instagramTokensAreRefreshedBeforeTheyExpireAndARefusedOneBecomesInvalid() throws Exception {
    startApi();
    Instant soon = Instant.now().plus(5, ChronoUnit.DAYS);
    put(
        "/v1/accounts/instagram/17841400000000002/token",
        "{\"token\":\"IGQ-original-token\",\"expiresAt\":\"" + soon + "\"}");
    put(
        "/v1/accounts/instagram/17841400000000003/token",
        "{\"token\":\"IGQ-refused-token\",\"expiresAt\":\"" + soon + "\"}");
    put(
        "/v1/accounts/instagram/17841400000000004/token",
        "{\"token\":\"IGQ-fresh-token\",\"expiresAt\":\""
            + Instant.now().plus(50, ChronoUnit.DAYS)
            + "\"}");

    ApiTestStack.await(
        "refreshed",
        Duration.ofSeconds(20),
        () -> !get("/v1/accounts/instagram/17841400000000002").json().path("refreshedAt").isNull());
    ApiTestStack.await(
        "refused",
        Duration.ofSeconds(20),
        () ->
            get("/v1/accounts/instagram/17841400000000003")
                .json()
                .path("status")
                .stringValue()
                .equals("invalid"));

    JsonNode refreshed = get("/v1/accounts/instagram/17841400000000002").json();
    assertThat(refreshed.path("status").stringValue()).isEqualTo("valid");
    assertThat(Instant.parse(refreshed.path("expiresAt").stringValue()))
        .isAfter(Instant.now().plus(59, ChronoUnit.DAYS));
    assertThat(
            SEALER.open(
                storedSealedToken("instagram", "17841400000000002"),
                Platform.INSTAGRAM,
                "17841400000000002"))
        .isEqualTo("IGQ-refreshed-token");
    assertThat(graph.requests())
        .filteredOn(r -> r.uri().getRawQuery().contains("IGQ-original-token"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.method()).isEqualTo("GET");
              assertThat(r.uri().getPath()).isEqualTo("/graph/refresh_access_token");
              assertThat(r.uri().getRawQuery())
                  .isEqualTo("grant_type=ig_refresh_token&access_token=IGQ-original-token");
            });
    assertThat(graph.requests()).noneMatch(r -> r.uri().getRawQuery().contains("IGQ-fresh-token"));
    ApiTestStack.await(
        "token.invalidated delivered",
        Duration.ofSeconds(10),
        () ->
            platform.requests().stream()
                .anyMatch(r -> r.header("X-Collector-Event").equals("token.invalidated")));
    assertThat(platform.requests())
        .filteredOn(r -> r.header("X-Collector-Event").equals("token.invalidated"))
        .singleElement()
        .satisfies(r -> assertThat(r.body()).contains("17841400000000003").doesNotContain("IGQ-"));
    assertNeverShown(
        "IGQ-original-token", "IGQ-refused-token", "IGQ-refreshed-token", "IGQ-fresh-token");
  }
}
