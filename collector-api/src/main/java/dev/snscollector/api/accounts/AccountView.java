package dev.snscollector.api.accounts;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.snscollector.contracts.Platform;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An account as the API shows it: status and expiry, never the token.
 *
 * @param platform the platform
 * @param accountId the platform's account id
 * @param status valid (or renewed by the service with its refresh token), expiring (valid, expires
 *     soon, not renewed by the service), invalid, or needs_reauth (the provider refused the refresh
 *     token: the creator must connect again)
 * @param statusReason why invalid: {@code token_invalid} from a job, {@code expired}, or the
 *     refresh error
 * @param expiresAt when the token expires, when known
 * @param tokenUpdatedAt when the platform last stored a token
 * @param refreshedAt when the service last refreshed it
 * @param refreshError the last refresh failure, without the token
 */
public record AccountView(
    Platform platform,
    String accountId,
    Status status,
    @Nullable String statusReason,
    @Nullable Instant expiresAt,
    Instant tokenUpdatedAt,
    @Nullable Instant refreshedAt,
    @Nullable String refreshError) {

  /** A token's status as the platform sees it. */
  public enum Status {
    VALID("valid"),
    EXPIRING("expiring"),
    INVALID("invalid"),
    NEEDS_REAUTH("needs_reauth");

    private final String wireName;

    Status(String wireName) {
      this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
      return wireName;
    }
  }
}
