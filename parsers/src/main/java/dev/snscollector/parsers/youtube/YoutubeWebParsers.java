package dev.snscollector.parsers.youtube;

import dev.snscollector.capture.Capture;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.ParseResult;
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
 *   <li>a page assigning {@code ytInitialPlayerResponse}, or JSON with a {@code playabilityStatus}
 *       (an InnerTube {@code /player} response, playable or not): {@code youtube.web.watch};
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
 * tokenizer). A refusal (the consent interstitial, Google's "unusual traffic" captcha page, the
 * player's bot check without a video) names no page type: {@link #recognize} claims none for it,
 * {@link #refusal} classifies it, and every web parser classifies it the same way when a route
 * fetched it as that page type ({@link YoutubeWebWalls#refusal}).
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
    return data >= 0 ? browse(page, data) : Optional.empty();
  }

  @Override
  public Optional<ParseResult.Classified> refusal(Capture capture) {
    try {
      return YoutubeWebWalls.refusal(new YoutubeWebPage(capture));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
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
    // An InnerTube /player response, playable or not (a bot check has no videoDetails).
    if (page.contains("\"playabilityStatus\"")) {
      return YoutubeWatchPlayability.botCheck(page).isPresent()
          ? Optional.empty()
          : Optional.of(YoutubeWebWatchParser.PAGE_TYPE_ID);
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
