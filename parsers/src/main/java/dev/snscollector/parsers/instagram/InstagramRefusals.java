package dev.snscollector.parsers.instagram;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.parsers.DocumentView;
import dev.snscollector.parsers.ParseResult.Classified;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.nodes.Document;
import tools.jackson.databind.JsonNode;

/**
 * Instagram's refusals, recognized from their own markers, one classifier for {@link
 * InstagramParsers#refusal} (documents that name no page type) and for the page parsers' classify
 * step (the same documents fetched as a page type), so both read them the same way:
 *
 * <ul>
 *   <li>{@link Outcome#LOGIN_WALL}: a redirect (3xx) whose {@code Location} is the login page
 *       ({@code /accounts/login/}); a capture whose URL is the login page (a fetcher that followed
 *       the redirect); the login page's HTML ({@code og:url} or canonical link on {@code
 *       /accounts/login/}, or titled "Login • Instagram"); a JSON {@code fail} body saying {@code
 *       login_required}, {@code checkpoint_required} or {@code challenge_required}, or {@code
 *       require_login: true};
 *   <li>{@link Outcome#RATE_LIMITED}: "Please wait a few minutes before you try again", in a page
 *       or a JSON message (Instagram throttles logged-out clients with it, often on a 401);
 *   <li>a Graph API error body ({@code error.type} and {@code error.code}), by its code as {@link
 *       InstagramGraphErrors} classifies it (token, rate limit, permission).
 * </ul>
 *
 * Nothing here is decided by elimination: a document without these markers is not a refusal.
 */
final class InstagramRefusals {
  /** Instagram's throttling sentence; ASCII, so it is searched in the bytes. */
  static final String THROTTLED = "Please wait a few minutes before you try again";

  private static final List<String> LOGIN_MESSAGES =
      List.of("checkpoint_required", "challenge_required", "login_required");

  /** Instagram's "page isn't available" sentence, as served in the languages seen. */
  private static final List<String> NOT_AVAILABLE =
      List.of(
          "Sorry, this page isn't available.",
          "Sorry, this page isn&#39;t available.",
          "죄송합니다. 페이지를 사용할 수 없습니다.",
          "このページはご利用いただけません。");

  private InstagramRefusals() {}

  /**
   * A refusal that names no page type, for documents recognition gave no page type: empty for
   * anything that is not one of Instagram's refusals. Never throws.
   */
  static Optional<Classified> of(Capture capture) {
    try {
      Optional<Classified> login = loginRedirect(capture);
      if (login.isPresent()) {
        return login;
      }
      DocumentView doc = new DocumentView(capture);
      if (doc.looksLikeJson()) {
        JsonNode json = doc.json();
        if (json != null
            && json.path("error").path("type").isString()
            && json.path("error").path("code").isInt()) {
          // A Graph API error body ({"error": {"type": "OAuthException", "code": 190, ...}}):
          // classified by its code as the Graph parsers classify it.
          return InstagramGraphErrors.classify(capture.status(), json);
        }
        return json == null ? Optional.empty() : json(json);
      }
      Document head = InstagramPages.head(capture);
      if (!InstagramPages.isInstagram(head) && !InstagramPages.isInstagramUrl(capture.url())) {
        return Optional.empty();
      }
      if (InstagramPages.isLoginPage(head)) {
        return Optional.of(loginPage(head));
      }
      return throttled(doc);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The classify step of the page parsers (profile and post pages): the refusals above, then the
   * page's own absence ("Sorry, this page isn't available.", 404) and error statuses (429 rate
   * limited, 5xx transient, other 4xx blocked).
   */
  static Optional<Classified> page(DocumentView page) {
    Optional<Classified> login = loginRedirect(page.capture());
    if (login.isPresent()) {
      return login;
    }
    int status = page.status();
    if (status == 429) {
      return Optional.of(new Classified(Outcome.RATE_LIMITED, "HTTP 429"));
    }
    Optional<Classified> throttled = throttled(page);
    if (throttled.isPresent()) {
      return throttled;
    }
    for (String text : NOT_AVAILABLE) {
      if (page.text().contains(text)) {
        return Optional.of(new Classified(Outcome.NOT_FOUND, "page says: " + text));
      }
    }
    if (status == 404) {
      return Optional.of(new Classified(Outcome.NOT_FOUND, "HTTP 404"));
    }
    Document doc = page.dom();
    if (InstagramPages.isLoginPage(doc)) {
      return Optional.of(loginPage(doc));
    }
    if (status >= 500) {
      return Optional.of(new Classified(Outcome.INTERNAL, "HTTP " + status + " (transient)"));
    }
    if (status >= 400) {
      return Optional.of(new Classified(Outcome.BLOCKED, "HTTP " + status));
    }
    return Optional.empty();
  }

  /**
   * A redirect to the login page, or a capture of the login page itself; read from the status, the
   * {@code Location} header and the URL only.
   */
  static Optional<Classified> loginRedirect(Capture capture) {
    String location = capture.header("location");
    if (capture.status() >= 300
        && capture.status() < 400
        && location != null
        && (InstagramPages.isLoginPath(location)
            || (location.startsWith("/accounts/login")
                && InstagramPages.isInstagramUrl(capture.url())))) {
      return Optional.of(
          new Classified(Outcome.LOGIN_WALL, "redirect to the Instagram login: " + location));
    }
    if (InstagramPages.isLoginPath(capture.url())) {
      return Optional.of(
          new Classified(
              Outcome.LOGIN_WALL, "the capture is the Instagram login page: " + capture.url()));
    }
    return Optional.empty();
  }

  /** The throttling sentence anywhere in the document. */
  static Optional<Classified> throttled(DocumentView doc) {
    return doc.bytesAsChars().contains(THROTTLED)
        ? Optional.of(new Classified(Outcome.RATE_LIMITED, "throttled: \"" + THROTTLED + "\""))
        : Optional.empty();
  }

  static Classified loginPage(Document doc) {
    return new Classified(
        Outcome.LOGIN_WALL,
        "login page ("
            + doc.title().strip()
            + ", "
            + InstagramPages.address(doc)
            + ") instead of content");
  }

  /** A JSON body of Instagram's web endpoints that refuses: throttled, or a login demanded. */
  static Optional<Classified> json(JsonNode doc) {
    if (!doc.isObject()) {
      return Optional.empty();
    }
    String message = doc.path("message").asString("");
    if (message.toLowerCase(Locale.ROOT).contains(THROTTLED.toLowerCase(Locale.ROOT))) {
      return Optional.of(new Classified(Outcome.RATE_LIMITED, "throttled: " + message));
    }
    if (LOGIN_MESSAGES.contains(message) || doc.path("require_login").asBoolean(false)) {
      return Optional.of(new Classified(Outcome.LOGIN_WALL, "login required: " + message));
    }
    return Optional.empty();
  }
}
