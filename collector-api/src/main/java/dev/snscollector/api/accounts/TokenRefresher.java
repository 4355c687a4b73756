package dev.snscollector.api.accounts;

import dev.snscollector.api.db.Database;
import dev.snscollector.api.webhooks.WebhookQueue;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.tokens.TokenSealException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Refreshes Instagram long-lived tokens before they expire: {@code GET
 * {base}/refresh_access_token?grant_type=ig_refresh_token&access_token=…} answers {@code
 * {access_token, token_type, expires_in}}. A refused token (Graph error code 190, or 400/401 with
 * an OAuth error) makes the account invalid and notifies the platform; any other failure is
 * recorded and retried after the claim's lease. The request URL holds the token, so neither it nor
 * the response body ever reaches a log or an error message.
 */
public final class TokenRefresher {
  private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);
  private static final Duration RETRY_AFTER = Duration.ofHours(1);

  private final Database db;
  private final AccountStore store;
  private final WebhookQueue webhooks;
  private final String refreshUrl;
  private final Clock clock;
  private final MeterRegistry registry;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public TokenRefresher(
      Database db,
      AccountStore store,
      WebhookQueue webhooks,
      URI instagramGraphBaseUrl,
      Clock clock,
      MeterRegistry registry) {
    this.db = db;
    this.store = store;
    this.webhooks = webhooks;
    this.refreshUrl =
        instagramGraphBaseUrl.toString().replaceAll("/+$", "") + "/refresh_access_token";
    this.clock = clock;
    this.registry = registry;
  }

  /** One pass over the tokens due; true when there were some. */
  public boolean refreshOnce() {
    if (!store.canSeal()) {
      return false;
    }
    List<AccountStore.DueRefresh> due = store.claimDueRefreshes(20, RETRY_AFTER);
    for (AccountStore.DueRefresh d : due) {
      registry.counter("collector_api_token_refreshes", "outcome", refresh(d)).increment();
    }
    return !due.isEmpty();
  }

  private String refresh(AccountStore.DueRefresh due) {
    String token;
    try {
      token = store.open(due);
    } catch (TokenSealException e) {
      invalidate(due, "stored token does not open (" + e.reason() + ")");
      return "invalid";
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          refreshUrl
                              + "?grant_type=ig_refresh_token&access_token="
                              + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                  .timeout(Duration.ofSeconds(20))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      store.refreshFailed(due, "refresh request failed: " + e.getClass().getSimpleName());
      return "error";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "error";
    }
    Optional<JsonNode> body = parse(response.body());
    if (response.statusCode() == 200 && body.isPresent()) {
      JsonNode b = body.get();
      String fresh = b.path("access_token").stringValue("");
      long expiresIn = b.path("expires_in").asLong(0);
      if (!fresh.isEmpty() && expiresIn > 0) {
        store.refreshed(due, fresh, clock.instant().plusSeconds(expiresIn));
        log.info("refreshed the Instagram token of {}", due.ref());
        return "refreshed";
      }
    }
    JsonNode error = body.map(b -> b.path("error")).orElse(MissingNode.getInstance());
    boolean refused =
        error.path("code").asInt(0) == 190
            || ((response.statusCode() == 400 || response.statusCode() == 401)
                && error.path("type").stringValue("").equals("OAuthException"));
    if (refused) {
      invalidate(
          due, "Instagram refused the token on refresh (code " + error.path("code").asInt(0) + ")");
      return "invalid";
    }
    store.refreshFailed(due, "refresh answered HTTP " + response.statusCode());
    return "error";
  }

  private static Optional<JsonNode> parse(String body) {
    try {
      return Optional.of(Json.MAPPER.readTree(body));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  private void invalidate(AccountStore.DueRefresh due, String reason) {
    Instant now = clock.instant();
    db.execute(
        "invalidate token",
        c -> {
          Optional<AccountView> changed = store.invalidate(c, due.ref(), reason, due.tokenSetAt());
          if (changed.isPresent()) {
            webhooks.enqueue(
                c,
                WebhookQueue.TOKEN_INVALIDATED
                    + ":"
                    + due.ref()
                    + ":"
                    + changed.get().tokenUpdatedAt().toEpochMilli(),
                WebhookQueue.TOKEN_INVALIDATED,
                Map.of("account", changed.get()),
                now);
          }
        });
    log.warn("the Instagram token of {} is invalid: {}", due.ref(), reason);
  }
}
