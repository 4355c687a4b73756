package dev.snscollector.api.accounts;

import dev.snscollector.api.http.Bodies;
import dev.snscollector.api.http.PathParams;
import dev.snscollector.api.http.Problem.FieldError;
import dev.snscollector.api.http.ProblemException;
import dev.snscollector.api.http.ProblemType;
import dev.snscollector.api.http.Route;
import dev.snscollector.api.http.Scope;
import dev.snscollector.contracts.Platform;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/accounts/{platform}/{accountId}}: store a creator's token ({@code PUT .../token}),
 * read its status, delete it. No response ever contains the token, and problems about the body
 * never quote it.
 */
public final class AccountRoutes {
  private static final Set<String> TOKEN_FIELDS =
      Set.of("token", "expiresAt", "refreshToken", "refreshExpiresAt");

  private final AccountStore store;

  public AccountRoutes(AccountStore store) {
    this.store = store;
  }

  public List<Route> routes() {
    return List.of(
        Route.put(
            "/v1/accounts/{platform}/{accountId}/token",
            Scope.ACCOUNTS_WRITE,
            (ctx, caller) -> put(ctx)),
        Route.get(
            "/v1/accounts/{platform}/{accountId}",
            Scope.ACCOUNTS_READ,
            (ctx, caller) -> {
              AccountRef ref = ref(ctx);
              Bodies.json(
                  ctx,
                  200,
                  store
                      .find(ref)
                      .orElseThrow(
                          () ->
                              new ProblemException(
                                  ProblemType.NOT_FOUND, "no token stored for " + ref)));
            }),
        Route.delete(
            "/v1/accounts/{platform}/{accountId}",
            Scope.ACCOUNTS_WRITE,
            (ctx, caller) -> {
              AccountRef ref = ref(ctx);
              if (!store.delete(ref)) {
                throw new ProblemException(ProblemType.NOT_FOUND, "no token stored for " + ref);
              }
              ctx.status(204);
            }));
  }

  private void put(Context ctx) {
    AccountRef ref = ref(ctx);
    if (!store.canSeal()) {
      throw new ProblemException(
          ProblemType.UNAVAILABLE, "tokens cannot be stored: no token key ring is configured");
    }
    JsonNode body = Bodies.object(ctx);
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, JsonNode> property : body.properties()) {
      if (!TOKEN_FIELDS.contains(property.getKey())) {
        errors.add(new FieldError("/" + property.getKey(), "unknown property"));
      }
    }
    JsonNode token = body.path("token");
    if (!token.isString() || token.stringValue().isBlank() || token.stringValue().length() > 4096) {
      errors.add(new FieldError("/token", "the token, a string of 1 to 4096 characters"));
    }
    Instant expiresAt = optionalInstant(body, "expiresAt", errors);
    Instant refreshExpiresAt = optionalInstant(body, "refreshExpiresAt", errors);
    String refreshToken = null;
    JsonNode refresh = body.path("refreshToken");
    if (!refresh.isMissingNode() && !refresh.isNull()) {
      if (!refresh.isString()
          || refresh.stringValue().isBlank()
          || refresh.stringValue().length() > 4096) {
        errors.add(
            new FieldError("/refreshToken", "the refresh token, a string of 1 to 4096 characters"));
      } else if (ref.platform() != Platform.YOUTUBE && ref.platform() != Platform.TIKTOK) {
        errors.add(
            new FieldError(
                "/refreshToken",
                "only YouTube and TikTok tokens are renewed with a refresh token; "
                    + ref.platform().wireName()
                    + " tokens are not"));
      } else {
        refreshToken = refresh.stringValue();
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(ProblemType.UNPROCESSABLE, "the token cannot be stored", errors);
    }
    Bodies.json(
        ctx, 200, store.put(ref, token.stringValue(), expiresAt, refreshToken, refreshExpiresAt));
  }

  private static @Nullable Instant optionalInstant(
      JsonNode body, String field, List<FieldError> errors) {
    JsonNode node = body.path(field);
    return node.isMissingNode() || node.isNull() ? null : instant(node, field, errors);
  }

  private static @Nullable Instant instant(JsonNode node, String field, List<FieldError> errors) {
    try {
      if (node.isString()) {
        return Instant.parse(node.stringValue());
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    errors.add(new FieldError("/" + field, "an ISO-8601 instant such as 2027-01-20T00:00:00Z"));
    return null;
  }

  private static AccountRef ref(Context ctx) {
    Platform platform = PathParams.platform(ctx);
    String accountId = ctx.pathParam("accountId");
    if (accountId.isBlank() || accountId.length() > 128) {
      throw ProblemException.field(
          ProblemType.INVALID_REQUEST, "path:accountId", "an account id of 1 to 128 characters");
    }
    return new AccountRef(platform, accountId);
  }
}
