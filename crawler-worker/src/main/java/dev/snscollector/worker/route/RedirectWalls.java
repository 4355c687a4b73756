package dev.snscollector.worker.route;

import dev.snscollector.contracts.Outcome;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Redirects that are walls, not pages: a site sending a logged-out visitor to its login page or a
 * consent screen. The crawl follows other redirects; these it stops at, so the job moves on to its
 * next route instead of parsing a login form.
 */
public final class RedirectWalls {
  /** A wall: where it leads and what it means. */
  public record Wall(Outcome outcome, String reason) {}

  private record Rule(String host, String pathPrefix, Outcome outcome, String what) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule("consent.youtube.com", "", Outcome.BLOCKED, "YouTube consent page"),
          new Rule("consent.google.com", "", Outcome.BLOCKED, "Google consent page"),
          new Rule("accounts.google.com", "", Outcome.LOGIN_WALL, "Google sign-in"),
          new Rule("www.google.com", "/sorry", Outcome.BLOCKED, "Google unusual-traffic page"),
          new Rule("www.instagram.com", "/accounts/login", Outcome.LOGIN_WALL, "Instagram login"),
          new Rule("www.instagram.com", "/challenge", Outcome.BLOCKED, "Instagram challenge"),
          new Rule("instagram.com", "/accounts/login", Outcome.LOGIN_WALL, "Instagram login"),
          new Rule("www.tiktok.com", "/login", Outcome.LOGIN_WALL, "TikTok login"),
          new Rule("nid.naver.com", "/nidlogin", Outcome.LOGIN_WALL, "Naver login"));

  private RedirectWalls() {}

  /** The wall a redirect target is, if it is one. */
  public static Optional<Wall> of(HttpUrl target) {
    String host = target.host().toLowerCase(Locale.ROOT);
    String path = target.encodedPath();
    for (Rule rule : RULES) {
      if (host.equals(rule.host()) && path.startsWith(rule.pathPrefix())) {
        return Optional.of(
            new Wall(rule.outcome(), "redirected to the " + rule.what() + " (" + host + ")"));
      }
    }
    return Optional.empty();
  }
}
