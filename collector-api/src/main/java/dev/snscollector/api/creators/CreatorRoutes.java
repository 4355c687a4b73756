package dev.snscollector.api.creators;

import dev.snscollector.api.http.Bodies;
import dev.snscollector.api.http.PathParams;
import dev.snscollector.api.http.Problem.FieldError;
import dev.snscollector.api.http.ProblemException;
import dev.snscollector.api.http.ProblemType;
import dev.snscollector.api.http.Route;
import dev.snscollector.api.http.Scope;
import dev.snscollector.contracts.Platform;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code /v1/creators/{platform}/{id}}: {@code GET} the creator's latest profile and recent posts,
 * {@code GET …/history?metric=&since=&until=} one metric by day ({@link CreatorData}; {@code id} is
 * the platform's id or a handle), and {@code DELETE ?handle=…} to erase a creator everywhere
 * ({@link CreatorErasure}; repeat {@code handle} for each handle jobs may have named them by;
 * idempotent: a second call erases nothing more and says so).
 */
public final class CreatorRoutes {
  private static final Set<String> HISTORY_PARAMETERS = Set.of("metric", "since", "until");
  private static final Pattern METRIC = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  private final CreatorErasure erasure;
  private final CreatorData data;

  public CreatorRoutes(CreatorErasure erasure, CreatorData data) {
    this.erasure = erasure;
    this.data = data;
  }

  public List<Route> routes() {
    return List.of(
        Route.get(
            "/v1/creators/{platform}/{id}",
            Scope.JOBS_READ,
            (ctx, caller) -> {
              Platform platform = PathParams.platform(ctx);
              String id = id(ctx);
              Bodies.json(
                  ctx, 200, data.find(platform, id).orElseThrow(() -> notCollected(platform, id)));
            }),
        Route.get(
            "/v1/creators/{platform}/{id}/history",
            Scope.JOBS_READ,
            (ctx, caller) -> {
              Platform platform = PathParams.platform(ctx);
              String id = id(ctx);
              List<FieldError> errors = new ArrayList<>();
              for (String name : ctx.queryParamMap().keySet()) {
                if (!HISTORY_PARAMETERS.contains(name)) {
                  errors.add(
                      new FieldError(
                          "query:" + name, "unknown parameter; known: " + HISTORY_PARAMETERS));
                }
              }
              String metric = Bodies.query(ctx, "metric");
              if (metric == null || !METRIC.matcher(metric).matches()) {
                errors.add(
                    new FieldError(
                        "query:metric",
                        "a metric name: followers, following, postCount, totalLikes, totalViews,"
                            + " or an insight (reach, views, subscribersGained…)"));
              }
              LocalDate since = date(ctx, "since", errors);
              LocalDate until = date(ctx, "until", errors);
              if (!errors.isEmpty()) {
                throw new ProblemException(
                    ProblemType.INVALID_REQUEST, "the history request is not valid", errors);
              }
              Bodies.json(
                  ctx,
                  200,
                  data.history(platform, id, java.util.Objects.requireNonNull(metric), since, until)
                      .orElseThrow(() -> notCollected(platform, id)));
            }),
        Route.delete(
            "/v1/creators/{platform}/{id}",
            Scope.ACCOUNTS_WRITE,
            (ctx, caller) -> {
              Platform platform = PathParams.platform(ctx);
              String id = id(ctx);
              List<String> handles = ctx.queryParams("handle");
              if (handles.size() > 20 || handles.stream().anyMatch(h -> h.length() > 128)) {
                throw ProblemException.field(
                    ProblemType.INVALID_REQUEST,
                    "query:handle",
                    "at most 20 handles of at most 128 characters");
              }
              Bodies.json(ctx, 200, erasure.erase(platform, id, handles, caller.keyId()));
            }));
  }

  private static String id(Context ctx) {
    String id = ctx.pathParam("id");
    if (id.isBlank() || id.length() > 128) {
      throw ProblemException.field(
          ProblemType.INVALID_REQUEST, "path:id", "a creator id or handle of 1 to 128 characters");
    }
    return id;
  }

  private static @Nullable LocalDate date(Context ctx, String name, List<FieldError> errors) {
    String text = Bodies.query(ctx, name);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError("query:" + name, "a day, yyyy-MM-dd"));
      return null;
    }
  }

  private static ProblemException notCollected(Platform platform, String id) {
    return new ProblemException(
        ProblemType.NOT_FOUND,
        "no collected profile of "
            + platform.wireName()
            + " creator "
            + id
            + " (a creator appears once a job of theirs with a profile has ended ok)");
  }
}
