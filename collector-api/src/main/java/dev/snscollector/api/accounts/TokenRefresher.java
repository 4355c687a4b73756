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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Keeps creators' tokens alive, before they expire:
 *
 * <ul>
 *   <li>Instagram long-lived tokens renew themselves: {@code GET
 *       {base}/refresh_access_token?grant_type=ig_refresh_token&access_token=…} answers {@code
 *       {access_token, token_type, expires_in}}. A refused token (Graph error code 190, or 400/401
 *       with an OAuth error) makes the account invalid and notifies the platform ({@code
 *       token.invalidated}).
 *   <li>YouTube (Google OAuth 2.0) and TikTok access tokens are renewed with the creator's refresh
 *       token: a form {@code POST} to the provider's token endpoint with {@code
 *       grant_type=refresh_token}, the refresh token and the app's client credentials. Google
 *       answers {@code {access_token, expires_in, scope, token_type}}; TikTok also rotates the
 *       refresh token ({@code refresh_token}, {@code refresh_expires_in}), and the new one is kept.
 *       {@code invalid_grant} (revoked, expired) leaves the account {@code needs_reauth} and tells
 *       the platform ({@code account.needs_reauth}): nothing retries it until the platform stores a
 *       new token.
 * </ul>
 *
 * Any other failure is recorded and retried after the claim's lease. Requests carry tokens, so
 * neither a request nor a response body ever reaches a log or an error message.
 */
public final class TokenRefresher {
  private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);
  private static final Duration RETRY_AFTER = Duration.ofHours(1);

  private final Database db;
  private final AccountStore store;
  private final WebhookQueue webhooks;
  private final String refreshUrl;
  private final OAuthClient google;
  private final OAuthClient tiktok;
  private final Clock clock;
  private final MeterRegistry registry;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * A provider's token endpoint and this app's client there.
   *
   * @param provider named in the account's status reason
   * @param idParam the form field of the client's id ({@code client_id}, TikTok's {@code
   *     client_key})
   * @param clientId null when the app has none configured: its tokens are not refreshed
   */
  public record OAuthClient(
      String provider,
      URI tokenUrl,
      String idParam,
      @Nullable String clientId,
      @Nullable String clientSecret) {
    @Override
    public String toString() {
      return "OAuthClient[" + provider + ", " + tokenUrl + ", clientSecret=<redacted>]";
    }
  }

  public TokenRefresher(
      Database db,
      AccountStore store,
      WebhookQueue webhooks,
      URI instagramGraphBaseUrl,
      Clock clock,
      MeterRegistry registry) {
    this(
        db,
        store,
        webhooks,
        instagramGraphBaseUrl,
        new OAuthClient("Google", URI.create(GOOGLE_TOKEN_URL), "client_id", null, null),
        new OAuthClient("TikTok", URI.create(TIKTOK_TOKEN_URL), "client_key", null, null),
        clock,
        registry);
  }

  public static final String GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
  public static final String TIKTOK_TOKEN_URL = "https://open.tiktokapis.com/v2/oauth/token/";

  /**
   * @param google where YouTube tokens are renewed
   * @param tiktok where TikTok tokens are renewed
   */
  public TokenRefresher(
      Database db,
      AccountStore store,
      WebhookQueue webhooks,
      URI instagramGraphBaseUrl,
      OAuthClient google,
      OAuthClient tiktok,
      Clock clock,
      MeterRegistry registry) {
    this.google = google;
    this.tiktok = tiktok;
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
    return switch (due.ref().platform()) {
      case YOUTUBE -> refreshWithRefreshToken(due, google);
      case TIKTOK -> refreshWithRefreshToken(due, tiktok);
      default -> refreshInstagram(due);
    };
  }

  private String refreshWithRefreshToken(AccountStore.DueRefresh due, OAuthClient client) {
    String refreshToken;
    try {
      refreshToken = store.openRefresh(due);
    } catch (TokenSealException e) {
      return needsReauth(due, "stored refresh token does not open (" + e.reason() + ")");
    }
    if (refreshToken == null) {
      store.refreshFailed(due, "no refresh token stored");
      return "error";
    }
    String clientId = client.clientId();
    String clientSecret = client.clientSecret();
    if (clientId == null || clientSecret == null) {
      store.refreshFailed(due, client.provider() + " client credentials are not configured");
      return "error";
    }
    String form =
        form(
            Map.of(
                client.idParam(),
                clientId,
                "client_secret",
                clientSecret,
                "grant_type",
                "refresh_token",
                "refresh_token",
                refreshToken));
    HttpResponse<String> response =
        send(
            due,
            HttpRequest.newBuilder(client.tokenUrl())
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build());
    if (response == null) {
      return "error";
    }
    Optional<JsonNode> body = parse(response.body());
    JsonNode b = body.orElse(MissingNode.getInstance());
    String fresh = b.path("access_token").stringValue("");
    long expiresIn = b.path("expires_in").asLong(0);
    if (response.statusCode() == 200 && !fresh.isEmpty() && expiresIn > 0) {
      Instant now = clock.instant();
      String rotated = b.path("refresh_token").stringValue("");
      long refreshExpiresIn = b.path("refresh_expires_in").asLong(0);
      store.refreshed(
          due,
          fresh,
          now.plusSeconds(expiresIn),
          rotated.isEmpty() ? null : rotated,
          refreshExpiresIn > 0 ? now.plusSeconds(refreshExpiresIn) : null);
      log.info("refreshed the {} token of {}", client.provider(), due.ref());
      return "refreshed";
    }
    String error = b.path("error").isString() ? b.path("error").stringValue() : "";
    if (error.equals("invalid_grant")) {
      return needsReauth(
          due, client.provider() + " refused the refresh token (invalid_grant): reconnect");
    }
    store.refreshFailed(
        due,
        "refresh answered HTTP "
            + response.statusCode()
            + (error.isEmpty() ? "" : " (" + error.replaceAll("[^a-z_]", "") + ")"));
    return "error";
  }

  private static String form(Map<String, String> fields) {
    StringBuilder out = new StringBuilder();
    fields.forEach(
        (k, v) ->
            out.append(out.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return out.toString();
  }

  private String needsReauth(AccountStore.DueRefresh due, String reason) {
    changeAndNotify(
        "mark account needs_reauth",
        due,
        WebhookQueue.ACCOUNT_NEEDS_REAUTH,
        c -> store.needsReauth(c, due.ref(), reason, due.tokenSetAt()));
    log.warn("{} must connect again: {}", due.ref(), reason);
    return "needs_reauth";
  }

  /** A change of an account's status, in a transaction that may be about its webhook too. */
  @FunctionalInterface
  private interface AccountChange {
    Optional<AccountView> apply(Connection c) throws SQLException;
  }

  /** Applies {@code change} and, when it changed the account, queues {@code event} with it. */
  private void changeAndNotify(
      String what, AccountStore.DueRefresh due, String event, AccountChange change) {
    Instant now = clock.instant();
    db.execute(
        what,
        c -> {
          Optional<AccountView> changed = change.apply(c);
          if (changed.isPresent()) {
            webhooks.enqueue(
                c,
                event + ":" + due.ref() + ":" + changed.get().tokenUpdatedAt().toEpochMilli(),
                event,
                Map.of("account", changed.get()),
                now);
          }
        });
  }

  private String refreshInstagram(AccountStore.DueRefresh due) {
    String token;
    try {
      token = store.open(due);
    } catch (TokenSealException e) {
      invalidate(due, "stored token does not open (" + e.reason() + ")");
      return "invalid";
    }
    HttpResponse<String> response =
        send(
            due,
            HttpRequest.newBuilder(
                    URI.create(
                        refreshUrl
                            + "?grant_type=ig_refresh_token&access_token="
                            + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build());
    if (response == null) {
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

  /** The provider's answer, or null when there was none (recorded as the refresh's error). */
  private @Nullable HttpResponse<String> send(AccountStore.DueRefresh due, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      store.refreshFailed(due, "refresh request failed: " + e.getClass().getSimpleName());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static Optional<JsonNode> parse(String body) {
    try {
      return Optional.of(Json.MAPPER.readTree(body));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  private void invalidate(AccountStore.DueRefresh due, String reason) {
    changeAndNotify(
        "invalidate token",
        due,
        WebhookQueue.TOKEN_INVALIDATED,
        c -> store.invalidate(c, due.ref(), reason, due.tokenSetAt()));
    log.warn("the Instagram token of {} is invalid: {}", due.ref(), reason);
  }
}
