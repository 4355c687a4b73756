package dev.snscollector.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.contracts.Route;
import dev.snscollector.contracts.tokens.KeyRing;
import dev.snscollector.contracts.tokens.TokenSealer;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.fixtures.FixtureTargets;
import dev.snscollector.worker.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Platform states that change while a worker runs, played by WireMock scenarios in front of the
 * fixture origin: a creator's token revoked between two calls of one job, and the YouTube Data API
 * quota spent and then reset at midnight Pacific time. WireMock's request journal says which calls
 * the worker made, and with which credential.
 */
class PlatformScenarioTest {
  private static final String TOKEN = "ya29.scenario-creator-token";
  private static final String BEARER = "Bearer " + TOKEN;
  private static final String API = "/www.googleapis.com/youtube/v3/";

  private WireMockServer wm;

  @BeforeEach
  void startWireMock() {
    wm = new WireMockServer(options().dynamicPort().containerThreads(32));
    wm.start();
  }

  @AfterEach
  void stopWireMock() {
    wm.stop();
  }

  @Test
  void aTokenRevokedMidJobEndsTheApiRouteAsTokenInvalidForThatCreatorOnly() {
    byte[] key = new byte[32];
    key[0] = 7;
    String keys = "k1:" + Base64.getEncoder().encodeToString(key);
    TokenSealer sealer =
        new TokenSealer(KeyRing.fromEnvironment(Map.of("TOKEN_KEYS", keys)).orElseThrow());
    try (WorkerTestStack stack = WorkerTestStack.start(Duration.ofSeconds(30), 5, b -> {})) {
      String origin = stack.origin.baseUrl();
      // The creator's first call goes through and revokes the token (the creator disconnected
      // the app): every later call with it is refused, whoever makes it.
      wm.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(origin)));
      wm.stubFor(
          any(urlPathMatching(API + "channels"))
              .atPriority(1)
              .withHeader("Authorization", equalTo(BEARER))
              .inScenario("token")
              .whenScenarioStateIs(STARTED)
              .willReturn(aResponse().proxiedFrom(origin))
              .willSetStateTo("revoked"));
      wm.stubFor(
          any(anyUrl())
              .atPriority(1)
              .withHeader("Authorization", equalTo(BEARER))
              .inScenario("token")
              .whenScenarioStateIs("revoked")
              .willReturn(
                  googleError(
                      401, "authError", "Request had invalid authentication credentials.")));
      Map<String, String> env = stack.workerEnvironmentBehind(wm.baseUrl());
      env.put("TOKEN_KEYS", keys);
      WorkerRuntime worker = stack.startWorker(env);
      String channel = FixtureTargets.youtubeChannels(WorkerTestStack.fixturesDir()).getFirst();
      String sealed = sealer.seal(TOKEN, Platform.YOUTUBE, channel);

      // Posts: channels.list (the last call the token is good for), then playlistItems.list.
      stack.send(JobCodec.encode(withAccount("revoked-mid-job", JobKind.POSTS, channel, sealed)));
      ResultEvent midJob = one(stack);
      assertThat(midJob.routes().getFirst().route()).isEqualTo(Route.API);
      assertThat(midJob.routes().getFirst().outcome()).isEqualTo(Outcome.TOKEN_INVALID);
      assertThat(midJob.toString()).doesNotContain(TOKEN);
      assertThat(bearerCalls())
          .as("the refused call was not retried with the same token")
          .containsExactly(API + "channels", API + "playlistItems");

      // The next job with that token: one refused call, then the route moves on.
      stack.send(JobCodec.encode(withAccount("revoked-next", JobKind.PROFILE, channel, sealed)));
      ResultEvent next = one(stack);
      assertThat(next.routes().getFirst().outcome()).isEqualTo(Outcome.TOKEN_INVALID);
      assertThat(bearerCalls()).hasSize(3);

      // Another job on the app's key is not touched by one creator's revocation.
      stack.send(
          JobCodec.encode(JobMessage.of("app-key", Platform.YOUTUBE, JobKind.PROFILE, channel)));
      ResultEvent appKey = one(stack);
      assertThat(appKey.outcome()).isEqualTo(Outcome.OK);
      assertThat(appKey.routes())
          .singleElement()
          .satisfies(r -> assertThat(r.route()).isEqualTo(Route.API));
      assertThat(
              worker.registry().find("collector_token_invalidations_total").counters().stream()
                  .mapToDouble(c -> c.count())
                  .sum())
          .isEqualTo(2);
    }
  }

  @Test
  void aSpentQuotaSendsJobsToThePagesUntilMidnightPacificThenTheApiServesAgain() throws Exception {
    MutableClock clock = MutableClock.ticking();
    ZoneId pacific = ZoneId.of("America/Los_Angeles");
    LocalDate today = LocalDate.now(pacific);
    clock.set(today.atTime(23, 0).atZone(pacific).toInstant());
    try (WorkerTestStack stack = WorkerTestStack.start(Duration.ofSeconds(30), 5, b -> {})) {
      String origin = stack.origin.baseUrl();
      wm.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(origin)));
      wm.stubFor(
          any(urlPathMatching(API + ".*"))
              .atPriority(1)
              .inScenario("quota")
              .whenScenarioStateIs("spent")
              .willReturn(
                  googleError(
                      403,
                      "quotaExceeded",
                      "The request cannot be completed because you have exceeded your quota.")));
      wm.stubFor(
          any(urlPathMatching(API + ".*"))
              .atPriority(1)
              .inScenario("quota")
              .whenScenarioStateIs("reset")
              .willReturn(aResponse().proxiedFrom(origin)));
      Map<String, String> env = stack.workerEnvironmentBehind(wm.baseUrl());
      env.put("CANCELLATIONS_POLL_SECONDS", "1");
      stack.startWorker(env, clock);
      String handle = "@hanbit.kitchen"; // a channel the API and the channel page both know

      stack.send(profile("before", handle));
      assertThat(routes(one(stack))).containsExactly("api:ok");

      wm.setScenarioState("quota", "spent");
      stack.send(profile("spent", handle));
      assertThat(routes(one(stack)))
          .as("the API says the day's quota is spent: the page serves the job")
          .containsExactly("api:rate_limited", "crawl:ok");
      int apiCalls = apiCalls();

      stack.send(profile("still-spent", handle));
      assertThat(routes(one(stack))).containsExactly("api:rate_limited", "crawl:ok");
      assertThat(apiCalls()).as("no call is spent on a quota known to be gone").isEqualTo(apiCalls);

      // Midnight in California: Google resets the quota, and the worker knows it without a call.
      wm.setScenarioState("quota", "reset");
      clock.set(today.plusDays(1).atTime(0, 1).atZone(pacific).toInstant());
      Thread.sleep(2_500); // the cancelled-jobs list is read again at the new time
      stack.send(profile("after-reset", handle));
      assertThat(routes(one(stack))).containsExactly("api:ok");
      assertThat(apiCalls()).isEqualTo(apiCalls + 1);
    }
  }

  private static JobMessage withAccount(String id, JobKind kind, String channel, String sealed) {
    JobMessage plain = JobMessage.of(id, Platform.YOUTUBE, kind, channel);
    return new JobMessage(
        1,
        id,
        Platform.YOUTUBE,
        kind,
        channel,
        new JobMessage.Account(channel, sealed),
        plain.options(),
        null,
        Map.of());
  }

  private static String profile(String id, String target) {
    return JobCodec.encode(JobMessage.of(id, Platform.YOUTUBE, JobKind.PROFILE, target));
  }

  private static ResultEvent one(WorkerTestStack stack) {
    List<ResultEvent> events = stack.awaitResults(1, Duration.ofSeconds(60));
    assertThat(events).hasSize(1);
    return events.getFirst();
  }

  private static List<String> routes(ResultEvent e) {
    return e.routes().stream()
        .map(r -> r.route().wireName() + ":" + r.outcome().wireName())
        .toList();
  }

  /** The API paths called with the creator's token, in the order they arrived. */
  private List<String> bearerCalls() {
    return wm
        .findAll(anyRequestedFor(anyUrl()).withHeader("Authorization", equalTo(BEARER)))
        .stream()
        .sorted(java.util.Comparator.comparing(r -> r.getLoggedDate()))
        .map(r -> r.getUrl().replaceAll("\\?.*", ""))
        .toList();
  }

  private int apiCalls() {
    return wm.findAll(anyRequestedFor(urlPathMatching(API + ".*"))).size();
  }

  private static ResponseDefinitionBuilder googleError(int status, String reason, String message) {
    FixtureOrigin.Response r = FixtureOrigin.Response.googleError(status, reason, message);
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=UTF-8")
        .withBody(new String(r.body(), StandardCharsets.UTF_8));
  }
}
