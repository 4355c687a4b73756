package dev.snscollector.parsers.youtube;

import dev.snscollector.contracts.PostRecord.Media;
import dev.snscollector.parsers.text.Counts;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Small readers of YouTube web JSON: display texts in their three shapes, displayed counts, images
 * and durations. Pure functions; never throw on input.
 *
 * <p>Displayed texts are localized. Which count a text is (subscribers, videos, views) is decided
 * by keywords of the languages below; a count in another language is left null rather than guessed.
 * The fetcher asks for {@code hl=en}, so the others are the exception.
 */
final class YoutubeWebText {
  private static final List<String> VIEW_WORDS =
      List.of(
          "view",
          "조회",
          "visualiza",
          "aufruf",
          "vue",
          "視聴",
          "观看",
          "觀看",
          "просмотр",
          "visualizzazion");
  private static final List<String> SUBSCRIBER_WORDS =
      List.of(
          "subscriber",
          "구독자",
          "suscriptor",
          "inscrit",
          "abonnent",
          "abonné",
          "登録者",
          "订阅者",
          "訂閱者",
          "подписчик",
          "iscritt");
  private static final List<String> VIDEO_WORDS =
      List.of("video", "vídeo", "동영상", "動画", "视频", "影片", "видео");
  private static final List<String> LIVE_WORDS = List.of("watching", "시청 중", "viendo");

  private YoutubeWebText() {}

  /**
   * A display text: {@code simpleText}, the joined {@code runs[].text}, {@code content}, or a
   * string.
   */
  static @Nullable String text(JsonNode node) {
    if (node.isString()) {
      return node.asString();
    }
    if (node.path("simpleText").isString()) {
      return node.get("simpleText").asString();
    }
    if (node.path("content").isString()) {
      return node.get("content").asString();
    }
    if (node.path("runs").isArray()) {
      StringBuilder b = new StringBuilder();
      node.get("runs").forEach(r -> b.append(r.path("text").asString("")));
      return b.toString();
    }
    return null;
  }

  static boolean isViews(String text) {
    return has(text, VIEW_WORDS) && !has(text, LIVE_WORDS);
  }

  /** A live item's viewer count ({@code "97 watching"}), shown instead of its views. */
  static boolean isLive(String text) {
    return has(text, LIVE_WORDS);
  }

  static boolean isSubscribers(String text) {
    return has(text, SUBSCRIBER_WORDS);
  }

  static boolean isVideos(String text) {
    return has(text, VIDEO_WORDS) && !isViews(text);
  }

  /**
   * {@link Counts#parse} of a displayed text with no-break spaces made plain: YouTube writes {@code
   * "4,69\u00a0M de suscriptores"} and {@code "6,8\u00a0K"} in Spanish, {@code 1,2\u202fk} in
   * French, and the unit would otherwise be lost (4 instead of 4,690,000).
   */
  static Optional<Counts.Count> parseCount(String text) {
    return Counts.parse(text.replace('\u00a0', ' ').replace('\u202f', ' '));
  }

  /**
   * The count in a displayed text: {@code "1,639 views"} exact, {@code "조회수 1.2만회"} approximate; a
   * text with a count word but no digits ({@code "No views"}) is an exact 0.
   */
  static Optional<Counts.Count> count(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    Optional<Counts.Count> c = parseCount(text);
    if (c.isEmpty() && text.chars().noneMatch(Character::isDigit)) {
      return Optional.of(new Counts.Count(0, false));
    }
    return c;
  }

  /**
   * The widest image of {@code [{url, width, height}]}, with a protocol-relative URL made https.
   */
  static Optional<Media> bestImage(JsonNode images, String type) {
    JsonNode best = null;
    for (JsonNode image : images) {
      if (image.path("url").isString()
          && (best == null || image.path("width").asInt(0) > best.path("width").asInt(0))) {
        best = image;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Media(
            type,
            absolute(best.get("url").asString()),
            best.path("width").isInt() ? best.get("width").asInt() : null,
            best.path("height").isInt() ? best.get("height").asInt() : null));
  }

  static String absolute(String url) {
    return url.startsWith("//") ? "https:" + url : url;
  }

  /** Seconds of a displayed duration ({@code 58}, {@code 12:34}, {@code 1:02:03}); else null. */
  static @Nullable Long durationSeconds(@Nullable String text) {
    if (text == null || !text.strip().matches("\\d{1,3}(:\\d{2}){0,2}")) {
      return null;
    }
    long seconds = 0;
    for (String part : text.strip().split(":")) {
      seconds = seconds * 60 + Long.parseLong(part);
    }
    return seconds == 0 ? null : seconds;
  }

  private static boolean has(String text, List<String> words) {
    String folded = text.toLowerCase(Locale.ROOT);
    for (String w : words) {
      if (folded.contains(w)) {
        return true;
      }
    }
    return false;
  }
}
