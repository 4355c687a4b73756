package dev.snscollector.api.keys;

import dev.snscollector.api.http.Bodies;
import dev.snscollector.api.http.Problem;
import dev.snscollector.api.http.ProblemException;
import dev.snscollector.api.http.ProblemType;
import dev.snscollector.api.http.Route;
import dev.snscollector.api.http.Scope;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** {@code /v1/api-keys}: create (the key is in that one response), list, revoke. Admin only. */
public final class ApiKeyRoutes {
  private final ApiKeyStore store;

  public ApiKeyRoutes(ApiKeyStore store) {
    this.store = store;
  }

  public List<Route> routes() {
    return List.of(
        Route.post(
            "/v1/api-keys",
            Scope.ADMIN,
            (ctx, caller) -> {
              JsonNode body = Bodies.object(ctx);
              String name = body.path("name").stringValue("");
              List<Problem.FieldError> errors = new ArrayList<>();
              if (name.isBlank() || name.length() > 100) {
                errors.add(new Problem.FieldError("/name", "a name of 1 to 100 characters"));
              }
              Set<Scope> scopes = EnumSet.noneOf(Scope.class);
              JsonNode list = body.path("scopes");
              if (!list.isArray() || list.isEmpty()) {
                errors.add(new Problem.FieldError("/scopes", "a non-empty array of scopes"));
              } else {
                for (int i = 0; i < list.size(); i++) {
                  String s = list.get(i).stringValue("");
                  int index = i;
                  Scope.fromWireName(s)
                      .ifPresentOrElse(
                          scopes::add,
                          () ->
                              errors.add(
                                  new Problem.FieldError(
                                      "/scopes/" + index, "unknown scope '" + s + "'")));
                }
              }
              if (!errors.isEmpty()) {
                throw new ProblemException(
                    ProblemType.UNPROCESSABLE, "the key cannot be created", errors);
              }
              ApiKeyStore.CreatedKey created = store.create(name, scopes);
              Bodies.json(
                  ctx,
                  201,
                  Map.of(
                      "id", created.info().id(),
                      "name", created.info().name(),
                      "scopes", created.info().scopes(),
                      "createdAt", created.info().createdAt(),
                      "key", created.key()));
            }),
        Route.get(
            "/v1/api-keys",
            Scope.ADMIN,
            (ctx, caller) -> Bodies.json(ctx, 200, Map.of("items", store.list()))),
        Route.delete(
            "/v1/api-keys/{id}",
            Scope.ADMIN,
            (ctx, caller) -> {
              if (!store.revoke(ctx.pathParam("id"))) {
                throw new ProblemException(ProblemType.NOT_FOUND, "no active API key with that id");
              }
              ctx.status(204);
            }));
  }
}
