package dev.snscollector.parsers.tiktok;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.parsers.ParseResult.Classified;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Classifies TikTok Display API v2 responses, which always carry {@code {"error": {"code",
 * "message", "log_id"}}}; {@code code: "ok"} is success.
 *
 * <p>Codes: {@code access_token_invalid} is {@link Outcome#TOKEN_INVALID}, {@code
 * rate_limit_exceeded} {@link Outcome#RATE_LIMITED}, {@code scope_not_authorized} and every other
 * code {@link Outcome#BLOCKED} with the code in the reason. Exception: {@code internal_error} and
 * any 5xx are transient server errors, which the fetcher retries and never hands to a parser; a
 * parser handed one answers {@link Outcome#INTERNAL} (as the YouTube parsers do) rather than a
 * verdict about the creator. A body that is not JSON is classified by its status alone (401, 429,
 * 5xx; other errors {@link Outcome#BLOCKED}).
 */
public final class TiktokApiErrors {
  private static final Map<String, Outcome> CODES =
      Map.of(
          "access_token_invalid", Outcome.TOKEN_INVALID,
          "rate_limit_exceeded", Outcome.RATE_LIMITED,
          "scope_not_authorized", Outcome.BLOCKED);

  private TiktokApiErrors() {}

  /** An error body, or a document that came with an error status; empty for a success. */
  public static Optional<Classified> classify(int status, JsonNode doc) {
    String code = doc.path("error").path("code").asString("");
    if (code.isEmpty() || "ok".equals(code)) {
      return classifyStatus(status);
    }
    String detail =
        "tiktok api error "
            + code
            + ": "
            + doc.path("error").path("message").asString("")
            + " (log_id "
            + doc.path("error").path("log_id").asString("")
            + ")";
    if ("internal_error".equals(code) || status >= 500) {
      return Optional.of(transientError(detail));
    }
    return Optional.of(new Classified(CODES.getOrDefault(code, Outcome.BLOCKED), detail));
  }

  /** A response judged by its status alone: empty below 400. */
  public static Optional<Classified> classifyStatus(int status) {
    if (status < 400) {
      return Optional.empty();
    }
    String detail = "tiktok api HTTP " + status + " without an error code";
    if (status >= 500) {
      return Optional.of(transientError(detail));
    }
    Outcome outcome =
        switch (status) {
          case 401 -> Outcome.TOKEN_INVALID;
          case 429 -> Outcome.RATE_LIMITED;
          default -> Outcome.BLOCKED;
        };
    return Optional.of(new Classified(outcome, detail));
  }

  private static Classified transientError(String detail) {
    return new Classified(
        Outcome.INTERNAL,
        detail + " (transient server error: the fetcher retries, never parses it)");
  }
}
