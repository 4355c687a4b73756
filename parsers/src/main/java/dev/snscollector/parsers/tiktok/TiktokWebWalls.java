package dev.snscollector.parsers.tiktok;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.parsers.DocumentView;
import dev.snscollector.parsers.ParseResult.Classified;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * TikTok's refusal pages, recognized from their own markers: the one classifier behind both {@link
 * TiktokParsers#refusal} (a document that names no page type) and the web page parsers' classify
 * step (a page a route fetched as a profile or video), so that both classify the same page the same
 * way.
 *
 * <p>Only a page without TikTok's page data (no {@code __UNIVERSAL_DATA_FOR_REHYDRATION__}, no
 * {@code SIGI_STATE}) can be one, so a real page whose scripts mention "captcha" is never taken for
 * a wall. It must also be TikTok's: served from {@code tiktok.com} or titled with "TikTok". Then:
 *
 * <ul>
 *   <li>the slider captcha ("Verify to continue", the {@code captcha-verify} / {@code
 *       captcha_verify} elements, or any other captcha) is {@link Outcome#BLOCKED};
 *   <li>the login page (title "Log in | TikTok", or the {@code /login} path) is {@link
 *       Outcome#LOGIN_WALL};
 *   <li>HTTP 429 from {@code tiktok.com} is {@link Outcome#RATE_LIMITED}.
 * </ul>
 *
 * A page parser further takes HTTP 429 from anywhere as {@link Outcome#RATE_LIMITED} and HTTP 404
 * as {@link Outcome#NOT_FOUND}: it knows the page was asked of TikTok, while a loose document says
 * so only through its markers.
 */
final class TiktokWebWalls {
  private TiktokWebWalls() {}

  /** Whether the page carries TikTok's page data (2024–2026 or the older layout). */
  static boolean hasPageData(DocumentView page) {
    // Searched on the page's byte-per-char view, which the parse shares and then reuses: a
    // 0.5-1 MB page is not decoded for it.
    return page.scriptContentOffset(TiktokWebParser.SCRIPT_ID) >= 0
        || page.scriptContentOffset(TiktokWebParser.SIGI_STATE) >= 0;
  }

  /** A TikTok refusal page without page data; empty for anything else. */
  static Optional<Classified> refusal(DocumentView page) {
    if (page.looksLikeJson() || hasPageData(page)) {
      return Optional.empty();
    }
    String html = page.text();
    String title = title(html);
    boolean tiktokHost = tiktokHost(page.url());
    if (!tiktokHost && (title == null || !title.contains("TikTok"))) {
      return Optional.empty();
    }
    if (html.contains("Verify to continue")
        || html.contains("captcha-verify")
        || html.contains("captcha_verify")
        || html.toLowerCase(Locale.ROOT).contains("captcha")) {
      return Optional.of(new Classified(Outcome.BLOCKED, "tiktok captcha / verify page"));
    }
    if (title != null && title.toLowerCase(Locale.ROOT).startsWith("log in")) {
      return Optional.of(new Classified(Outcome.LOGIN_WALL, "tiktok login page: " + title));
    }
    if (tiktokHost && path(page.url()).startsWith("/login")) {
      return Optional.of(new Classified(Outcome.LOGIN_WALL, "tiktok login page: " + page.url()));
    }
    if (tiktokHost && page.status() == 429) {
      return Optional.of(new Classified(Outcome.RATE_LIMITED, "tiktok HTTP 429"));
    }
    return Optional.empty();
  }

  /** What a web page parser makes of a page without page data: a refusal, 429, 404, or empty. */
  static Optional<Classified> classify(DocumentView page) {
    if (hasPageData(page)) {
      return Optional.empty();
    }
    Optional<Classified> refusal = refusal(page);
    if (refusal.isPresent()) {
      return refusal;
    }
    if (page.status() == 429) {
      return Optional.of(new Classified(Outcome.RATE_LIMITED, "tiktok HTTP 429"));
    }
    if (page.status() == 404) {
      return Optional.of(new Classified(Outcome.NOT_FOUND, "tiktok HTTP 404"));
    }
    return Optional.empty();
  }

  /** The text of the page's first {@code <title>}, stripped; null without one. */
  static @Nullable String title(String html) {
    int open = html.indexOf("<title");
    int start = open < 0 ? -1 : html.indexOf('>', open);
    int end = start < 0 ? -1 : html.indexOf("</title>", start);
    return end < 0 ? null : html.substring(start + 1, end).strip();
  }

  private static boolean tiktokHost(String url) {
    String host = host(url);
    return host.equals("tiktok.com") || host.endsWith(".tiktok.com");
  }

  private static String host(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? "" : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static String path(String url) {
    try {
      String path = URI.create(url).getPath();
      return path == null ? "" : path;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
