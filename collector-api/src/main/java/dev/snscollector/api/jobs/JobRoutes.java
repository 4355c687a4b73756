package dev.snscollector.api.jobs;

import dev.snscollector.api.http.Bodies;
import dev.snscollector.api.http.Problem.FieldError;
import dev.snscollector.api.http.ProblemException;
import dev.snscollector.api.http.ProblemType;
import dev.snscollector.api.http.Route;
import dev.snscollector.api.http.Scope;
import dev.snscollector.contracts.Platform;
import io.javalin.http.Context;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** {@code /v1/jobs}: submit one or a batch, read, list, stream records, cancel. */
public final class JobRoutes {
  private static final Set<String> LIST_PARAMETERS =
      Set.of("status", "platform", "since", "until", "batch", "schedule", "cursor", "limit");

  private final JobService service;
  private final JobStore store;
  private final JobObjects objects;

  public JobRoutes(JobService service, JobStore store, JobObjects objects) {
    this.service = service;
    this.store = store;
    this.objects = objects;
  }

  public List<Route> routes() {
    return List.of(
        Route.post(
            "/v1/jobs",
            Scope.JOBS_WRITE,
            (ctx, caller) ->
                send(
                    ctx,
                    service.submitOne(
                        caller,
                        ctx.header("Idempotency-Key"),
                        ctx.path(),
                        Bodies.bytes(ctx),
                        Bodies.object(ctx)))),
        Route.post(
            "/v1/jobs/batch",
            Scope.JOBS_WRITE,
            (ctx, caller) ->
                send(
                    ctx,
                    service.submitBatch(
                        caller,
                        ctx.header("Idempotency-Key"),
                        ctx.path(),
                        Bodies.bytes(ctx),
                        Bodies.object(ctx)))),
        Route.get("/v1/jobs", Scope.JOBS_READ, (ctx, caller) -> list(ctx)),
        Route.get(
            "/v1/jobs/{id}",
            Scope.JOBS_READ,
            (ctx, caller) -> Bodies.json(ctx, 200, job(ctx.pathParam("id")))),
        Route.get("/v1/jobs/{id}/records", Scope.JOBS_READ, (ctx, caller) -> records(ctx)),
        Route.post(
            "/v1/jobs/{id}/cancel",
            Scope.JOBS_WRITE,
            (ctx, caller) -> Bodies.json(ctx, 200, service.cancel(ctx.pathParam("id")))));
  }

  private static void send(Context ctx, JobService.Response response) {
    if (response.replayed()) {
      ctx.header("Idempotent-Replayed", "true");
    }
    ctx.status(response.status()).contentType("application/json").result(response.body());
  }

  private JobView job(String id) {
    return store
        .find(id)
        .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no job " + id));
  }

  private void records(Context ctx) {
    JobView job = job(ctx.pathParam("id"));
    String location = job.locations().records();
    if (location == null) {
      throw new ProblemException(
          job.state().isFinal() ? ProblemType.NOT_FOUND : ProblemType.CONFLICT,
          job.state().isFinal()
              ? "job " + job.jobId() + " ended " + job.state().wireName() + " without records"
              : "job "
                  + job.jobId()
                  + " is "
                  + job.state().wireName()
                  + "; records come when it succeeds");
    }
    InputStream lines;
    try {
      lines = objects.records(location, job.locations().recordsRange());
    } catch (NoSuchKeyException e) {
      throw new ProblemException(
          ProblemType.NOT_FOUND, "the records of job " + job.jobId() + " are no longer in S3");
    }
    ctx.contentType("application/x-ndjson").result(lines);
  }

  private void list(Context ctx) {
    List<FieldError> errors = new ArrayList<>();
    for (String name : ctx.queryParamMap().keySet()) {
      if (!LIST_PARAMETERS.contains(name)) {
        errors.add(new FieldError("query:" + name, "unknown parameter; known: " + LIST_PARAMETERS));
      }
    }
    Set<JobState> states = EnumSet.noneOf(JobState.class);
    String status = Bodies.query(ctx, "status");
    if (status != null) {
      for (String s : status.split(",")) {
        JobState.fromWireName(s.strip())
            .ifPresentOrElse(
                states::add,
                () ->
                    errors.add(
                        new FieldError(
                            "query:status",
                            "'"
                                + s.strip()
                                + "' is not one of accepted, queued, succeeded, failed, cancelled")));
      }
    }
    Platform platform = null;
    String p = Bodies.query(ctx, "platform");
    if (p != null) {
      platform = Platform.fromWireName(p).orElse(null);
      if (platform == null) {
        errors.add(new FieldError("query:platform", "unknown platform '" + p + "'"));
      }
    }
    Instant since = instant(ctx, "since", errors);
    Instant until = instant(ctx, "until", errors);
    PageCursor cursor = null;
    String c = Bodies.query(ctx, "cursor");
    if (c != null) {
      cursor = PageCursor.decode(c).orElse(null);
      if (cursor == null) {
        errors.add(new FieldError("query:cursor", "not a cursor this service handed out"));
      }
    }
    int limit = Bodies.limit(ctx, errors, 100);
    if (!errors.isEmpty()) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, "the listing parameters are not valid", errors);
    }
    JobStore.Filter filter =
        new JobStore.Filter(
            states,
            platform,
            since,
            until,
            Bodies.query(ctx, "batch"),
            Bodies.query(ctx, "schedule"));
    Bodies.json(ctx, 200, store.list(filter, cursor, limit));
  }

  private static @Nullable Instant instant(Context ctx, String name, List<FieldError> errors) {
    String v = Bodies.query(ctx, name);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError("query:" + name, "an ISO-8601 instant such as 2026-11-22T00:00:00Z"));
      return null;
    }
  }
}
