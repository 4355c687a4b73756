package dev.snscollector.worker.instagram;

/**
 * Instagram's shortcodes ({@code /p/<shortcode>/}) are media ids written in base 64 with the
 * alphabet {@code A–Z a–z 0–9 - _}, most significant digit first; the web endpoints want the
 * number. The decoding lives with the parsers ({@link
 * dev.snscollector.parsers.instagram.InstagramShortcodes}), which read post pages by their
 * shortcode; the routes use the same one.
 */
public final class InstagramShortcodes {
  private InstagramShortcodes() {}

  /**
   * The media id a shortcode encodes, as an unsigned decimal string.
   *
   * @throws IllegalArgumentException when it has a character outside the alphabet, or is too long
   *     to be a 64-bit id
   */
  public static String mediaId(String shortcode) {
    return dev.snscollector.parsers.instagram.InstagramShortcodes.mediaId(shortcode);
  }
}
