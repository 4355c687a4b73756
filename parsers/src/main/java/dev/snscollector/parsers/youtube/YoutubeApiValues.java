package dev.snscollector.parsers.youtube;

import dev.snscollector.contracts.PostRecord.Media;
import dev.snscollector.parsers.QueryParams;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Small readers shared by the YouTube Data API parsers. Pure functions; never throw on input. */
final class YoutubeApiValues {
  private static final List<String> THUMBNAIL_ORDER =
      List.of("maxres", "standard", "high", "medium", "default");
  private static final Pattern DURATION =
      Pattern.compile(
          "P(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)(?:[.,]\\d+)?S)?)?");
  // A # or @ counts only at the start or after a character that cannot be part of a word, URL
  // fragment or e-mail address ("a@b.com" and "page#top" are not mentions or hashtags).
  private static final Pattern HASHTAG =
      Pattern.compile("(?<![\\p{L}\\p{N}_&/#])#([\\p{L}\\p{N}_]*[\\p{L}_][\\p{L}\\p{N}_]*)");
  private static final Pattern MENTION =
      Pattern.compile("(?<![\\p{L}\\p{N}_.@/-])@([\\p{L}\\p{N}_][\\p{L}\\p{N}_.-]{2,29})");

  private YoutubeApiValues() {}

  /** A text field, or null when absent or not a string. */
  static @Nullable String text(JsonNode node) {
    return node.isString() ? node.asString() : null;
  }

  /** A count the API sends as a decimal string ("12345"); null when absent. */
  static @Nullable Long count(JsonNode node) {
    if (node.isString() && !node.asString().isEmpty()) {
      return Long.parseLong(node.asString());
    }
    return node.isIntegralNumber() ? node.asLong() : null;
  }

  /** An RFC 3339 timestamp; null when absent. */
  static @Nullable Instant instant(JsonNode node) {
    return node.isString() ? OffsetDateTime.parse(node.asString()).toInstant() : null;
  }

  /**
   * Seconds of an ISO-8601 duration as the API writes it (PT1H2M3S, P1DT2H, P0D). Null when absent
   * or zero: {@code P0D} is what the API shows for live and upcoming broadcasts, which have no
   * duration yet, and a metric not shown is null, never 0.
   */
  static @Nullable Long durationSeconds(@Nullable String iso) {
    if (iso == null) {
      return null;
    }
    Matcher m = DURATION.matcher(iso);
    if (!m.matches()) {
      return null;
    }
    long seconds =
        group(m, 1) * 7 * 86_400
            + group(m, 2) * 86_400
            + group(m, 3) * 3_600
            + group(m, 4) * 60
            + group(m, 5);
    return seconds == 0 ? null : seconds;
  }

  /** The largest thumbnail: by width, ties broken by the API's size names. */
  static Optional<Media> bestThumbnail(JsonNode thumbnails) {
    Media best = null;
    int bestRank = Integer.MAX_VALUE;
    for (Map.Entry<String, JsonNode> e : thumbnails.properties()) {
      String url = text(e.getValue().path("url"));
      if (url == null) {
        continue;
      }
      Integer width = e.getValue().path("width").isInt() ? e.getValue().get("width").asInt() : null;
      Integer height =
          e.getValue().path("height").isInt() ? e.getValue().get("height").asInt() : null;
      int rank = THUMBNAIL_ORDER.indexOf(e.getKey());
      rank = rank < 0 ? THUMBNAIL_ORDER.size() : rank;
      int w = width == null ? -1 : width;
      int bestW = best == null || best.width() == null ? -1 : best.width();
      if (best == null || w > bestW || (w == bestW && rank < bestRank)) {
        best = new Media("thumbnail", url, width, height);
        bestRank = rank;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Hashtags in order of first appearance, without the #, each once (case-insensitively). */
  static List<String> hashtags(String... texts) {
    return distinct(HASHTAG, texts);
  }

  /**
   * @handles in order of first appearance, without the @ or a sentence's final dot.
   */
  static List<String> mentions(String... texts) {
    return distinct(MENTION, texts);
  }

  static String watchUrl(String videoId) {
    return "https://www.youtube.com/watch?v=" + videoId;
  }

  /**
   * The parts the request asked for ({@code part=snippet,statistics}), or null when its URL does
   * not say (a capture saved without its request). A part the request named and an item lacks is
   * drift; a part it did not name is {@code not_requested}.
   */
  static @Nullable Set<String> requestedParts(String url) {
    String parts = QueryParams.of(url).get("part");
    if (parts == null) {
      return null;
    }
    Set<String> out = new java.util.HashSet<>();
    for (String part : parts.split(",")) {
      out.add(part.strip());
    }
    return Set.copyOf(out);
  }

  /** The request's query parameters that name the target, for a not-found detail. */
  static String target(String url, Set<String> names) {
    Map<String, String> found = new LinkedHashMap<>(QueryParams.of(url));
    found.keySet().retainAll(names);
    return found.isEmpty() ? url : found.toString();
  }

  private static List<String> distinct(Pattern pattern, String... texts) {
    List<String> out = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (String text : texts) {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        String value = stripTrailing(m.group(1));
        String folded = value.toLowerCase(Locale.ROOT);
        if (!value.isEmpty() && !seen.contains(folded)) {
          seen.add(folded);
          out.add(value);
        }
      }
    }
    return out;
  }

  private static String stripTrailing(String value) {
    int end = value.length();
    while (end > 0 && (value.charAt(end - 1) == '.' || value.charAt(end - 1) == '-')) {
      end--;
    }
    return value.substring(0, end);
  }

  private static long group(Matcher m, int group) {
    String g = m.group(group);
    return g == null ? 0 : Long.parseLong(g);
  }
}
