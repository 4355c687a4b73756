package dev.snscollector.parsers.instagram;

import dev.snscollector.parsers.text.Counts;
import dev.snscollector.parsers.text.Counts.Count;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the counts out of a logged-out profile page's {@code og:description}, in the languages
 * Instagram serves: {@code 12.3K Followers, 456 Following, 789 Posts - See Instagram photos and
 * videos from Name (@handle)}, {@code 팔로워 12.3만명, 팔로우 456명, 게시물 789개 - …}, {@code
 * フォロワー1.2万人、フォロー中456人、投稿789件 ― …}, {@code 12,3 mil seguidores, 456 seguidos, 789 publicaciones -
 * …}, {@code 12.300 Follower, 456 gefolgt, 789 Beiträge – …}, {@code 12,3 k abonnés, 456
 * abonnements, 789 publications - …}.
 *
 * <p>The part before the dash is split into segments; each is labelled by a keyword table and its
 * number read by {@link Counts}, except Spanish and Portuguese {@code mil} (thousand) and {@code
 * mi} (million), read here. A segment with a number but no known label is returned under {@link
 * #UNRECOGNIZED}, so a new language shows up as drift instead of silently missing counts.
 */
final class InstagramMetaCounts {
  static final String FOLLOWERS = "followers";
  static final String FOLLOWING = "following";
  static final String POSTS = "posts";
  static final String UNRECOGNIZED = "unrecognized";

  private static final Pattern DASH = Pattern.compile("\\s[-–―—]\\s|\\s?―\\s?");
  private static final Pattern SEGMENT_SPLIT = Pattern.compile(",\\s+|、|，|·");
  private static final Pattern DIGIT = Pattern.compile("\\d");
  private static final Pattern IBERIAN =
      Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s*(mil|mi)(?![\\p{L}])", Pattern.CASE_INSENSITIVE);
  // Checked in this order: "seguidos" must not be read as "seguidores", nor "팔로우" as "팔로워".
  private static final Map<String, List<String>> LABELS = new LinkedHashMap<>();

  static {
    LABELS.put(
        FOLLOWERS,
        List.of("follower", "팔로워", "フォロワー", "seguidores", "abonnés", "abonnenten", "粉丝"));
    LABELS.put(
        FOLLOWING,
        List.of("following", "팔로우", "フォロー中", "seguidos", "seguindo", "gefolgt", "abonnements"));
    LABELS.put(
        POSTS,
        List.of(
            "post",
            "게시물",
            "投稿",
            "publicaciones",
            "publicações",
            "beiträge",
            "beitrag",
            "publications",
            "帖子"));
  }

  private InstagramMetaCounts() {}

  /** Counts by label ({@link #FOLLOWERS}, {@link #FOLLOWING}, {@link #POSTS}). */
  record Labelled(Map<String, Count> counts, List<String> unrecognized) {}

  static Labelled read(String description) {
    Matcher dash = DASH.matcher(description);
    String head = dash.find() ? description.substring(0, dash.start()) : "";
    return readCounts(head, LABELS);
  }

  /**
   * Where the counts of a meta description end and the rest begins: the index of the dash that
   * separates them and the index just past it, or null when there is no dash.
   */
  static int @Nullable [] dash(String description) {
    Matcher dash = DASH.matcher(description);
    return dash.find() ? new int[] {dash.start(), dash.end()} : null;
  }

  /** Counts by label from the comma-separated part of a description before its dash. */
  static Labelled readCounts(String head, Map<String, List<String>> labels) {
    Map<String, Count> counts = new LinkedHashMap<>();
    List<String> unrecognized = new ArrayList<>();
    for (String segment : SEGMENT_SPLIT.split(head)) {
      if (!DIGIT.matcher(segment).find()) {
        continue;
      }
      String label = label(segment.toLowerCase(Locale.ROOT), labels);
      Optional<Count> count = count(segment);
      if (label == null || count.isEmpty() || counts.containsKey(label)) {
        unrecognized.add(segment.strip());
      } else {
        counts.put(label, count.get());
      }
    }
    return new Labelled(counts, unrecognized);
  }

  private static @Nullable String label(String lower, Map<String, List<String>> labels) {
    for (Map.Entry<String, List<String>> e : labels.entrySet()) {
      for (String keyword : e.getValue()) {
        if (lower.contains(keyword)) {
          return e.getKey();
        }
      }
    }
    return null;
  }

  private static Optional<Count> count(String segment) {
    Matcher m = IBERIAN.matcher(segment);
    if (m.find()) {
      BigDecimal number = new BigDecimal(m.group(1).replace(',', '.'));
      long multiplier = m.group(2).equalsIgnoreCase("mil") ? 1_000L : 1_000_000L;
      return Optional.of(
          new Count(number.multiply(BigDecimal.valueOf(multiplier)).longValue(), true));
    }
    return Counts.parse(segment);
  }
}
