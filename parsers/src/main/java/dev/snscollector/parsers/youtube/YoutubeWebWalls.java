package dev.snscollector.parsers.youtube;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.parsers.JsonPageParser;
import dev.snscollector.parsers.ParseResult.Classified;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The walls every YouTube web document can be instead of content, recognized before anything is
 * extracted. Shared by all {@code youtube.web.*} parsers.
 *
 * <ul>
 *   <li><b>Consent interstitial</b> ({@code consent.youtube.com}, served to EU exits without a
 *       {@code SOCS} cookie): {@link Outcome#BLOCKED}, not {@link Outcome#LOGIN_WALL}. No account
 *       lifts it: a consent cookie or an exit outside the EU does, so the worker must not wait for
 *       a creator's login; the page's "Sign in" link is optional.
 *   <li><b>"Unusual traffic" / captcha</b> ({@code google.com/sorry}): {@link Outcome#BLOCKED}.
 *   <li><b>404 page</b> (status 404, an unknown channel or handle): {@link Outcome#NOT_FOUND}.
 *   <li>Status 429 without the captcha page: {@link Outcome#RATE_LIMITED}; other 4xx: {@link
 *       Outcome#BLOCKED}; 5xx: {@link Outcome#INTERNAL}, the fetcher's to retry.
 *   <li>An InnerTube JSON error body ({@code {"error": {...}}}): classified like the Data API's.
 * </ul>
 *
 * <p>Body markers are looked for only in documents that carry no {@code ytInitial…} data: a real
 * page mentions {@code consent.youtube.com} and {@code /sorry/} in its scripts.
 *
 * <p>The refusals among these (consent, captcha, and the player's bot check, "Sign in to confirm
 * you're not a bot") name no page type of their own: {@link #refusal} recognizes them from their
 * own markers for {@link YoutubeWebParsers#refusal}, and every page parser classifies them the same
 * way first.
 */
final class YoutubeWebWalls {
  private YoutubeWebWalls() {}

  static Optional<Classified> classify(YoutubeWebPage page) {
    Optional<Classified> refusal = refusal(page);
    if (refusal.isPresent()) {
      return refusal;
    }
    int status = page.capture().status();
    return page.isJson() ? classifyJson(page, status) : byStatus(status, "youtube web page");
  }

  /**
   * A refusal that names no page type, from its own markers: the consent interstitial, Google's
   * "unusual traffic" captcha page ({@code /sorry/}), the player's bot check. Empty for anything
   * else, walls by status included.
   */
  static Optional<Classified> refusal(YoutubeWebPage page) {
    String url = page.capture().url();
    if (url.contains("://consent.youtube.com") || url.contains("://consent.google.com")) {
      return blocked("consent wall (" + host(url) + ")");
    }
    if (url.contains("google.com/sorry")) {
      return blocked("captcha: unusual traffic page (google.com/sorry)");
    }
    if (page.isJson()) {
      return page.contains("\"playabilityStatus\"")
          ? YoutubeWatchPlayability.botCheck(page)
          : Optional.empty();
    }
    boolean hasData = page.contains("ytInitialData") || page.contains("ytInitialPlayerResponse");
    if (!hasData) {
      if (page.contains("action=\"https://consent.youtube.com/")
          || page.contains("action=\"https://consent.google.com/")) {
        return blocked("consent wall (consent form in the page)");
      }
      if (page.contains("/sorry/index")
          || page.contains("id=\"captcha-form\"")
          || page.contains("unusual traffic from your computer network")) {
        return blocked("captcha: unusual traffic page");
      }
      return Optional.empty();
    }
    return YoutubeWatchPlayability.botCheck(page);
  }

  private static Optional<Classified> classifyJson(YoutubeWebPage page, int status) {
    String head = page.text().substring(page.start(), Math.min(page.text().length(), 200));
    if (head.replaceAll("\\s", "").startsWith("{\"error\"")) {
      JsonNode doc = JsonPageParser.readJson(page.body());
      if (doc != null) {
        return YoutubeApiErrors.classify(status, doc)
            .map(c -> new Classified(c.outcome(), "innertube " + c.reason()));
      }
    }
    return byStatus(status, "innertube response");
  }

  private static Optional<Classified> byStatus(int status, String what) {
    if (status < 400) {
      return Optional.empty();
    }
    String detail = what + " HTTP " + status;
    if (YoutubeApiErrors.isRetryableServerError(status)) {
      return Optional.of(new Classified(Outcome.INTERNAL, detail + " (transient: retried)"));
    }
    return Optional.of(
        switch (status) {
          case 404, 410 -> new Classified(Outcome.NOT_FOUND, detail + ": 404 page");
          case 429 -> new Classified(Outcome.RATE_LIMITED, detail);
          default -> new Classified(Outcome.BLOCKED, detail);
        });
  }

  private static Optional<Classified> blocked(String reason) {
    return Optional.of(new Classified(Outcome.BLOCKED, reason));
  }

  private static String host(String url) {
    int start = url.indexOf("://") + 3;
    int end = url.indexOf('/', start);
    return end < 0 ? url.substring(start) : url.substring(start, end);
  }
}
