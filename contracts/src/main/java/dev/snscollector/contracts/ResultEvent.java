package dev.snscollector.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a worker tells the platform when it is done with a job. Schema: {@code
 * /schemas/result.v1.schema.json}.
 *
 * @param jobId the job's id; null only when the message was too broken to name one
 * @param messageId the SQS message id, so a broken message can still be found in the dead-letter
 *     queue
 * @param status {@code succeeded} when the platform answered (records, not found, private), else
 *     {@code failed}
 * @param outcome the job's outcome
 * @param detail a human sentence saying why, for anything but {@code ok}
 * @param routes every route attempt of the final delivery, in order
 * @param recordCount how many records were written
 * @param locations S3 URIs of the records and the captures
 * @param drift the drift report when the outcome is {@code structure_changed}
 * @param attempts how many times the message was delivered, this time included
 */
public record ResultEvent(
    int schemaVersion,
    @Nullable String jobId,
    @Nullable String messageId,
    @Nullable Platform platform,
    @Nullable JobKind kind,
    Status status,
    Outcome outcome,
    @Nullable String detail,
    List<RouteAttempt> routes,
    int recordCount,
    Locations locations,
    @Nullable DriftReport drift,
    Timings timings,
    int attempts,
    String workerId,
    Map<String, String> metadata) {

  public static final int SCHEMA_VERSION = 1;

  public ResultEvent {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(timings, "timings");
    Objects.requireNonNull(workerId, "workerId");
    routes = routes == null ? List.of() : List.copyOf(routes);
    locations = locations == null ? Locations.NONE : locations;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** Whether the job got a definite answer. */
  public enum Status {
    @com.fasterxml.jackson.annotation.JsonProperty("succeeded")
    SUCCEEDED,
    @com.fasterxml.jackson.annotation.JsonProperty("failed")
    FAILED;

    public static Status of(Outcome outcome) {
      return outcome.succeeded() ? SUCCEEDED : FAILED;
    }
  }

  /**
   * One route tried for the job.
   *
   * @param route the route
   * @param outcome how it ended
   * @param detail why, when not {@code ok}
   * @param fetches how many HTTP requests the route made
   * @param durationMillis wall time of the attempt
   * @param retryAfterSeconds for {@code rate_limited}: how long the platform asked to wait, when it
   *     said (Retry-After, Graph's time to regain access, YouTube's daily quota reset)
   */
  public record RouteAttempt(
      Route route,
      Outcome outcome,
      @Nullable String detail,
      int fetches,
      long durationMillis,
      @Nullable Long retryAfterSeconds) {}

  /**
   * Where a job's output is (ADR 0007: one object per job).
   *
   * @param records S3 URI of the object holding the records, when records were written: with {@code
   *     recordsRange}, the job object, whose bytes in that range are the gzip JSON lines; without
   *     it (events from workers before ADR 0007), a gzip JSON-lines object of its own
   * @param captures S3 URI of the raw captures (a zip in the fixture format), when any were kept
   * @param recordsRange the HTTP byte range ({@code bytes=first-last}) of the records in the {@code
   *     records} object, read with one ranged GET; null when the object is the records alone
   */
  public record Locations(
      @Nullable String records, @Nullable String captures, @Nullable String recordsRange) {
    public static final Locations NONE = new Locations(null, null, null);

    /** Locations of separate records and captures objects, as workers wrote before ADR 0007. */
    public Locations(@Nullable String records, @Nullable String captures) {
      this(records, captures, null);
    }
  }

  /**
   * @param receivedAt when this delivery reached the worker
   * @param finishedAt when the worker finished it
   * @param fetchMillis time spent waiting on the platform
   * @param storeMillis time spent writing to S3
   */
  public record Timings(
      Instant receivedAt, Instant finishedAt, long fetchMillis, long storeMillis) {}
}
