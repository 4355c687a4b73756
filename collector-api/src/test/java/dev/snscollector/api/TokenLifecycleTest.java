package dev.snscollector.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.snscollector.api.http.Scope;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.contracts.Route;
import dev.snscollector.contracts.tokens.KeyRing;
import dev.snscollector.contracts.tokens.TokenSealer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * YouTube and TikTok access tokens renewed with the creators' refresh tokens, against WireMock
 * playing Google's and TikTok's token endpoints with their documented requests, answers and errors:
 * a token about to expire is renewed (TikTok's refresh token rotated and kept), a revoked refresh
 * token leaves the account {@code needs_reauth} with one webhook, and nothing tries it again.
 */
class TokenLifecycleTest {
  private static final TokenSealer SEALER =
      new TokenSealer(
          KeyRing.fromEnvironment(Map.of("TOKEN_KEYS", ApiTestStack.TOKEN_KEYS)).orElseThrow());

  @Test
  void shortLivedTokensAreRenewedAndARevokedRefreshTokenNeedsReauthOnce() throws Exception {
    WireMockServer wm = new WireMockServer(options().dynamicPort());
    wm.start();
    try (ApiTestStack stack = ApiTestStack.start()) {
      wm.stubFor(
          post(urlPathEqualTo("/google/token"))
              .withRequestBody(containing("refresh_token=1%2F%2Fyt-good"))
              .willReturn(
                  json(
                      200,
                      "{\"access_token\":\"ya29.renewed-by-google\",\"expires_in\":3599,"
                          + "\"scope\":\"https://www.googleapis.com/auth/youtube.readonly\","
                          + "\"token_type\":\"Bearer\"}")));
      wm.stubFor(
          post(urlPathEqualTo("/google/token"))
              .withRequestBody(containing("refresh_token=1%2F%2Fyt-revoked"))
              .willReturn(
                  json(
                      400,
                      "{\"error\":\"invalid_grant\","
                          + "\"error_description\":\"Token has been expired or revoked.\"}")));
      wm.stubFor(
          post(urlPathEqualTo("/tiktok/v2/oauth/token/"))
              .withRequestBody(containing("refresh_token=rft.good"))
              .willReturn(
                  json(
                      200,
                      "{\"access_token\":\"act.renewed-by-tiktok\",\"expires_in\":86400,"
                          + "\"open_id\":\"open-good\",\"refresh_expires_in\":31536000,"
                          + "\"refresh_token\":\"rft.rotated\",\"scope\":\"user.info.basic\","
                          + "\"token_type\":\"Bearer\"}")));
      wm.stubFor(
          post(urlPathEqualTo("/tiktok/v2/oauth/token/"))
              .withRequestBody(containing("refresh_token=rft.revoked"))
              .willReturn(
                  json(
                      200,
                      "{\"error\":\"invalid_grant\","
                          + "\"error_description\":\"Refresh token is invalid or expired.\","
                          + "\"log_id\":\"20261203000000000000\"}")));
      wm.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));

      CollectorApi api = startApi(stack, wm);
      TestHttp http = new TestHttp(api.localUrl());
      String key =
          api.keys()
              .create("platform", EnumSet.of(Scope.ACCOUNTS_WRITE, Scope.ACCOUNTS_READ))
              .key();
      Instant soon = Instant.now().plus(5, ChronoUnit.MINUTES);
      put(http, key, "youtube/UCgood", "ya29.about-to-expire", soon, "1//yt-good");
      put(http, key, "youtube/UCrevoked", "ya29.revoked-creator", soon, "1//yt-revoked");
      put(http, key, "tiktok/open-good", "act.about-to-expire", soon, "rft.good");
      put(http, key, "tiktok/open-revoked", "act.revoked-creator", soon, "rft.revoked");
      put(
          http,
          key,
          "youtube/UClater",
          "ya29.fresh",
          Instant.now().plus(50, ChronoUnit.MINUTES),
          "1//yt-later");

      ApiTestStack.await(
          "all four settled",
          Duration.ofSeconds(30),
          () ->
              status(http, key, "youtube/UCrevoked").equals("needs_reauth")
                  && status(http, key, "tiktok/open-revoked").equals("needs_reauth")
                  && !account(http, key, "youtube/UCgood").path("refreshedAt").isNull()
                  && !account(http, key, "tiktok/open-good").path("refreshedAt").isNull());

      JsonNode youtube = account(http, key, "youtube/UCgood");
      assertThat(youtube.path("status").stringValue()).isEqualTo("valid");
      assertThat(Instant.parse(youtube.path("expiresAt").stringValue()))
          .isAfter(Instant.now().plus(55, ChronoUnit.MINUTES));
      assertThat(opened(stack, "youtube", "UCgood", "sealed_token"))
          .isEqualTo("ya29.renewed-by-google");
      assertThat(opened(stack, "youtube", "UCgood", "sealed_refresh_token"))
          .as("Google did not rotate it: the same refresh token is kept")
          .isEqualTo("1//yt-good");
      assertThat(opened(stack, "tiktok", "open-good", "sealed_token"))
          .isEqualTo("act.renewed-by-tiktok");
      assertThat(opened(stack, "tiktok", "open-good", "sealed_refresh_token"))
          .as("TikTok rotated it: the new one is kept")
          .isEqualTo("rft.rotated");
      assertThat(
              stack.count(
                  "select count(*) from accounts where account_id = 'open-good'"
                      + " and refresh_expires_at > now() + interval '364 days'"))
          .isEqualTo(1);

      JsonNode revoked = account(http, key, "youtube/UCrevoked");
      assertThat(revoked.path("statusReason").stringValue())
          .contains("Google refused the refresh token (invalid_grant)");
      assertThat(
              stack.count(
                  "select count(*) from accounts where status = 'needs_reauth'"
                      + " and sealed_refresh_token is null"))
          .as("a refused refresh token is not kept")
          .isEqualTo(2);

      // The requests as the providers document them.
      List<LoggedRequest> google = wm.findAll(postRequestedFor(urlPathEqualTo("/google/token")));
      assertThat(google).hasSize(2);
      assertThat(google)
          .allSatisfy(
              r -> {
                assertThat(r.getHeader("Content-Type"))
                    .startsWith("application/x-www-form-urlencoded");
                assertThat(r.getBodyAsString())
                    .contains("grant_type=refresh_token")
                    .contains("client_id=1234-app.apps.googleusercontent.com")
                    .contains("client_secret=GOCSPX-app-secret");
              });
      assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/tiktok/v2/oauth/token/"))))
          .hasSize(2)
          .allSatisfy(
              r ->
                  assertThat(r.getBodyAsString())
                      .contains("client_key=awtiktokclientkey")
                      .contains("grant_type=refresh_token"));

      // One webhook per creator who must reconnect, without any token in it.
      ApiTestStack.await(
          "needs_reauth webhooks", Duration.ofSeconds(15), () -> needsReauthHooks(wm).size() == 2);
      assertThat(needsReauthHooks(wm))
          .extracting(LoggedRequest::getBodyAsString)
          .allSatisfy(
              body ->
                  assertThat(body)
                      .contains("\"status\":\"needs_reauth\"")
                      .doesNotContain("yt-revoked")
                      .doesNotContain("rft.")
                      .doesNotContain("ya29."));

      // Never a loop: more passes of the refresher call nobody again, and the token not yet due
      // was never sent.
      Thread.sleep(3_000);
      assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/google/token")))).hasSize(2);
      assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/tiktok/v2/oauth/token/"))))
          .hasSize(2);
      assertThat(needsReauthHooks(wm)).hasSize(2);

      // A refresh token is only for the platforms that renew with one.
      assertThat(
              http.put(
                      "/v1/accounts/instagram/17841400000000009/token",
                      key,
                      "{\"token\":\"IGQ-x\",\"refreshToken\":\"r\"}")
                  .status())
          .isEqualTo(422);
    } finally {
      wm.stop();
    }
  }

  @Test
  void aTokenAJobFoundInvalidIsRenewedOnceAndFoundInvalidAgainItIsInvalid() throws Exception {
    WireMockServer wm = new WireMockServer(options().dynamicPort());
    wm.start();
    try (ApiTestStack stack = ApiTestStack.start()) {
      wm.stubFor(
          post(urlPathEqualTo("/google/token"))
              .willReturn(
                  json(
                      200,
                      "{\"access_token\":\"ya29.renewed-after-401\",\"expires_in\":3599,"
                          + "\"token_type\":\"Bearer\"}")));
      wm.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));
      CollectorApi api = startApi(stack, wm);
      TestHttp http = new TestHttp(api.localUrl());
      String key =
          api.keys()
              .create(
                  "platform",
                  EnumSet.of(
                      Scope.ACCOUNTS_WRITE, Scope.ACCOUNTS_READ, Scope.JOBS_WRITE, Scope.JOBS_READ))
              .key();
      put(
          http,
          key,
          "youtube/UCrenewedonce0000000000a",
          "ya29.refused-by-youtube",
          Instant.now().plus(50, ChronoUnit.MINUTES),
          "1//yt-once");

      // A job with the token comes back token_invalid (the creator changed their password, say):
      // the token is renewed at once, and the account stays valid.
      jobFoundTokenInvalid(stack, http, key, "once-1");
      ApiTestStack.await(
          "renewed after the job's 401",
          Duration.ofSeconds(20),
          () ->
              !account(http, key, "youtube/UCrenewedonce0000000000a").path("refreshedAt").isNull());
      assertThat(status(http, key, "youtube/UCrenewedonce0000000000a")).isEqualTo("valid");
      assertThat(opened(stack, "youtube", "UCrenewedonce0000000000a", "sealed_token"))
          .isEqualTo("ya29.renewed-after-401");
      assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/google/token")))).hasSize(1);

      // The renewed token refused too, within minutes: invalid, the platform told, no renewal.
      jobFoundTokenInvalid(stack, http, key, "once-2");
      ApiTestStack.await(
          "invalid",
          Duration.ofSeconds(20),
          () -> status(http, key, "youtube/UCrenewedonce0000000000a").equals("invalid"));
      Thread.sleep(2_000);
      assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/google/token"))))
          .as("renewed once, never in a loop")
          .hasSize(1);
      assertThat(
              stack.count(
                  "select count(*) from webhook_deliveries where event = 'token.invalidated'"))
          .isEqualTo(1);
    } finally {
      wm.stop();
    }
  }

  /** An API whose token endpoints and webhook receiver are {@code wm}, renewing every second. */
  private static CollectorApi startApi(ApiTestStack stack, WireMockServer wm) {
    stack.reset();
    return stack.startApi(
        Map.of(
            "GOOGLE_OAUTH_TOKEN_URL", wm.baseUrl() + "/google/token",
            "GOOGLE_OAUTH_CLIENT_ID", "1234-app.apps.googleusercontent.com",
            "GOOGLE_OAUTH_CLIENT_SECRET", "GOCSPX-app-secret",
            "TIKTOK_OAUTH_TOKEN_URL", wm.baseUrl() + "/tiktok/v2/oauth/token/",
            "TIKTOK_CLIENT_KEY", "awtiktokclientkey",
            "TIKTOK_CLIENT_SECRET", "tiktok-app-secret",
            "TOKEN_REFRESH_POLL_SECONDS", "1",
            "WEBHOOK_URL", wm.baseUrl() + "/hooks",
            "WEBHOOK_SECRET", "s3cret"));
  }

  /** A job sent with the creator's token, and its worker's report that the API refused it. */
  private static void jobFoundTokenInvalid(
      ApiTestStack stack, TestHttp http, String key, String id) {
    assertThat(
            http.post(
                    "/v1/jobs",
                    key,
                    "{\"jobId\":\""
                        + id
                        + "\",\"platform\":\"youtube\",\"kind\":\"profile\","
                        + "\"target\":\"UCrenewedonce0000000000a\",\"account\":{\"accountId\":\"UCrenewedonce0000000000a\"}}")
                .status())
        .isEqualTo(202);
    ApiTestStack.await(
        "job queued",
        Duration.ofSeconds(10),
        () -> http.get("/v1/jobs/" + id, key).json().path("state").stringValue().equals("queued"));
    ResultEvents.publish(
        stack,
        ResultEvents.event(
            id,
            Platform.YOUTUBE,
            Outcome.OK,
            1,
            Instant.now(),
            List.of(
                new ResultEvent.RouteAttempt(
                    Route.API, Outcome.TOKEN_INVALID, "HTTP 401", 1, 40, null),
                new ResultEvent.RouteAttempt(Route.CRAWL, Outcome.OK, null, 1, 300, null)),
            ResultEvent.Locations.NONE,
            1));
    ApiTestStack.await(
        "job done",
        Duration.ofSeconds(15),
        () ->
            http.get("/v1/jobs/" + id, key).json().path("state").stringValue().equals("succeeded"));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body);
  }

  private static void put(
      TestHttp http, String key, String account, String token, Instant expires, String refresh) {
    TestHttp.Reply r =
        http.put(
            "/v1/accounts/" + account + "/token",
            key,
            "{\"token\":\""
                + token
                + "\",\"expiresAt\":\""
                + expires
                + "\",\"refreshToken\":\""
                + refresh
                + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).doesNotContain(token).doesNotContain(refresh);
  }

  private static JsonNode account(TestHttp http, String key, String account) {
    return http.get("/v1/accounts/" + account, key).json();
  }

  private static String status(TestHttp http, String key, String account) {
    return account(http, key, account).path("status").stringValue();
  }

  private static List<LoggedRequest> needsReauthHooks(WireMockServer wm) {
    return wm.findAll(
        postRequestedFor(urlPathEqualTo("/hooks"))
            .withHeader("X-Collector-Event", equalTo("account.needs_reauth")));
  }

  private static String opened(ApiTestStack stack, String platform, String account, String column)
      throws Exception {
    try (Connection c = stack.pg.getPostgresDatabase().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select " + column + " from accounts where platform = ? and account_id = ?")) {
      s.setString(1, platform);
      s.setString(2, account);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return SEALER.open(rs.getString(1), Platform.fromWireName(platform).orElseThrow(), account);
      }
    }
  }
}
