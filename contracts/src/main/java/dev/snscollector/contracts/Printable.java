package dev.snscollector.contracts;

import java.util.HexFormat;

/**
 * Text that came from outside (a target, a job's detail) made safe to print on one line: a control
 * character is what could end the line, move the cursor or drive a terminal, so it is shown as
 * <code>&#92;u000d</code> instead of acted upon.
 */
public final class Printable {
  private static final HexFormat HEX = HexFormat.of();

  private Printable() {}

  /**
   * Whether {@code c} is a control character: the C0 and C1 controls (CR, LF, ESC of an ANSI
   * escape, NUL…), DEL, and the Unicode line and paragraph separators.
   */
  public static boolean isControl(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }

  /** The index of the first control character in {@code s}, or -1 when it has none. */
  public static int firstControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isControl(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** {@code c} named as Unicode names it: {@code U+000D}. */
  public static String codePoint(char c) {
    return "U+" + HEX.withUpperCase().toHexDigits(c);
  }

  /** {@code s} with each control character written as <code>&#92;u000d</code>; else unchanged. */
  public static String escape(String s) {
    int first = firstControl(s);
    if (first < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, first);
    for (int i = first; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isControl(c)) {
        out.append("\\u").append(HEX.toHexDigits(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
