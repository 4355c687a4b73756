package dev.snscollector.api.accounts;

import dev.snscollector.api.db.Database;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.tokens.TokenSealer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code accounts} table. Tokens go in sealed by {@link TokenSealer} under the active key and
 * come out only sealed (for a job) or opened inside the refresher; nothing here logs or returns a
 * token. Without a key ring the store refuses to take tokens.
 */
public final class AccountStore {
  /** How long before a refreshable short-lived token expires the service renews it. */
  static final Duration SHORT_TOKEN_MARGIN = Duration.ofMinutes(10);

  /** A token refused by a job within this of its refresh is invalid, not refreshed again. */
  static final Duration REFRESH_ON_401_GAP = Duration.ofMinutes(10);

  private final Database db;
  private final @Nullable TokenSealer sealer;
  private final Clock clock;
  private final Duration refreshWindow;
  private final Duration expiringWindow;

  public AccountStore(
      Database db,
      @Nullable TokenSealer sealer,
      Clock clock,
      Duration refreshWindow,
      Duration expiringWindow) {
    this.db = db;
    this.sealer = sealer;
    this.clock = clock;
    this.refreshWindow = refreshWindow;
    this.expiringWindow = expiringWindow;
  }

  public boolean canSeal() {
    return sealer != null;
  }

  /**
   * Stores a token for an account (replacing any), valid from now.
   *
   * @throws IllegalStateException when no key ring is configured
   */
  public AccountView put(AccountRef ref, String token, @Nullable Instant expiresAt) {
    return put(ref, token, expiresAt, null, null);
  }

  /**
   * Stores a token, and the refresh token that renews it when there is one (YouTube, TikTok),
   * replacing any, valid from now.
   *
   * @param refreshToken sealed and kept for the refresher; null for a token renewed by itself
   *     (Instagram) or not at all
   * @param refreshExpiresAt when the refresh token itself lapses (TikTok: a year), if known
   * @throws IllegalStateException when no key ring is configured
   */
  public AccountView put(
      AccountRef ref,
      String token,
      @Nullable Instant expiresAt,
      @Nullable String refreshToken,
      @Nullable Instant refreshExpiresAt) {
    TokenSealer s = requireSealer();
    String sealed = s.seal(token, ref.platform(), ref.accountId());
    String sealedRefresh =
        refreshToken == null ? null : s.seal(refreshToken, ref.platform(), ref.accountId());
    Instant now = clock.instant();
    db.execute(
        "store token",
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "insert into accounts (platform, account_id, sealed_token, expires_at, status,"
                      + " status_reason, token_set_at, refresh_due_at, created_at, updated_at,"
                      + " sealed_refresh_token, refresh_expires_at)"
                      + " values (?, ?, ?, ?, 'valid', null, ?, ?, ?, ?, ?, ?)"
                      + " on conflict (platform, account_id) do update set"
                      + " sealed_token = excluded.sealed_token, expires_at = excluded.expires_at,"
                      + " status = 'valid', status_reason = null, token_set_at = excluded.token_set_at,"
                      + " refresh_due_at = excluded.refresh_due_at, refresh_error = null,"
                      + " updated_at = excluded.updated_at,"
                      + " sealed_refresh_token = excluded.sealed_refresh_token,"
                      + " refresh_expires_at = excluded.refresh_expires_at")) {
            st.setString(1, ref.platform().wireName());
            st.setString(2, ref.accountId());
            st.setString(3, sealed);
            st.setTimestamp(4, timestamp(expiresAt));
            st.setTimestamp(5, Timestamp.from(now));
            st.setTimestamp(
                6, timestamp(refreshDue(ref.platform(), expiresAt, sealedRefresh != null)));
            st.setTimestamp(7, Timestamp.from(now));
            st.setTimestamp(8, Timestamp.from(now));
            st.setString(9, sealedRefresh);
            st.setTimestamp(10, timestamp(refreshExpiresAt));
            st.executeUpdate();
          }
        });
    return find(ref).orElseThrow();
  }

  private TokenSealer requireSealer() {
    if (sealer == null) {
      throw new IllegalStateException("no token key ring configured (TOKEN_KEYS)");
    }
    return sealer;
  }

  /**
   * When the service refreshes a token: an Instagram long-lived token {@code refreshWindow} before
   * it expires; a token that has a refresh token (YouTube's hour, TikTok's day) {@link
   * #SHORT_TOKEN_MARGIN} before; any other never.
   */
  private @Nullable Instant refreshDue(
      Platform platform, @Nullable Instant expiresAt, boolean hasRefreshToken) {
    if (expiresAt == null) {
      return hasRefreshToken ? clock.instant() : null; // unknown expiry: renew now, learn it
    }
    if (hasRefreshToken) {
      return expiresAt.minus(SHORT_TOKEN_MARGIN);
    }
    return platform == Platform.INSTAGRAM ? expiresAt.minus(refreshWindow) : null;
  }

  public Optional<AccountView> find(AccountRef ref) {
    return db.read(
        "read account",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select platform, account_id, status, status_reason, expires_at, token_set_at,"
                      + " refreshed_at, refresh_error, sealed_refresh_token is not null"
                      + " from accounts"
                      + " where platform = ? and account_id = ?")) {
            s.setString(1, ref.platform().wireName());
            s.setString(2, ref.accountId());
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
          }
        });
  }

  public boolean delete(AccountRef ref) {
    return db.transaction(
        "delete account",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("delete from accounts where platform = ? and account_id = ?")) {
            s.setString(1, ref.platform().wireName());
            s.setString(2, ref.accountId());
            return s.executeUpdate() == 1;
          }
        });
  }

  /** Which of {@code refs} have a token stored. */
  public Set<AccountRef> known(Connection c, Collection<AccountRef> refs) throws SQLException {
    if (refs.isEmpty()) {
      return Set.of();
    }
    List<String> platforms = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (AccountRef r : refs) {
      platforms.add(r.platform().wireName());
      ids.add(r.accountId());
    }
    Set<AccountRef> found = new HashSet<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select a.platform, a.account_id from accounts a"
                + " join unnest(?::text[], ?::text[]) as u(platform, account_id)"
                + " on a.platform = u.platform and a.account_id = u.account_id")) {
      s.setArray(1, c.createArrayOf("text", platforms.toArray()));
      s.setArray(2, c.createArrayOf("text", ids.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.add(
              new AccountRef(
                  Platform.fromWireName(rs.getString(1)).orElseThrow(), rs.getString(2)));
        }
      }
    }
    return found;
  }

  /**
   * Marks an account as needing the creator to connect again (the provider refused its refresh
   * token), in the caller's transaction, unless the platform stored a new token after {@code
   * tokenSetAt}; its refresh tokens are dropped.
   *
   * @return the account as it now is, when this call changed it
   */
  public Optional<AccountView> needsReauth(
      Connection c, AccountRef ref, String reason, Instant tokenSetAt) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "update accounts set status = 'needs_reauth', status_reason = ?, updated_at = ?,"
                + " sealed_refresh_token = null, refresh_due_at = null"
                + " where platform = ? and account_id = ? and status = 'valid'"
                + " and token_set_at = ?"
                + " returning platform, account_id, status, status_reason, expires_at,"
                + " token_set_at, refreshed_at, refresh_error, sealed_refresh_token is not null")) {
      s.setString(1, reason);
      s.setTimestamp(2, Timestamp.from(clock.instant()));
      s.setString(3, ref.platform().wireName());
      s.setString(4, ref.accountId());
      s.setTimestamp(5, Timestamp.from(tokenSetAt));
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(view(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Marks an account's token invalid, in the caller's transaction, unless the platform stored a new
   * token after {@code usedSince} (the report is then about the old one). An account with a refresh
   * token is refreshed at once instead, unless the service refreshed it in the last {@link
   * #REFRESH_ON_401_GAP}: a refused token is renewed once, never in a loop.
   *
   * @param usedSince when the job that found the token invalid was sent with it; null when unknown
   * @return the account as it now is, when this call changed it from valid to invalid
   */
  public Optional<AccountView> invalidate(
      Connection c, AccountRef ref, String reason, @Nullable Instant usedSince)
      throws SQLException {
    Instant now = clock.instant();
    String renew =
        "(sealed_refresh_token is not null and (refreshed_at is null or refreshed_at < ?))";
    try (PreparedStatement s =
        c.prepareStatement(
            "update accounts set"
                + " status = case when "
                + renew
                + " then status else 'invalid' end,"
                + " status_reason = case when "
                + renew
                + " then status_reason else ? end,"
                + " refresh_due_at = case when "
                + renew
                + " then ? else refresh_due_at end,"
                + " updated_at = ?"
                + " where platform = ? and account_id = ? and status = 'valid'"
                + " and (?::timestamptz is null or token_set_at <= ?::timestamptz)"
                + " returning platform, account_id, status, status_reason, expires_at,"
                + " token_set_at, refreshed_at, refresh_error, sealed_refresh_token is not null")) {
      Timestamp gap = Timestamp.from(now.minus(REFRESH_ON_401_GAP));
      s.setTimestamp(1, gap);
      s.setTimestamp(2, gap);
      s.setString(3, reason);
      s.setTimestamp(4, gap);
      s.setTimestamp(5, Timestamp.from(now));
      s.setTimestamp(6, Timestamp.from(now));
      s.setString(7, ref.platform().wireName());
      s.setString(8, ref.accountId());
      s.setTimestamp(9, timestamp(usedSince));
      s.setTimestamp(10, timestamp(usedSince));
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getString(3).equals("invalid")
            ? Optional.of(view(rs))
            : Optional.empty();
      }
    }
  }

  /**
   * A token due for refresh, claimed for a while so that another replica does not refresh it too.
   *
   * @param sealedToken the sealed token, opened only by the refresher
   * @param tokenSetAt the token's version: the refresh is stored only if no new token came since
   * @param sealedRefreshToken the sealed refresh token (YouTube, TikTok), or null (Instagram)
   */
  public record DueRefresh(
      AccountRef ref, String sealedToken, Instant tokenSetAt, @Nullable String sealedRefreshToken) {
    @Override
    public String toString() {
      return "DueRefresh[" + ref + ", sealedToken=<redacted>]";
    }
  }

  /**
   * Claims up to {@code limit} valid tokens whose refresh is due, pushing their due time back by
   * {@code lease} (a crashed refresher's claim lapses).
   */
  public List<DueRefresh> claimDueRefreshes(int limit, Duration lease) {
    Instant now = clock.instant();
    return db.transaction(
        "claim token refreshes",
        c -> {
          List<DueRefresh> due = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "update accounts set refresh_due_at = ? where (platform, account_id) in ("
                      + " select platform, account_id from accounts"
                      + " where status = 'valid' and refresh_due_at <= ?"
                      + " order by refresh_due_at limit ? for update skip locked)"
                      + " returning platform, account_id, sealed_token, token_set_at,"
                      + " sealed_refresh_token")) {
            s.setTimestamp(1, Timestamp.from(now.plus(lease)));
            s.setTimestamp(2, Timestamp.from(now));
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                due.add(
                    new DueRefresh(
                        new AccountRef(
                            Platform.fromWireName(rs.getString(1)).orElseThrow(), rs.getString(2)),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5)));
              }
            }
          }
          return due;
        });
  }

  /** Opens a claimed token, for the refresher only. */
  String open(DueRefresh due) {
    return requireSealer().open(due.sealedToken(), due.ref().platform(), due.ref().accountId());
  }

  /** Opens a claimed account's refresh token, for the refresher only; null when it has none. */
  @Nullable String openRefresh(DueRefresh due) {
    String sealed = due.sealedRefreshToken();
    return sealed == null
        ? null
        : requireSealer().open(sealed, due.ref().platform(), due.ref().accountId());
  }

  /** Stores a refreshed token, unless the platform stored a new one meanwhile. */
  void refreshed(DueRefresh due, String token, Instant expiresAt) {
    refreshed(due, token, expiresAt, null, null);
  }

  /**
   * Stores a refreshed token and, when the provider rotated it (TikTok), the new refresh token,
   * unless the platform stored a new token meanwhile.
   */
  void refreshed(
      DueRefresh due,
      String token,
      Instant expiresAt,
      @Nullable String rotatedRefreshToken,
      @Nullable Instant refreshExpiresAt) {
    TokenSealer sealer = requireSealer();
    String sealed = sealer.seal(token, due.ref().platform(), due.ref().accountId());
    String sealedRefresh =
        rotatedRefreshToken == null
            ? due.sealedRefreshToken()
            : sealer.seal(rotatedRefreshToken, due.ref().platform(), due.ref().accountId());
    Instant now = clock.instant();
    db.execute(
        "store refreshed token",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update accounts set sealed_token = ?, expires_at = ?, refreshed_at = ?,"
                      + " refresh_due_at = ?, refresh_error = null, updated_at = ?,"
                      + " sealed_refresh_token = ?,"
                      + " refresh_expires_at = coalesce(?, refresh_expires_at)"
                      + " where platform = ? and account_id = ? and token_set_at = ?")) {
            s.setString(1, sealed);
            s.setTimestamp(2, Timestamp.from(expiresAt));
            s.setTimestamp(3, Timestamp.from(now));
            s.setTimestamp(
                4, timestamp(refreshDue(due.ref().platform(), expiresAt, sealedRefresh != null)));
            s.setTimestamp(5, Timestamp.from(now));
            s.setString(6, sealedRefresh);
            s.setTimestamp(7, timestamp(refreshExpiresAt));
            s.setString(8, due.ref().platform().wireName());
            s.setString(9, due.ref().accountId());
            s.setTimestamp(10, Timestamp.from(due.tokenSetAt()));
            s.executeUpdate();
          }
        });
  }

  /** Records a refresh that failed for a reason that may pass; the claim's lease sets the retry. */
  void refreshFailed(DueRefresh due, String error) {
    db.execute(
        "record refresh failure",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update accounts set refresh_error = ?, updated_at = ?"
                      + " where platform = ? and account_id = ?")) {
            s.setString(1, error);
            s.setTimestamp(2, Timestamp.from(clock.instant()));
            s.setString(3, due.ref().platform().wireName());
            s.setString(4, due.ref().accountId());
            s.executeUpdate();
          }
        });
  }

  private AccountView view(ResultSet rs) throws SQLException {
    Instant expiresAt = instantOrNull(rs, 5);
    String stored = rs.getString(3);
    Instant now = clock.instant();
    AccountView.Status status;
    String reason = rs.getString(4);
    boolean renewed = rs.getBoolean(9); // the service renews it with its refresh token
    if (stored.equals("invalid")) {
      status = AccountView.Status.INVALID;
    } else if (stored.equals("needs_reauth")) {
      status = AccountView.Status.NEEDS_REAUTH;
    } else if (renewed) {
      status = AccountView.Status.VALID;
    } else if (expiresAt != null && !expiresAt.isAfter(now)) {
      status = AccountView.Status.INVALID;
      reason = "expired";
    } else if (expiresAt != null && expiresAt.isBefore(now.plus(expiringWindow))) {
      status = AccountView.Status.EXPIRING;
    } else {
      status = AccountView.Status.VALID;
    }
    return new AccountView(
        Platform.fromWireName(rs.getString(1)).orElseThrow(),
        rs.getString(2),
        status,
        reason,
        expiresAt,
        rs.getTimestamp(6).toInstant(),
        instantOrNull(rs, 7),
        rs.getString(8));
  }

  private static @Nullable Instant instantOrNull(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
