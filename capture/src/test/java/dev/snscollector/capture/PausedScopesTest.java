package dev.snscollector.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.Route;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PausedScopesTest {
  @Test
  void aScopeCoversItsPlatformItsRouteOrBoth() {
    PausedScopes paused = new PausedScopes(Set.of("tiktok.browser", "crawl"));
    assertThat(paused.covering(Platform.TIKTOK, Route.BROWSER)).isEqualTo("tiktok.browser");
    assertThat(paused.covering(Platform.YOUTUBE, Route.CRAWL)).isEqualTo("crawl");
    assertThat(paused.covering(Platform.YOUTUBE, Route.BROWSER)).isNull();
    assertThat(paused.covering(Platform.TIKTOK, Route.API)).isNull();
    assertThat(new PausedScopes(Set.of("youtube")).covering(Platform.YOUTUBE, Route.API))
        .isEqualTo("youtube");
    assertThat(new PausedScopes(Set.of("all")).covering(Platform.NAVER_BLOG, Route.CRAWL))
        .isEqualTo("all");
    assertThat(PausedScopes.NONE.covering(Platform.NAVER_BLOG, Route.CRAWL)).isNull();
  }

  @Test
  void scopesAreParsedOrRefusedWithWhatIsAllowed() {
    for (String ok : List.of("all", "YouTube", " crawl ", "naver_blog.browser")) {
      assertThat(PausedScopes.parse(ok, new StringBuilder())).as(ok).isPresent();
    }
    assertThat(PausedScopes.parse("naver_blog.browser", new StringBuilder()))
        .hasValue("naver_blog.browser");
    for (String bad : List.of("crawl.tiktok", "tiktok.fax", "twitter", "", "tiktok.", ".api")) {
      StringBuilder why = new StringBuilder();
      assertThat(PausedScopes.parse(bad, why)).as(bad).isEmpty();
      assertThat(why.toString()).startsWith("not a scope").contains("platform.route");
    }
  }

  @Test
  void theObjectRoundTripsAndJunkIsRefused() {
    byte[] object = PausedScopes.encode(Instant.EPOCH, List.of("youtube", "tiktok.crawl"));
    assertThat(PausedScopes.decode(object).scopes())
        .containsExactlyInAnyOrder("youtube", "tiktok.crawl");
    // A newer API's scope is kept, covers nothing here, and the rest of the list holds.
    PausedScopes newer = PausedScopes.decode(bytes("{\"paused\": [\"tiktok.fax\", \"crawl\"]}"));
    assertThat(newer.covering(Platform.TIKTOK, Route.CRAWL)).isEqualTo("crawl");
    assertThat(newer.covering(Platform.TIKTOK, Route.API)).isNull();
    assertThatThrownBy(() -> PausedScopes.decode(bytes("{\"paused\": [3]}")))
        .hasMessageContaining("an item is 3");
    assertThatThrownBy(() -> PausedScopes.decode(bytes("{}")))
        .hasMessageContaining("no paused array");
    assertThatThrownBy(() -> PausedScopes.decode(bytes("not json")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
