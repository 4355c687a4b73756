package dev.snscollector.parsers.instagram;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.parsers.ParseResult.Classified;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Classifies Graph API error bodies, shaped {@code {"error": {"message", "type", "code",
 * "error_subcode", "is_transient", "fbtrace_id"}}}, for every {@code instagram.graph.*} page type.
 *
 * <p>By {@code code}: 190 (and the old session code 102) is {@link Outcome#TOKEN_INVALID}; 4, 17,
 * 32, 613 and the business-use-case limits 80001–80014 are {@link Outcome#RATE_LIMITED}; 100 with
 * subcode 33 ("object does not exist"), 803 (unknown alias) and 110 (unknown user, as
 * business_discovery answers for a handle that is not a professional account) are {@link
 * Outcome#NOT_FOUND}; 10 and 200–299 (missing permission) and everything else are {@link
 * Outcome#BLOCKED} with the code, subcode, type and message in the detail. Code 1 and 2, or {@code
 * is_transient: true}, are transient server errors: {@link Outcome#INTERNAL}, for the fetcher to
 * retry. A body without {@code error} that came with status 400 or more is classified by status.
 *
 * <p>Code 100 without subcode 33 is BLOCKED, not NOT_FOUND: its message ("Object does not exist,
 * cannot be loaded due to missing permission…") is the same for a missing permission, and no code
 * parses messages.
 */
public final class InstagramGraphErrors {
  private static final Set<Integer> RATE_LIMIT_CODES = Set.of(4, 17, 32, 613);
  private static final Set<Integer> TOKEN_CODES = Set.of(190, 102);

  private InstagramGraphErrors() {}

  /** Whether {@code doc} is a Graph API error body. */
  public static boolean isErrorBody(JsonNode doc) {
    return doc.path("error").isObject();
  }

  /** Classifies an error body, or any document that came with a status of 400 or more. */
  public static Optional<Classified> classify(int status, JsonNode doc) {
    if (!isErrorBody(doc)) {
      return classifyStatus(status);
    }
    JsonNode error = doc.get("error");
    int code = error.path("code").isInt() ? error.get("code").asInt() : -1;
    int subcode = error.path("error_subcode").isInt() ? error.get("error_subcode").asInt() : -1;
    String detail =
        "graph api error "
            + code
            + (subcode >= 0 ? "/" + subcode : "")
            + " "
            + error.path("type").asString("")
            + ": "
            + error.path("message").asString("");
    if (code == 1 || code == 2 || error.path("is_transient").asBoolean(false)) {
      return Optional.of(
          new Classified(Outcome.INTERNAL, detail + " (transient: the fetcher retries)"));
    }
    return Optional.of(new Classified(byCode(code, subcode, status), detail));
  }

  /** A response without an error body: classified by its status alone when it is 400 or more. */
  public static Optional<Classified> classifyStatus(int status) {
    if (status < 400) {
      return Optional.empty();
    }
    String detail = "graph api HTTP " + status + " without an error body";
    if (status >= 500) {
      return Optional.of(
          new Classified(Outcome.INTERNAL, detail + " (transient: the fetcher retries)"));
    }
    return Optional.of(new Classified(byStatus(status), detail));
  }

  private static Outcome byCode(int code, int subcode, int status) {
    if (TOKEN_CODES.contains(code)) {
      return Outcome.TOKEN_INVALID;
    }
    if (RATE_LIMIT_CODES.contains(code) || (code >= 80001 && code <= 80014)) {
      return Outcome.RATE_LIMITED;
    }
    if ((code == 100 && subcode == 33) || code == 803 || code == 110) {
      return Outcome.NOT_FOUND;
    }
    if (code == 10 || (code >= 200 && code <= 299)) {
      return Outcome.BLOCKED;
    }
    return code < 0 ? byStatus(status) : Outcome.BLOCKED;
  }

  private static Outcome byStatus(int status) {
    return switch (status) {
      case 401 -> Outcome.TOKEN_INVALID;
      case 404 -> Outcome.NOT_FOUND;
      case 429 -> Outcome.RATE_LIMITED;
      default -> Outcome.BLOCKED;
    };
  }
}
