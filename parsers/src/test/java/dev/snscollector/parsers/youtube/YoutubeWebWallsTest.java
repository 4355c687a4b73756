package dev.snscollector.parsers.youtube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.parsers.ParseResult.Classified;
import dev.snscollector.parsers.TestCaptures;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YoutubeWebWallsTest {
  private static Optional<Classified> classify(String url, int status, String body) {
    return YoutubeWebWalls.classify(
        new YoutubeWebPage(
            new Capture(
                url,
                "GET",
                status,
                Map.of(),
                body.getBytes(StandardCharsets.UTF_8),
                TestCaptures.FETCHED_AT,
                null)));
  }

  private static Outcome outcome(String url, int status, String body) {
    return classify(url, status, body).orElseThrow().outcome();
  }

  @Test
  void theConsentHostAndTheConsentFormAreBothBlocked() {
    assertThat(outcome("https://consent.youtube.com/m?continue=x", 200, "<html></html>"))
        .isEqualTo(Outcome.BLOCKED);
    assertThat(
            classify(
                    "https://www.youtube.com/@a",
                    200,
                    "<form action=\"https://consent.youtube.com/save\" method=\"POST\">")
                .orElseThrow()
                .reason())
        .contains("consent");
  }

  @Test
  void theUnusualTrafficPageIsBlockedEvenWithStatus429() {
    assertThat(outcome("https://www.google.com/sorry/index?continue=x", 429, "<html>"))
        .isEqualTo(Outcome.BLOCKED);
    assertThat(
            outcome(
                "https://www.youtube.com/@a",
                200,
                "<p>Our systems have detected unusual traffic from your computer network.</p>"))
        .isEqualTo(Outcome.BLOCKED);
  }

  @Test
  void aPageWithItsDataIsNeverWalledByMarkersItsScriptsMention() {
    String page =
        "<script>var ytInitialData = {\"a\":1};</script>"
            + "<script>var u='https://consent.youtube.com/'; var s='/sorry/index';</script>";

    assertThat(classify("https://www.youtube.com/@a", 200, page)).isEmpty();
  }

  @Test
  void statusesDecideTheRest() {
    assertThat(outcome("https://www.youtube.com/@gone", 404, "<html>404</html>"))
        .isEqualTo(Outcome.NOT_FOUND);
    assertThat(outcome("https://www.youtube.com/@a", 429, "<html>slow down</html>"))
        .isEqualTo(Outcome.RATE_LIMITED);
    assertThat(outcome("https://www.youtube.com/@a", 503, "<html></html>"))
        .isEqualTo(Outcome.INTERNAL);
    assertThat(outcome("https://www.youtube.com/@a", 403, "<html></html>"))
        .isEqualTo(Outcome.BLOCKED);
  }

  @Test
  void anInnertubeErrorBodyIsClassifiedLikeTheDataApis() {
    String error =
        " {\"error\": {\"code\": 404, \"message\": \"Requested entity was not found.\","
            + " \"status\": \"NOT_FOUND\"}}";

    Classified c = classify("https://www.youtube.com/youtubei/v1/browse", 404, error).orElseThrow();

    assertThat(c.outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(c.reason()).startsWith("innertube").contains("Requested entity was not found");
  }
}
