package dev.snscollector.parsers.tiktok;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Small readers shared by the TikTok parsers. Pure functions. */
final class TiktokValues {
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  // Same rule as elsewhere: a # counts at the start or after a character that cannot be part of a
  // word or URL ("page#top" is no hashtag).
  private static final Pattern HASHTAG =
      Pattern.compile("(?<![\\p{L}\\p{N}_&/#])#([\\p{L}\\p{N}_]*[\\p{L}_][\\p{L}\\p{N}_]*)");

  private static final Pattern MENTION =
      Pattern.compile("(?<![\\p{L}\\p{N}_.@/-])@([\\p{L}\\p{N}_][\\p{L}\\p{N}_.]{0,23})");

  private TiktokValues() {}

  /** A non-empty string, or null. */
  static @Nullable String text(JsonNode node) {
    return node.isString() && !node.asString().isEmpty() ? node.asString() : null;
  }

  /** A count sent as a number or as a decimal string ({@code statsV2}); null when absent. */
  static @Nullable Long count(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isString() && DIGITS.matcher(node.asString()).matches()) {
      return Long.parseLong(node.asString());
    }
    return null;
  }

  /** Seconds since the epoch, as a number or a decimal string; null when absent or zero. */
  static @Nullable Instant epochSeconds(JsonNode node) {
    Long seconds = count(node);
    return seconds == null || seconds == 0 ? null : Instant.ofEpochSecond(seconds);
  }

  /** A positive duration in seconds; null when absent or 0 (photo posts, live replays). */
  static @Nullable Long positive(JsonNode node) {
    Long value = count(node);
    return value == null || value <= 0 ? null : value;
  }

  /** #words of a caption, in order, each once (case-insensitively), without the #. */
  static List<String> hashtags(@Nullable String caption) {
    List<String> out = new ArrayList<>();
    if (caption == null) {
      return out;
    }
    Matcher m = HASHTAG.matcher(caption);
    while (m.find()) {
      addDistinct(out, m.group(1));
    }
    return out;
  }

  /**
   * @handles of a caption, in order, each once, without the @ or a sentence's final dot.
   */
  static List<String> mentions(@Nullable String caption) {
    List<String> out = new ArrayList<>();
    if (caption == null) {
      return out;
    }
    Matcher m = MENTION.matcher(caption);
    while (m.find()) {
      String handle = m.group(1);
      while (handle.endsWith(".")) {
        handle = handle.substring(0, handle.length() - 1);
      }
      addDistinct(out, handle);
    }
    return out;
  }

  /** Adds {@code value} unless empty or already there, compared case-insensitively. */
  static void addDistinct(List<String> out, @Nullable String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    String folded = value.toLowerCase(Locale.ROOT);
    for (String existing : out) {
      if (existing.toLowerCase(Locale.ROOT).equals(folded)) {
        return;
      }
    }
    out.add(value);
  }

  /** A bio link as shown ("twitch.tv/x"), made absolute. */
  static String absolute(String link) {
    String lower = link.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://") ? link : "https://" + link;
  }
}
