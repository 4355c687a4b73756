package dev.snscollector.parsers.instagram;

/**
 * Instagram's shortcodes ({@code /p/<shortcode>/}) are media ids written in base 64 with the
 * alphabet {@code A–Z a–z 0–9 - _}, most significant digit first; the web endpoints want the
 * number. A private account's share link carries the same shortcode followed by 28 more characters,
 * which encode no part of the id.
 */
public final class InstagramShortcodes {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  /** Characters after the shortcode in a private account's share link. */
  private static final int PRIVATE_SUFFIX = 28;

  /** 11 digits of 6 bits hold a 64-bit id. */
  private static final int MAX_DIGITS = 11;

  private InstagramShortcodes() {}

  /**
   * The media id a shortcode encodes, as an unsigned decimal string.
   *
   * @throws IllegalArgumentException when it has a character outside the alphabet, or is too long
   *     to be a 64-bit id
   */
  public static String mediaId(String shortcode) {
    String code =
        shortcode.length() > PRIVATE_SUFFIX
            ? shortcode.substring(0, shortcode.length() - PRIVATE_SUFFIX)
            : shortcode;
    if (code.isEmpty() || code.length() > MAX_DIGITS) {
      throw new IllegalArgumentException(
          "'" + shortcode + "' is not an Instagram shortcode (1 to 11 characters)");
    }
    long id = 0;
    for (int i = 0; i < code.length(); i++) {
      int digit = ALPHABET.indexOf(code.charAt(i));
      if (digit < 0) {
        throw new IllegalArgumentException(
            "'" + shortcode + "' has '" + code.charAt(i) + "', not a shortcode character");
      }
      if ((id >>> 58) != 0) {
        throw new IllegalArgumentException("'" + shortcode + "' encodes more than 64 bits");
      }
      id = (id << 6) | digit;
    }
    return Long.toUnsignedString(id);
  }
}
