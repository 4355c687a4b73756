package dev.snscollector.api.http;

/**
 * The kinds of problem the API answers with. Each has a stable {@code type} URI (documented in the
 * OpenAPI document), a title and an HTTP status; the detail and the failing fields vary.
 */
public enum ProblemType {
  MALFORMED_JSON("malformed-json", "Request body is not valid JSON", 400),
  INVALID_REQUEST("invalid-request", "Request is not valid", 400),
  INVALID_JOB("invalid-job", "Job is not valid", 422),
  UNPROCESSABLE("unprocessable", "Request cannot be processed", 422),
  IDEMPOTENCY_KEY_REUSED(
      "idempotency-key-reused", "Idempotency-Key was used for a different request", 422),
  UNAUTHORIZED("unauthorized", "Missing or unknown API key", 401),
  FORBIDDEN("forbidden", "API key lacks the scope", 403),
  NOT_FOUND("not-found", "Not found", 404),
  METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
  CONFLICT("conflict", "Conflict with the current state", 409),
  PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large", 413),
  UNAVAILABLE("unavailable", "Service unavailable", 503),
  INTERNAL("internal", "Internal error", 500);

  /** Where the problem types are documented; the URI identifies, it need not resolve. */
  public static final String BASE = "https://snscollector.dev/problems/";

  private final String slug;
  private final String title;
  private final int status;

  ProblemType(String slug, String title, int status) {
    this.slug = slug;
    this.title = title;
    this.status = status;
  }

  public String uri() {
    return BASE + slug;
  }

  public String title() {
    return title;
  }

  public int status() {
    return status;
  }
}
