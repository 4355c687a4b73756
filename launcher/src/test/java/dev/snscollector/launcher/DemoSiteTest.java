package dev.snscollector.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.fixtures.FixtureCase;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.fixtures.FixtureStore;
import dev.snscollector.fixtures.Replay;
import dev.snscollector.parsers.ParserRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The demo's own pages: they replay like fixtures, and the origin serves them before those. */
class DemoSiteTest {
  private static final Path PROJECT = Path.of(System.getProperty("sns.project.dir", ".."));
  private static final Path SITE = PROJECT.resolve("launcher/demo-site");
  private static final ParserRegistry PARSERS = ParserRegistry.defaults();

  static Stream<FixtureCase> pages() {
    return FixtureStore.load(SITE).all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pages")
  void eachPageParsesToItsExpectedRecordsOrEndsAsItsOutcomeSays(FixtureCase page) {
    Replay.Result result = Replay.replay(PARSERS, page);

    Outcome outcome = page.expectedOutcome();
    if (outcome == null) {
      assertThat(result.status())
          .as(result.details().toString())
          .isEqualTo(Replay.Status.UNCHANGED);
      assertThat(result.records()).isNotEmpty();
    } else if (outcome == Outcome.STRUCTURE_CHANGED) {
      assertThat(result.status()).isEqualTo(Replay.Status.DRIFT);
    } else {
      assertThat(result.status()).isEqualTo(Replay.Status.CLASSIFIED);
      assertThat(result.classifiedAs()).isEqualTo(outcome);
    }
  }

  @Test
  void theDriftedPageIsReportedAtTheRenamedValue() {
    FixtureCase drifted =
        FixtureStore.load(SITE)
            .find("tiktok.web.profile", "dal-bit-studio-follower-count-renamed")
            .orElseThrow();

    assertThat(Replay.replay(PARSERS, drifted).details())
        .anySatisfy(
            d ->
                assertThat(d)
                    .startsWith(
                        "/__DEFAULT_SCOPE__/webapp.user-detail/userInfo/statsV2/followerCount")
                    .contains("fansCount"));
  }

  @Test
  void theOriginAnswersDemoPagesFirstAndRefusesTheRevokedTokenAfterItsCalls() throws Exception {
    DemoSite site = DemoSite.load(SITE);
    DemoSite.Revocation revocation =
        new DemoSite.Revocation("graph.facebook.com", "IGAA.demo-token", 2);
    try (FixtureOrigin origin =
            FixtureOrigin.builder(PROJECT.resolve("fixtures"))
                .interceptor(site.interceptor(revocation))
                .build()
                .start();
        HttpClient http = HttpClient.newHttpClient()) {
      String user =
          origin.urlFor(
              "https://graph.facebook.com/v21.0/17841400000000505?fields=id,username,name,"
                  + "biography,profile_picture_url,followers_count,follows_count,media_count,"
                  + "website");
      List<Integer> withToken = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        withToken.add(get(http, user, "Bearer IGAA.demo-token").statusCode());
      }
      HttpResponse<String> otherToken = get(http, user, "Bearer another-creator");
      // The fixtures answer this TikTok list with a page that has more; the demo's is one page.
      HttpResponse<String> videos =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          origin.urlFor(
                              "https://open.tiktokapis.com/v2/video/list/?fields=id,title,"
                                  + "video_description,create_time,cover_image_url,share_url,"
                                  + "duration,width,height,like_count,comment_count,share_count,"
                                  + "view_count")))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"max_count\":20}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(withToken).containsExactly(200, 200, 400);
      assertThat(revocation.calls()).isEqualTo(3);
      assertThat(otherToken.statusCode()).isEqualTo(200);
      assertThat(otherToken.body()).contains("harbor.bread.lab");
      assertThat(videos.body()).contains("\"has_more\": false").contains("7351000000000000103");
      assertThat(site.requestsByHost())
          .containsEntry("graph.facebook.com", 4L)
          .containsEntry("open.tiktokapis.com", 1L);
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url, String authorization)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
