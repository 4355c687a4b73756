package dev.snscollector.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.api.CollectorApi;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.Route;
import dev.snscollector.fixtures.FixtureOrigin;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The API, a worker and the local origin together: YouTube and TikTok tokens stored already
 * expired, with refresh tokens, are renewed by the API at Google's and TikTok's token endpoints
 * (played by the origin), and the creators' jobs then succeed through the API route with the new
 * tokens, which is all the platforms' APIs ever see.
 */
class TokenRenewalEndToEndTest {
  private static final Path PROJECT = Path.of(System.getProperty("sns.project.dir", ".."));
  private static final String YOUTUBE_CHANNEL = "UCBChB4IQJ0F0hdob7NmvSaA";
  private static final String TIKTOK_OPEN_ID = "-000AbCdEfGhIjKlMnOpQrStUvWxYz0123456";

  @Test
  void expiredTokensAreRenewedAndTheJobsSucceedThroughTheApiRoute() throws Exception {
    List<FixtureOrigin.Request> seen = new CopyOnWriteArrayList<>();
    try (DemoStack stack =
        DemoStack.start(
            null,
            PROJECT.resolve("fixtures"),
            Duration.ZERO,
            Duration.ofSeconds(30),
            DemoStack.randomTokenKeys(),
            r -> {
              seen.add(r);
              if (r.host().equals("oauth2.googleapis.com") && r.path().equals("/token")) {
                return Optional.of(
                    FixtureOrigin.Response.json(
                        200,
                        "{\"access_token\":\"ya29.renewed-e2e\",\"expires_in\":3599,"
                            + "\"token_type\":\"Bearer\"}"));
              }
              if (r.host().equals("open.tiktokapis.com") && r.path().equals("/v2/oauth/token/")) {
                return Optional.of(
                    FixtureOrigin.Response.json(
                        200,
                        "{\"access_token\":\"act.renewed-e2e\",\"expires_in\":86400,"
                            + "\"open_id\":\""
                            + TIKTOK_OPEN_ID
                            + "\",\"refresh_expires_in\":31536000,"
                            + "\"refresh_token\":\"rft.rotated-e2e\",\"token_type\":\"Bearer\"}"));
              }
              return Optional.empty();
            })) {
      String origin = stack.originUrl();
      CollectorApi api =
          stack.startApi(
              null,
              0,
              Map.of(
                  "GOOGLE_OAUTH_TOKEN_URL", origin + "/oauth2.googleapis.com/token",
                  "GOOGLE_OAUTH_CLIENT_ID", "local-client.apps.googleusercontent.com",
                  "GOOGLE_OAUTH_CLIENT_SECRET", "local-google-secret",
                  "TIKTOK_OAUTH_TOKEN_URL", origin + "/open.tiktokapis.com/v2/oauth/token/",
                  "TIKTOK_CLIENT_KEY", "localclientkey",
                  "TIKTOK_CLIENT_SECRET", "local-tiktok-secret",
                  "TOKEN_REFRESH_POLL_SECONDS", "1"));
      stack.startWorker(stack.workerEnvironmentOnOrigin(4, false));
      ApiClient client = new ApiClient(api.localUrl(), DemoStack.developmentKey(api));
      Instant expired = Instant.now().minusSeconds(60);
      client.putToken(Platform.YOUTUBE, YOUTUBE_CHANNEL, "ya29.expired-e2e", expired, "1//e2e");
      client.putToken(Platform.TIKTOK, TIKTOK_OPEN_ID, "act.expired-e2e", expired, "rft.e2e");
      await(
          "both renewed",
          () ->
              !account(client, "youtube", YOUTUBE_CHANNEL).path("refreshedAt").isNull()
                  && !account(client, "tiktok", TIKTOK_OPEN_ID).path("refreshedAt").isNull());

      client.submitBatch(
          List.of(
              apiJob("renewed-yt", Platform.YOUTUBE, "@hanbit.kitchen", YOUTUBE_CHANNEL),
              apiJob("renewed-tt", Platform.TIKTOK, "@hanbit.dance", TIKTOK_OPEN_ID)));
      await(
          "both jobs done",
          () ->
              state(client, "renewed-yt").equals("succeeded")
                  && state(client, "renewed-tt").equals("succeeded"));

      for (String id : List.of("renewed-yt", "renewed-tt")) {
        JsonNode job = client.get("/v1/jobs/" + id);
        assertThat(job.path("outcome").stringValue()).as(id).isEqualTo("ok");
        assertThat(job.path("routes").get(0).path("route").stringValue()).isEqualTo("api");
        assertThat(job.path("recordCount").intValue()).isPositive();
      }
      assertThat(seen)
          .filteredOn(r -> r.host().equals("www.googleapis.com"))
          .isNotEmpty()
          .allSatisfy(
              r ->
                  assertThat(r.headers())
                      .containsEntry("authorization", "Bearer ya29.renewed-e2e"));
      assertThat(seen)
          .filteredOn(
              r -> r.host().equals("open.tiktokapis.com") && r.path().startsWith("/v2/user"))
          .isNotEmpty()
          .allSatisfy(
              r ->
                  assertThat(r.headers()).containsEntry("authorization", "Bearer act.renewed-e2e"));
      assertThat(seen.toString()).doesNotContain("expired-e2e");
    }
  }

  private static JobMessage apiJob(String id, Platform platform, String target, String account) {
    return new JobMessage(
        JobMessage.SCHEMA_VERSION,
        id,
        platform,
        JobKind.PROFILE,
        target,
        ApiClient.account(account),
        new JobMessage.JobOptions(null, null, List.of(Route.API)),
        null,
        Map.of());
  }

  private static JsonNode account(ApiClient client, String platform, String id) {
    return client.get("/v1/accounts/" + platform + "/" + id);
  }

  private static String state(ApiClient client, String id) {
    return client.get("/v1/jobs/" + id).path("state").stringValue();
  }

  private static void await(String what, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited for " + what).isLessThan(end);
      Thread.sleep(200);
    }
  }
}
