package dev.snscollector.parsers.youtube;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.parsers.ParseResult.Classified;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Classifies YouTube Data API error responses, shaped {@code {"error": {"code", "message",
 * "errors": [{"reason", "domain"}], "status", "details": [{"reason"}]}}}.
 *
 * <p>Reasons decide first (any entry of {@code errors[]}, then {@code details[]}): quota and rate
 * reasons are {@link Outcome#RATE_LIMITED}, key and credential reasons {@link
 * Outcome#TOKEN_INVALID}, {@code channelNotFound}/{@code videoNotFound}/{@code playlistNotFound}
 * and {@code commentsDisabled}/{@code commentThreadNotFound}/{@code commentNotFound} {@link
 * Outcome#NOT_FOUND}; then the HTTP status (429, 401, 404); anything else, {@code forbidden},
 * {@code insufficientPermissions} and {@code accessNotConfigured} included, is {@link
 * Outcome#BLOCKED} with the reason in the detail.
 *
 * <p><b>Server errors (5xx, e.g. 503 {@code backendError}) are not classified here</b>: they are
 * transient, and the fetcher retries them before anything is parsed; ask {@link
 * #isRetryableServerError}. A parser handed one anyway answers {@link Outcome#INTERNAL} rather than
 * a verdict about the target.
 */
public final class YoutubeApiErrors {
  private static final Map<String, Outcome> REASONS =
      Map.ofEntries(
          Map.entry("quotaExceeded", Outcome.RATE_LIMITED),
          Map.entry("rateLimitExceeded", Outcome.RATE_LIMITED),
          Map.entry("userRateLimitExceeded", Outcome.RATE_LIMITED),
          Map.entry("dailyLimitExceeded", Outcome.RATE_LIMITED),
          Map.entry("RATE_LIMIT_EXCEEDED", Outcome.RATE_LIMITED),
          Map.entry("keyInvalid", Outcome.TOKEN_INVALID),
          Map.entry("keyExpired", Outcome.TOKEN_INVALID),
          Map.entry("authError", Outcome.TOKEN_INVALID),
          Map.entry("invalidCredentials", Outcome.TOKEN_INVALID),
          // Google's newer error shape: details[].reason of a google.rpc.ErrorInfo.
          Map.entry("API_KEY_INVALID", Outcome.TOKEN_INVALID),
          Map.entry("API_KEY_EXPIRED", Outcome.TOKEN_INVALID),
          Map.entry("ACCESS_TOKEN_EXPIRED", Outcome.TOKEN_INVALID),
          Map.entry("ACCESS_TOKEN_TYPE_UNSUPPORTED", Outcome.TOKEN_INVALID),
          Map.entry("channelNotFound", Outcome.NOT_FOUND),
          Map.entry("videoNotFound", Outcome.NOT_FOUND),
          Map.entry("playlistNotFound", Outcome.NOT_FOUND),
          // Comments turned off is a definite answer about the target, not a block: no route or
          // proxy would find comments, so the job ends instead of trying the crawl route.
          Map.entry("commentsDisabled", Outcome.NOT_FOUND),
          Map.entry("commentThreadNotFound", Outcome.NOT_FOUND),
          Map.entry("commentNotFound", Outcome.NOT_FOUND));

  /** OAuth error codes that mean the creator's token no longer works. */
  private static final Set<String> OAUTH_TOKEN_ERRORS =
      Set.of("invalid_grant", "invalid_token", "unauthorized_client");

  private YoutubeApiErrors() {}

  /**
   * Whether the response is a server error the fetcher should retry with backoff (any 5xx). Such a
   * response is never handed to a parser.
   */
  public static boolean isRetryableServerError(int status) {
    return status >= 500 && status <= 599;
  }

  public static boolean isRetryableServerError(Capture capture) {
    return isRetryableServerError(capture.status());
  }

  /** Whether {@code doc} is an API error body. */
  public static boolean isErrorBody(JsonNode doc) {
    return doc.path("error").isObject();
  }

  /** Classifies an error body, or any document that came with a status of 400 or more. */
  public static Optional<Classified> classify(int status, JsonNode doc) {
    String oauthError = doc.path("error").asString("");
    if (OAUTH_TOKEN_ERRORS.contains(oauthError)) {
      // Google's OAuth shape ({"error": "invalid_grant", "error_description": ...}): the creator
      // revoked access or the token expired.
      return Optional.of(
          new Classified(
              Outcome.TOKEN_INVALID,
              "youtube oauth " + oauthError + ": " + doc.path("error_description").asString("")));
    }
    if (!isErrorBody(doc)) {
      return classifyStatus(status);
    }
    JsonNode error = doc.get("error");
    int code = error.path("code").isInt() ? error.get("code").asInt() : status;
    List<String> reasons = new ArrayList<>();
    error.path("errors").forEach(e -> addText(reasons, e.path("reason")));
    error.path("details").forEach(d -> addText(reasons, d.path("reason")));
    String detail = detail(code, reasons, error.path("message").asString(""));
    if (isRetryableServerError(code)) {
      return Optional.of(transientError(detail));
    }
    for (String reason : reasons) {
      Outcome outcome = REASONS.get(reason);
      if (outcome != null) {
        return Optional.of(new Classified(outcome, detail));
      }
    }
    return Optional.of(new Classified(byStatus(code), detail));
  }

  /** A response without an error body: classified by its status alone when it is 400 or more. */
  public static Optional<Classified> classifyStatus(int status) {
    if (status < 400) {
      return Optional.empty();
    }
    String detail = "youtube api HTTP " + status + " without an error body";
    if (isRetryableServerError(status)) {
      return Optional.of(transientError(detail));
    }
    return Optional.of(new Classified(byStatus(status), detail));
  }

  private static Outcome byStatus(int status) {
    return switch (status) {
      case 401 -> Outcome.TOKEN_INVALID;
      case 404 -> Outcome.NOT_FOUND;
      case 429 -> Outcome.RATE_LIMITED;
      default -> Outcome.BLOCKED;
    };
  }

  private static Classified transientError(String detail) {
    return new Classified(
        Outcome.INTERNAL,
        detail + " (transient server error: the fetcher retries, never parses it)");
  }

  private static String detail(int code, List<String> reasons, String message) {
    String reasonText = reasons.isEmpty() ? "no reason" : String.join(",", reasons);
    return "youtube api error " + code + " " + reasonText + ": " + message;
  }

  private static void addText(List<String> out, JsonNode node) {
    if (node.isString() && !node.asString().isEmpty() && !out.contains(node.asString())) {
      out.add(node.asString());
    }
  }
}
