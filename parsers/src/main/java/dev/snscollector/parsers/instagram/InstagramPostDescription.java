package dev.snscollector.parsers.instagram;

import dev.snscollector.parsers.text.Counts.Count;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a post or reel page's meta description, {@code 990K likes, 8,873 comments - handle on May
 * 24, 2021: "caption"}, worded in the page's language: {@code 좋아요 1.2만개, 댓글 345개 - handle님, 2026년
 * 2월 28일: "…"}, {@code 1.234 Me gusta, 56 comentarios - handle el 3 de febrero de 2026: "…"}.
 *
 * <p>The part before the dash holds the counts, labelled by a keyword table and read by {@link
 * InstagramMetaCounts} ({@code 990K} is approximate, {@code 1,2 mil} is Spanish for 1,200); a
 * segment with a number but no known label is returned as unrecognized, so a new wording is drift
 * rather than a count gone. After the dash come the owner's handle and the date, up to a colon,
 * then the caption in quotes. The date is read in English ({@code May 24, 2021}), Korean, Japanese
 * and Chinese ({@code 2021년 5월 24일}, {@code 2021年5月24日}) and day-month-year with the month named in
 * Spanish, Portuguese, French, German or Italian ({@code 24 de mayo de 2021}, {@code 24. Mai
 * 2021}); a date in any other form is left out, and the schema names it.
 */
final class InstagramPostDescription {
  static final String LIKES = "likes";
  static final String COMMENTS = "comments";

  // Checked in this order.
  private static final Map<String, List<String>> LABELS = new LinkedHashMap<>();

  static {
    LABELS.put(
        LIKES,
        List.of(
            "like",
            "좋아요",
            "いいね",
            "me gusta",
            "curtida",
            "gefällt",
            "j’aime",
            "j'aime",
            "mi piace",
            "赞"));
    LABELS.put(
        COMMENTS,
        List.of(
            "comment",
            "댓글",
            "コメント",
            "comentario",
            "comentário",
            "kommentar",
            "commentaire",
            "commenti",
            "评论"));
  }

  private static final Pattern ENGLISH =
      Pattern.compile(
          "\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+(\\d{1,2}),\\s*"
              + "(\\d{4})\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern EAST_ASIAN =
      Pattern.compile("(\\d{4})\\s*[년年]\\s*(\\d{1,2})\\s*[월月]\\s*(\\d{1,2})\\s*[일日]");
  private static final Pattern DAY_MONTH_YEAR =
      Pattern.compile(
          "\\b(\\d{1,2})\\.?\\s+(?:de\\s+)?(\\p{L}+)\\.?\\s+(?:de\\s+)?(\\d{4})\\b",
          Pattern.UNICODE_CHARACTER_CLASS);
  private static final Map<String, Integer> MONTHS = months();

  private InstagramPostDescription() {}

  /**
   * What the description says.
   *
   * @param counts {@link #LIKES} and {@link #COMMENTS}, where shown
   * @param unrecognized count segments with a number but no known label
   * @param date the day it was posted, or null when no date was found
   * @param caption the caption, or null when the description shows none
   */
  record Read(
      Map<String, Count> counts,
      List<String> unrecognized,
      @Nullable LocalDate date,
      @Nullable String caption) {}

  static Read read(String description) {
    int[] dash = InstagramMetaCounts.dash(description);
    if (dash == null) {
      return new Read(Map.of(), List.of(), null, null);
    }
    InstagramMetaCounts.Labelled counts =
        InstagramMetaCounts.readCounts(description.substring(0, dash[0]), LABELS);
    String tail = description.substring(dash[1]);
    int colon = firstColon(tail);
    String dated = colon < 0 ? tail : tail.substring(0, colon);
    String caption = colon < 0 ? null : caption(tail.substring(colon + 1));
    return new Read(counts.counts(), counts.unrecognized(), date(dated), caption);
  }

  private static int firstColon(String s) {
    int ascii = s.indexOf(':');
    int wide = s.indexOf('：');
    return ascii < 0 ? wide : wide < 0 ? ascii : Math.min(ascii, wide);
  }

  /** The text between the first and the last quotation mark, or the text itself unquoted. */
  private static @Nullable String caption(String rest) {
    String s = rest.strip();
    int open = indexOfAny(s, "\"“「");
    int close = lastIndexOfAny(s, "\"”」");
    if (open >= 0 && close > open) {
      return s.substring(open + 1, close);
    }
    return s.isEmpty() ? null : s;
  }

  static @Nullable LocalDate date(String text) {
    try {
      Matcher m = ENGLISH.matcher(text);
      if (m.find()) {
        Integer month = MONTHS.get(m.group(1).toLowerCase(Locale.ROOT));
        if (month != null) {
          return LocalDate.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(2)));
        }
      }
      m = EAST_ASIAN.matcher(text);
      if (m.find()) {
        return LocalDate.of(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)));
      }
      m = DAY_MONTH_YEAR.matcher(text);
      while (m.find()) {
        Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (month != null) {
          return LocalDate.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1)));
        }
      }
    } catch (DateTimeException e) {
      return null;
    }
    return null;
  }

  private static Map<String, Integer> months() {
    Map<String, Integer> out = new LinkedHashMap<>();
    List<List<String>> names =
        List.of(
            // English (three-letter stems; the pattern reads the rest of the word)
            List.of(
                "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
            // Spanish
            List.of(
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre"),
            // Portuguese
            List.of(
                "janeiro",
                "fevereiro",
                "março",
                "abril",
                "maio",
                "junho",
                "julho",
                "agosto",
                "setembro",
                "outubro",
                "novembro",
                "dezembro"),
            // French
            List.of(
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre"),
            // German
            List.of(
                "januar",
                "februar",
                "märz",
                "april",
                "mai",
                "juni",
                "juli",
                "august",
                "september",
                "oktober",
                "november",
                "dezember"),
            // Italian
            List.of(
                "gennaio",
                "febbraio",
                "marzo",
                "aprile",
                "maggio",
                "giugno",
                "luglio",
                "agosto",
                "settembre",
                "ottobre",
                "novembre",
                "dicembre"));
    for (List<String> language : names) {
      for (int i = 0; i < 12; i++) {
        out.putIfAbsent(language.get(i), i + 1);
      }
    }
    out.put("sept", 9);
    out.put("setiembre", 9);
    return out;
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOfAny(String s, String chars) {
    for (int i = s.length() - 1; i >= 0; i--) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
