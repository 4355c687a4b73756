package dev.snscollector.parsers.instagram;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.parsers.DocumentView;
import dev.snscollector.parsers.ParseResult.Classified;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Classifies the answers of Instagram's web JSON endpoints ({@code web_profile_info}, {@code
 * /media/{id}/info}) that are not content.
 *
 * <ul>
 *   <li>{@link Outcome#RATE_LIMITED}: status 429, or a 401/400 whose message says "Please wait a
 *       few minutes before you try again" (Instagram throttles logged-out clients with a 401);
 *   <li>{@link Outcome#LOGIN_WALL}: {@code {"status":"fail"}} with message {@code
 *       checkpoint_required}, {@code challenge_required}, {@code login_required}, or {@code
 *       require_login: true}; a redirect (3xx) or an HTML body pointing at {@code /accounts/login};
 *       any other 401;
 *   <li>{@link Outcome#NOT_FOUND}: status 404, or a fail body saying "Media not found or
 *       unavailable" / "User not found";
 *   <li>{@link Outcome#INTERNAL}: 5xx, transient, for the fetcher to retry;
 *   <li>{@link Outcome#BLOCKED}: any other fail body or status of 400 or more, with its message.
 * </ul>
 *
 * <p>The throttling and login answers are {@link InstagramRefusals}', shared with recognition. The
 * message is Instagram's fixed machine text (checkpoint_required, login_required), not prose; the
 * one prose test is the throttling sentence, which is the only thing that tells a throttled 401
 * from a logged-out one.
 */
public final class InstagramWebErrors {
  private InstagramWebErrors() {}

  /** A body that is not JSON: a login page, a redirect, or an error status. */
  public static Optional<Classified> classifyNonJson(Capture capture) {
    Optional<Classified> login = InstagramRefusals.loginRedirect(capture);
    if (login.isPresent()) {
      return login;
    }
    Optional<Classified> throttled = InstagramRefusals.throttled(new DocumentView(capture));
    if (throttled.isPresent()) {
      return throttled;
    }
    if (capture.bodyText().contains("/accounts/login")) {
      return Optional.of(
          new Classified(Outcome.LOGIN_WALL, "login page instead of JSON (/accounts/login)"));
    }
    return byStatus(capture.status(), "instagram web HTTP " + capture.status());
  }

  /** A JSON answer that is an error or wall; empty for one that should hold content. */
  public static Optional<Classified> classify(Capture capture, JsonNode doc) {
    Optional<Classified> refusal = InstagramRefusals.json(doc);
    if (refusal.isPresent()) {
      return refusal;
    }
    String message = doc.path("message").asString("");
    String lower = message.toLowerCase(Locale.ROOT);
    boolean failed = "fail".equals(doc.path("status").asString(""));
    if (failed && (lower.contains("not found") || lower.contains("unavailable"))) {
      return Optional.of(new Classified(Outcome.NOT_FOUND, message));
    }
    if (failed) {
      Optional<Classified> byStatus = byStatus(capture.status(), "fail: " + message);
      return Optional.of(
          byStatus.orElse(new Classified(Outcome.BLOCKED, "instagram web fail: " + message)));
    }
    return byStatus(capture.status(), "instagram web HTTP " + capture.status() + " " + message);
  }

  private static Optional<Classified> byStatus(int status, String detail) {
    if (status < 400) {
      return Optional.empty();
    }
    Outcome outcome =
        switch (status) {
          case 401 -> Outcome.LOGIN_WALL;
          case 404 -> Outcome.NOT_FOUND;
          case 429 -> Outcome.RATE_LIMITED;
          default -> status >= 500 ? Outcome.INTERNAL : Outcome.BLOCKED;
        };
    return Optional.of(new Classified(outcome, detail));
  }
}
