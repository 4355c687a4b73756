package dev.snscollector.api.creators;

import dev.snscollector.api.http.Bodies;
import dev.snscollector.api.http.PathParams;
import dev.snscollector.api.http.ProblemException;
import dev.snscollector.api.http.ProblemType;
import dev.snscollector.api.http.Route;
import dev.snscollector.api.http.Scope;
import dev.snscollector.contracts.Platform;
import java.util.List;

/**
 * {@code DELETE /v1/creators/{platform}/{id}?handle=…}: erase a creator everywhere ({@link
 * CreatorErasure}). Repeat {@code handle} for each handle jobs may have named them by. Idempotent:
 * a second call erases nothing more and says so.
 */
public final class CreatorRoutes {
  private final CreatorErasure erasure;

  public CreatorRoutes(CreatorErasure erasure) {
    this.erasure = erasure;
  }

  public List<Route> routes() {
    return List.of(
        Route.delete(
            "/v1/creators/{platform}/{id}",
            Scope.ACCOUNTS_WRITE,
            (ctx, caller) -> {
              Platform platform = PathParams.platform(ctx);
              String id = ctx.pathParam("id");
              if (id.isBlank() || id.length() > 128) {
                throw ProblemException.field(
                    ProblemType.INVALID_REQUEST, "path:id", "a creator id of 1 to 128 characters");
              }
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
}
