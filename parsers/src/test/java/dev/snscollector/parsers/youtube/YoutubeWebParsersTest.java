package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.TestCaptures.capture;
import static org.assertj.core.api.Assertions.assertThat;

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
  void aWallPageTakesTheDeclaredWebTypeAndOtherDocumentsAreNotClaimed() {
    String consent = "<form action=\"https://consent.youtube.com/save\" method=\"POST\"></form>";

    assertThat(recognized(consent, "youtube.web.watch")).isEqualTo("youtube.web.watch");
    assertThat(recognized(consent, null)).isEqualTo("youtube.web.channel");
    assertThat(recognized("{\"kind\": \"youtube#videoListResponse\", \"items\": []}", null))
        .isEqualTo("none");
    assertThat(recognized("<html><body>a blog</body></html>", null)).isEqualTo("none");
  }
}
