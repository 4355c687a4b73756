package dev.snscollector.parsers.youtube;

import dev.snscollector.capture.Capture;
import dev.snscollector.parsers.JsonPageParser;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.PlatformParsers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The YouTube Data API v3 and YouTube Analytics API v2 parsers. A response names itself by its
 * top-level {@code kind}; error bodies do not: with a declared page type its parser classifies
 * them, without one {@link #refusal} does.
 */
public final class YoutubeApiParsers implements PlatformParsers {
  private static final Map<String, String> KINDS =
      Map.of(
          "youtube#channelListResponse", YoutubeApiChannelsParser.PAGE_TYPE_ID,
          "youtube#playlistItemListResponse", YoutubeApiPlaylistItemsParser.PAGE_TYPE_ID,
          "youtube#videoListResponse", YoutubeApiVideosParser.PAGE_TYPE_ID,
          "youtube#commentThreadListResponse", YoutubeApiCommentThreadsParser.PAGE_TYPE_ID,
          "youtubeAnalytics#resultTable", YoutubeAnalyticsReportsParser.PAGE_TYPE_ID);

  private final List<PageParser> parsers =
      List.of(
          new YoutubeApiChannelsParser(),
          new YoutubeApiPlaylistItemsParser(),
          new YoutubeApiVideosParser(),
          new YoutubeApiCommentThreadsParser(),
          new YoutubeAnalyticsReportsParser());

  @Override
  public List<PageParser> parsers() {
    return parsers;
  }

  @Override
  public Optional<String> recognize(Capture capture) {
    if (!startsWithObject(capture)) {
      return Optional.empty();
    }
    JsonNode doc = JsonPageParser.readJson(capture.body());
    if (doc == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(KINDS.get(doc.path("kind").asString("")));
  }

  /**
   * A Google API error body ({@code {"error": {"code", "errors": [{"domain", "reason"}]}}}) names
   * no page type: it is classified by its reasons as the page parsers classify it (quota →
   * rate_limited, key or credentials → token_invalid, not found, forbidden → blocked).
   */
  @Override
  public Optional<ParseResult.Classified> refusal(Capture capture) {
    if (!startsWithObject(capture)) {
      return Optional.empty();
    }
    JsonNode doc = JsonPageParser.readJson(capture.body());
    if (doc == null || !doc.path("error").path("errors").path(0).has("domain")) {
      return Optional.empty();
    }
    return YoutubeApiErrors.classify(capture.status(), doc);
  }

  private static boolean startsWithObject(Capture capture) {
    for (byte b : capture.body()) {
      if (!Character.isWhitespace(b)) {
        return b == '{';
      }
    }
    return false;
  }
}
