package dev.snscollector.parsers.tiktok;

import dev.snscollector.parsers.Capture;
import dev.snscollector.parsers.JsonPageParser;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.PlatformParsers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The TikTok parsers. Recognition from the document itself:
 *
 * <ul>
 *   <li>HTML with the {@code __UNIVERSAL_DATA_FOR_REHYDRATION__} script: {@code tiktok.web.video}
 *       when it holds the {@code webapp.video-detail} scope, {@code tiktok.web.profile} when it
 *       holds {@code webapp.user-detail};
 *   <li>HTML with the older {@code SIGI_STATE} script: {@code tiktok.web.video} when it has an
 *       {@code ItemModule}, else {@code tiktok.web.profile} (both report it as drift);
 *   <li>Display API JSON ({@code error.log_id} beside {@code data}): {@code tiktok.api.user_info}
 *       for {@code data.user}; for {@code data.videos}, {@code tiktok.api.video_list} when {@code
 *       has_more} is present or the URL path is {@code /v2/video/list/}, else {@code
 *       tiktok.api.video_query}.
 * </ul>
 *
 * Walls, captcha pages and API error bodies do not say what they stand for and are left to the
 * capture's declared page type.
 */
public final class TiktokParsers implements PlatformParsers {
  private final List<PageParser> parsers =
      List.of(
          new TiktokWebProfileParser(),
          new TiktokWebVideoParser(),
          new TiktokApiUserInfoParser(),
          new TiktokApiVideoListParser(),
          new TiktokApiVideoQueryParser());

  @Override
  public List<PageParser> parsers() {
    return parsers;
  }

  @Override
  public Optional<String> recognize(Capture capture) {
    byte[] body = capture.body();
    if (startsWith(body, '{')) {
      return recognizeApi(capture);
    }
    String html = new String(body, StandardCharsets.UTF_8);
    if (html.contains("id=\"" + TiktokWebParser.SCRIPT_ID + "\"")) {
      if (html.contains("\"" + TiktokWebVideoParser.SCOPE + "\"")) {
        return Optional.of(TiktokWebVideoParser.PAGE_TYPE_ID);
      }
      if (html.contains("\"" + TiktokWebProfileParser.SCOPE + "\"")) {
        return Optional.of(TiktokWebProfileParser.PAGE_TYPE_ID);
      }
      return Optional.empty();
    }
    if (html.contains("id=\"" + TiktokWebParser.SIGI_STATE + "\"")) {
      return Optional.of(
          html.contains("\"ItemModule\"")
              ? TiktokWebVideoParser.PAGE_TYPE_ID
              : TiktokWebProfileParser.PAGE_TYPE_ID);
    }
    return Optional.empty();
  }

  private static Optional<String> recognizeApi(Capture capture) {
    JsonNode doc = JsonPageParser.readJson(capture.body());
    if (doc == null || !doc.path("error").path("log_id").isString()) {
      return Optional.empty();
    }
    JsonNode data = doc.path("data");
    if (data.path("user").isObject()) {
      return Optional.of(TiktokApiUserInfoParser.PAGE_TYPE_ID);
    }
    if (data.path("videos").isArray()) {
      boolean list = data.has("has_more") || capture.url().contains("/v2/video/list/");
      return Optional.of(
          list ? TiktokApiVideoListParser.PAGE_TYPE_ID : TiktokApiVideoQueryParser.PAGE_TYPE_ID);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] body, char c) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return b == c;
      }
    }
    return false;
  }
}
