package dev.snscollector.parsers.text;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a count as pages display it: {@code "1,234"}, {@code "1.2K"}, {@code "24.6m subscribers"},
 * {@code "구독자 12.3만명"}, {@code "3.4억"}, {@code "1,2 M"} and {@code "12,3 mil"} (Spanish), {@code
 * "1.234"} (German). A count read from an abbreviation is approximate; a plain integer is exact.
 * The first number in the text is the one read.
 *
 * <p>Separators: a comma or dot followed by exactly three digits and no further decimal mark is a
 * thousands separator; otherwise, before an abbreviation, it is the decimal mark. So {@code
 * "1,234"} is 1234 and {@code "1,2 M"} is 1,200,000.
 */
public final class Counts {
  private static final Pattern NUMBER =
      Pattern.compile(
          "(\\d{1,3}(?:[.,\\u00a0\\u202f ]\\d{3})+|\\d+(?:[.,]\\d+)?)[\\s\\u00a0\\u202f]*"
              + "(k|m|b|mil|mln|tys|천|만|억|万|億|千)?(?![a-z])",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private Counts() {}

  /**
   * A count and whether it was abbreviated.
   *
   * @param value the count
   * @param approximate true when read from an abbreviation such as {@code 1.2M} or {@code 12.3만}
   */
  public record Count(long value, boolean approximate) {}

  /** The first count in {@code text}, if any. */
  public static Optional<Count> parse(String text) {
    Matcher m = NUMBER.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    String digits = m.group(1);
    String suffix = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    long multiplier = multiplier(suffix);
    BigDecimal number = number(digits, multiplier > 1);
    long value = number.multiply(BigDecimal.valueOf(multiplier)).longValue();
    return Optional.of(new Count(value, multiplier > 1));
  }

  private static long multiplier(String suffix) {
    return switch (suffix) {
      // Spanish and Portuguese "mil" is a thousand ("12,3 mil seguidores"); their million is "M".
      case "k", "천", "千", "tys", "mil" -> 1_000L;
      case "만", "万" -> 10_000L;
      case "m", "mln" -> 1_000_000L;
      case "억", "億" -> 100_000_000L;
      case "b" -> 1_000_000_000L;
      default -> 1L;
    };
  }

  private static BigDecimal number(String digits, boolean abbreviated) {
    String compact = digits.replace("\u00a0", "").replace("\u202f", "").replace(" ", "");
    if (compact.matches("\\d{1,3}([.,]\\d{3})+")
        && !(abbreviated && compact.matches("\\d+[.,]\\d{3}"))) {
      return new BigDecimal(compact.replace(",", "").replace(".", ""));
    }
    return new BigDecimal(compact.replace(',', '.'));
  }
}
