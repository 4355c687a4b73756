package dev.snscollector.parsers.instagram;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Small readers shared by the Instagram parsers. Pure functions. */
final class InstagramValues {
  // The Graph API writes offsets without a colon ("2021-08-17T19:00:42+0000"), which ISO parsing
  // rejects.
  private static final DateTimeFormatter GRAPH_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxx", Locale.ROOT);
  // A # or @ counts only at the start or after a character that cannot be part of a word, URL
  // fragment or e-mail address. Instagram handles are 1-30 letters, digits, dots and underscores.
  private static final Pattern HASHTAG =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}_&/#])#([\\p{L}\\p{M}\\p{N}_]*[\\p{L}_][\\p{L}\\p{M}\\p{N}_]*)");
  private static final Pattern MENTION =
      Pattern.compile("(?<![\\p{L}\\p{N}_.@/])@([A-Za-z0-9_][A-Za-z0-9_.]{0,29})");
  private static final Pattern TOKEN_PARAM =
      Pattern.compile("(?i)([?&])(access_token|client_secret|appsecret_proof)=[^&#]*&?");

  private InstagramValues() {}

  /** A text field, or null when absent or not a string. */
  static @Nullable String text(JsonNode node) {
    return node.isString() ? node.asString() : null;
  }

  /** An id the APIs send as a string or as a (64-bit) number; null when absent. */
  static @Nullable String id(JsonNode node) {
    if (node.isString() && !node.asString().isEmpty()) {
      return node.asString();
    }
    return node.isIntegralNumber() ? node.bigIntegerValue().toString() : null;
  }

  /** A count; null when absent, so a metric not shown stays null. */
  static @Nullable Long count(JsonNode node) {
    return node.isIntegralNumber() ? node.asLong() : null;
  }

  /** A Graph API timestamp, with or without a colon in the offset; null when absent. */
  static @Nullable Instant graphTime(JsonNode node) {
    if (!node.isString()) {
      return null;
    }
    String s = node.asString();
    try {
      return OffsetDateTime.parse(s, GRAPH_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(s).toInstant();
    }
  }

  /** Epoch seconds, as the web JSON writes times; null when absent. */
  static @Nullable Instant epochSeconds(JsonNode node) {
    return node.isIntegralNumber() ? Instant.ofEpochSecond(node.asLong()) : null;
  }

  static String postUrl(String shortcode) {
    return "https://www.instagram.com/p/" + shortcode + "/";
  }

  static String reelUrl(String shortcode) {
    return "https://www.instagram.com/reel/" + shortcode + "/";
  }

  /**
   * The URL without credentials: Graph API paging URLs carry the caller's {@code access_token},
   * which must never reach a record or a log.
   */
  static String withoutToken(String url) {
    String out = url;
    Matcher m = TOKEN_PARAM.matcher(out);
    while (m.find()) {
      out = out.substring(0, m.start()) + m.group(1) + out.substring(m.end());
      m = TOKEN_PARAM.matcher(out);
    }
    if (out.endsWith("?") || out.endsWith("&")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }

  /** The path segment just before {@code /<edge>} in a URL ({@code /v19.0/<id>/media}), or null. */
  static @Nullable String idBeforeEdge(@Nullable String url, String edge) {
    if (url == null) {
      return null;
    }
    String path;
    try {
      path = URI.create(url).getPath();
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (path == null) {
      return null;
    }
    String[] segments = path.split("/");
    for (int i = 1; i < segments.length; i++) {
      if (segments[i].equals(edge) && segments[i - 1].matches("[0-9]+")) {
        return segments[i - 1];
      }
    }
    return null;
  }

  /** Hashtags in order of first appearance, without the #, each once (case-insensitively). */
  static List<String> hashtags(@Nullable String text) {
    return distinct(HASHTAG, text);
  }

  /** Handles mentioned, in order, without the @ or a sentence's final dot. */
  static List<String> mentions(@Nullable String text) {
    return distinct(MENTION, text);
  }

  private static List<String> distinct(Pattern pattern, @Nullable String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    List<String> seen = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      String value = m.group(1);
      int end = value.length();
      while (end > 0 && value.charAt(end - 1) == '.') {
        end--;
      }
      value = value.substring(0, end);
      String folded = value.toLowerCase(Locale.ROOT);
      if (!value.isEmpty() && !seen.contains(folded)) {
        seen.add(folded);
        out.add(value);
      }
    }
    return out;
  }
}
