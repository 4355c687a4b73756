package dev.snscollector.parsers.youtube;

import dev.snscollector.parsers.Capture;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.PlatformParsers;
import dev.snscollector.parsers.PrunedJson;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The YouTube web parsers ({@code youtube.web.*}). A document names its page type by what it
 * carries:
 *
 * <ul>
 *   <li>a page assigning {@code ytInitialPlayerResponse}, or JSON with top-level {@code
 *       videoDetails}: {@code youtube.web.watch};
 *   <li>JSON with {@code onResponseReceivedEndpoints} and comment items or entities: {@code
 *       youtube.web.comments};
 *   <li>JSON appending {@code richItemRenderer}/{@code gridVideoRenderer} items: {@code
 *       youtube.web.videos_tab} (a continuation page);
 *   <li>a channel browse document (page or JSON) with {@code metadata.channelMetadataRenderer}:
 *       {@code youtube.web.videos_tab} when its selected tab holds a video grid, else {@code
 *       youtube.web.channel}.
 * </ul>
 *
 * <p>Only the browse case reads JSON, and only the few paths above (the rest is skipped by the
 * tokenizer). A wall page (consent, captcha) names no page type: it is recognized as the capture's
 * declared {@code youtube.web.*} type, else as {@code youtube.web.channel}; every web parser
 * classifies it the same way.
 */
public final class YoutubeWebParsers implements PlatformParsers {
  private static final String TAB = "contents/twoColumnBrowseResultsRenderer/tabs/[]/tabRenderer";
  private static final PrunedJson BROWSE =
      PrunedJson.forPaths(
          "metadata/channelMetadataRenderer/{}",
          TAB + "/selected",
          TAB + "/endpoint/commandMetadata/webCommandMetadata/url",
          TAB + "/content/richGridRenderer/{}",
          TAB
              + "/content/sectionListRenderer/contents/[]/itemSectionRenderer/contents/[]"
              + "/gridRenderer/{}");

  private final List<PageParser> parsers =
      List.of(
          new YoutubeWebChannelParser(),
          new YoutubeWebVideosTabParser(),
          new YoutubeWebWatchParser(),
          new YoutubeWebCommentsParser());

  @Override
  public List<PageParser> parsers() {
    return parsers;
  }

  @Override
  public Optional<String> recognize(Capture capture) {
    YoutubeWebPage page = new YoutubeWebPage(capture);
    if (page.isJson()) {
      return recognizeJson(page);
    }
    if (page.assignedObject("ytInitialPlayerResponse") >= 0) {
      return Optional.of(YoutubeWebWatchParser.PAGE_TYPE_ID);
    }
    int data = page.assignedObject("ytInitialData");
    if (data >= 0) {
      return browse(page, data);
    }
    boolean wall =
        page.contains("consent.youtube.com")
            || capture.url().contains("youtube.com") && YoutubeWebWalls.classify(page).isPresent();
    if (!wall) {
      return Optional.empty();
    }
    String declared = capture.pageType();
    return Optional.of(
        declared != null && declared.startsWith("youtube.web.")
            ? declared
            : YoutubeWebChannelParser.PAGE_TYPE_ID);
  }

  private static Optional<String> recognizeJson(YoutubeWebPage page) {
    if (page.contains("\"onResponseReceivedEndpoints\"")
        && (page.contains("\"commentEntityPayload\"")
            || page.contains("\"commentThreadRenderer\"")
            || page.contains("\"commentViewModel\""))) {
      return Optional.of(YoutubeWebCommentsParser.PAGE_TYPE_ID);
    }
    if (page.contains("\"appendContinuationItemsAction\"")
        && (page.contains("\"richItemRenderer\"") || page.contains("\"gridVideoRenderer\""))) {
      return Optional.of(YoutubeWebVideosTabParser.PAGE_TYPE_ID);
    }
    if (page.contains("\"channelMetadataRenderer\"")) {
      return browse(page, page.start());
    }
    if (page.contains("\"videoDetails\"") && page.contains("\"playabilityStatus\"")) {
      return Optional.of(YoutubeWebWatchParser.PAGE_TYPE_ID);
    }
    return Optional.empty();
  }

  private static Optional<String> browse(YoutubeWebPage page, int at) {
    JsonNode doc = BROWSE.read(page.body(), at);
    if (doc == null || !doc.path("metadata").has("channelMetadataRenderer")) {
      return Optional.empty();
    }
    for (JsonNode tab : doc.path("contents").path("twoColumnBrowseResultsRenderer").path("tabs")) {
      JsonNode content = tab.path("tabRenderer").path("content");
      boolean grid = content.has("richGridRenderer");
      for (JsonNode section : content.path("sectionListRenderer").path("contents")) {
        for (JsonNode c : section.path("itemSectionRenderer").path("contents")) {
          grid |= c.has("gridRenderer");
        }
      }
      // An empty videos tab has no grid; its endpoint still names the tab.
      String url =
          tab.path("tabRenderer")
              .path("endpoint")
              .path("commandMetadata")
              .path("webCommandMetadata")
              .path("url")
              .asString("");
      grid |= url.endsWith("/videos");
      if (grid && tab.path("tabRenderer").path("selected").asBoolean(false)) {
        return Optional.of(YoutubeWebVideosTabParser.PAGE_TYPE_ID);
      }
    }
    return Optional.of(YoutubeWebChannelParser.PAGE_TYPE_ID);
  }
}
