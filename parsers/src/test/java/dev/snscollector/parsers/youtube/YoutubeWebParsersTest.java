package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.TestCaptures.capture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Outcome;
import org.junit.jupiter.api.Test;

class YoutubeWebParsersTest {
  private static final String URL = "https://www.youtube.com/x";
  private static final String META =
      "\"metadata\": {\"channelMetadataRenderer\": {\"externalId\": \"UCaaaaaaaaaaaaaaaaaaaaaa\"}}";
  private final YoutubeWebParsers parsers = new YoutubeWebParsers();

  private String recognized(String body, String declared) {
    return parsers.recognize(capture(URL, 200, body, declared)).orElse("none");
  }

  private static String tab(String url, boolean selected, String content) {
    return "{\"tabRenderer\": {\"endpoint\": {\"commandMetadata\": {\"webCommandMetadata\":"
        + " {\"url\": \""
        + url
        + "\"}}}, \"selected\": "
        + selected
        + (content.isEmpty() ? "" : ", \"content\": " + content)
        + "}}";
  }

  private static String browse(String... tabs) {
    return "{"
        + META
        + ", \"contents\": {\"twoColumnBrowseResultsRenderer\": {\"tabs\": ["
        + String.join(",", tabs)
        + "]}}}";
  }

  @Test
  void aWatchPageIsToldByItsPlayerResponseAssignmentNotByAMention() {
    String channel =
        "<script>var ytInitialData = "
            + browse(tab("/@a/featured", true, "{}"))
            + ";</script>"
            + "<script>(function(a){a.ytInitialPlayerResponse;})(window);</script>";
    String watch =
        "<script>var ytInitialPlayerResponse = {\"playabilityStatus\": {}};</script>"
            + "<script>var ytInitialData = {};</script>";

    assertThat(recognized(channel, null)).isEqualTo("youtube.web.channel");
    assertThat(recognized(watch, null)).isEqualTo("youtube.web.watch");
  }

  @Test
  void theSelectedTabDecidesBetweenChannelAndVideosTab() {
    String grid = "{\"richGridRenderer\": {\"contents\": []}}";
    String empty = "{\"sectionListRenderer\": {\"contents\": []}}";

    assertThat(
            recognized(
                browse(tab("/@a/featured", true, empty), tab("/@a/videos", false, "")), null))
        .isEqualTo("youtube.web.channel");
    assertThat(
            recognized(browse(tab("/@a/featured", false, ""), tab("/@a/videos", true, grid)), null))
        .isEqualTo("youtube.web.videos_tab");
    assertThat(recognized(browse(tab("/@a/videos", true, empty)), null))
        .isEqualTo("youtube.web.videos_tab");
  }

  @Test
  void continuationsAreToldByWhatTheyAppend() {
    String videos =
        "{\"onResponseReceivedActions\": [{\"appendContinuationItemsAction\":"
            + " {\"continuationItems\": [{\"richItemRenderer\": {}}]}}]}";
    String comments =
        "{\"onResponseReceivedEndpoints\": [], \"frameworkUpdates\": {\"entityBatchUpdate\":"
            + " {\"mutations\": [{\"payload\": {\"commentEntityPayload\": {}}}]}}}";

    assertThat(recognized(videos, null)).isEqualTo("youtube.web.videos_tab");
    assertThat(recognized(comments, null)).isEqualTo("youtube.web.comments");
  }

  @Test
  void aRefusalNamesNoPageTypeAndIsClassifiedFromItsOwnMarkers() {
    String consent = "<form action=\"https://consent.youtube.com/save\" method=\"POST\"></form>";
    String sorry =
        "<html><form id=\"captcha-form\" action=\"index\" method=\"post\"></form>Our systems"
            + " have detected unusual traffic from your computer network. IP address:"
            + " 192.0.2.1</html>";
    String botCheck =
        "{\"responseContext\": {}, \"playabilityStatus\": {\"status\": \"LOGIN_REQUIRED\","
            + " \"reason\": \"Sign in to confirm you’re not a bot\"}}";

    for (String refusal : new String[] {consent, sorry, botCheck}) {
      Capture capture = capture(URL, 200, refusal, null);
      assertThat(parsers.recognize(capture)).as(refusal).isEmpty();
      assertThat(parsers.refusal(capture))
          .as(refusal)
          .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(Outcome.BLOCKED));
    }
    Capture fromSorry =
        capture(
            "https://www.google.com/sorry/index?continue=https://www.youtube.com/x", 429, "", null);
    assertThat(parsers.refusal(fromSorry).map(c -> c.reason()))
        .hasValueSatisfying(r -> assertThat(r).contains("unusual traffic"));
  }

  @Test
  void anAgeGateOrAnUnavailableVideoIsNoRefusalButAWatchResponse() {
    String ageGate =
        "{\"playabilityStatus\": {\"status\": \"LOGIN_REQUIRED\", \"reason\": \"This video"
            + " may be inappropriate for some users.\"}, \"videoDetails\": {\"videoId\": \"a\"}}";
    String unavailable =
        "{\"playabilityStatus\": {\"status\": \"ERROR\", \"reason\": \"This video is"
            + " unavailable\"}}";

    for (String body : new String[] {ageGate, unavailable}) {
      assertThat(parsers.refusal(capture(URL, 200, body, null))).as(body).isEmpty();
      assertThat(recognized(body, null)).as(body).isEqualTo("youtube.web.watch");
    }
  }

  @Test
  void otherDocumentsAreNotClaimed() {
    assertThat(recognized("{\"kind\": \"youtube#videoListResponse\", \"items\": []}", null))
        .isEqualTo("none");
    assertThat(recognized("<html><body>a blog</body></html>", null)).isEqualTo("none");
    assertThat(parsers.refusal(capture(URL, 200, "<html><body>a blog</body></html>", null)))
        .isEmpty();
  }
}
