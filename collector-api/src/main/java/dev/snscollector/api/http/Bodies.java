package dev.snscollector.api.http;

import dev.snscollector.contracts.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * Request bodies (read once, bounded, by the server before any handler runs) and JSON responses.
 */
public final class Bodies {
  static final String BODY_ATTRIBUTE = "collector.body";

  private Bodies() {}

  /**
   * Reads at most {@code maxBytes} of the request body.
   *
   * @throws ProblemException 413 when the body is larger, whatever its declared length
   */
  static byte[] readBounded(Context ctx, int maxBytes) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge(declared, maxBytes);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw tooLarge(-1, maxBytes);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read request body", e);
    }
  }

  private static ProblemException tooLarge(long declared, int maxBytes) {
    return new ProblemException(
        ProblemType.PAYLOAD_TOO_LARGE,
        (declared > 0 ? "body is " + declared + " bytes; " : "body is larger than allowed; ")
            + "at most "
            + maxBytes
            + " bytes are accepted (a batch holds at most 1,000 jobs)");
  }

  /** The request body as read by the server (empty for methods without one). */
  public static byte[] bytes(Context ctx) {
    byte[] body = ctx.attribute(BODY_ATTRIBUTE);
    return body == null ? new byte[0] : body;
  }

  /**
   * The request body as a JSON object.
   *
   * @throws ProblemException 400 when it is empty, not JSON, or not an object; the detail gives the
   *     position, never the content (a body may hold a token)
   */
  public static JsonNode object(Context ctx) {
    byte[] body = bytes(ctx);
    if (body.length == 0) {
      throw new ProblemException(ProblemType.MALFORMED_JSON, "request body is empty");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      throw new ProblemException(
          ProblemType.MALFORMED_JSON,
          "request body is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    if (node == null || !node.isObject()) {
      throw ProblemException.field(
          ProblemType.INVALID_REQUEST, "", "request body must be a JSON object");
    }
    return node;
  }

  /** Answers with {@code body} as JSON. */
  public static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.MAPPER.writeValueAsBytes(body));
  }

  /** Answers with a problem document. */
  public static void problem(Context ctx, Problem problem) {
    if (problem.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    ctx.status(problem.status())
        .contentType(Problem.CONTENT_TYPE)
        .result(Json.MAPPER.writeValueAsBytes(problem));
  }

  /** A query parameter, or null when absent or blank. */
  public static @Nullable String query(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /**
   * The {@code limit} query parameter of a listing, 1 to 1000, or {@code fallback} when absent; a
   * bad value adds its field error to {@code errors} and gives the fallback.
   */
  public static int limit(Context ctx, List<Problem.FieldError> errors, int fallback) {
    String l = query(ctx, "limit");
    if (l == null) {
      return fallback;
    }
    int limit;
    try {
      limit = Integer.parseInt(l);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > 1000) {
      errors.add(new Problem.FieldError("query:limit", "a whole number from 1 to 1000"));
      return fallback;
    }
    return limit;
  }
}
