package dev.snscollector.parsers.tiktok;

import dev.snscollector.capture.Capture;
import dev.snscollector.parsers.DocumentView;
import dev.snscollector.parsers.JsonPageParser;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.ParseResult.Classified;
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
 *       {@code ItemModule}, {@code tiktok.web.profile} when it has a {@code UserModule} (both
 *       report it as drift);
 *   <li>Display API JSON ({@code error.log_id} beside {@code data}): {@code tiktok.api.user_info}
 *       for {@code data.user}; for {@code data.videos}, {@code tiktok.api.video_list} when {@code
 *       has_more} is present or the URL path is {@code /v2/video/list/}, else {@code
 *       tiktok.api.video_query}.
 * </ul>
 *
 * Walls, captcha pages and API error bodies do not say what they stand for: recognition leaves them
 * to the capture's declared page type, and {@link #refusal} classifies them from their own markers:
 * the captcha / "Verify to continue" and login pages as the web parsers do ({@link
 * TiktokWebWalls}), and a Display API error envelope ({@code error.code} other than {@code ok}
 * beside {@code error.log_id}) as the API parsers do ({@link TiktokApiErrors}).
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
      if (html.contains("\"ItemModule\"")) {
        return Optional.of(TiktokWebVideoParser.PAGE_TYPE_ID);
      }
      if (html.contains("\"UserModule\"")) {
        return Optional.of(TiktokWebProfileParser.PAGE_TYPE_ID);
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<Classified> refusal(Capture capture) {
    try {
      DocumentView doc = new DocumentView(capture);
      if (doc.looksLikeJson()) {
        JsonNode json = doc.json();
        if (json == null || !json.path("error").path("log_id").isString()) {
          return Optional.empty();
        }
        String code = json.path("error").path("code").asString("");
        return code.isEmpty() || "ok".equals(code)
            ? Optional.empty()
            : TiktokApiErrors.classify(capture.status(), json);
      }
      return TiktokWebWalls.refusal(doc);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
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
