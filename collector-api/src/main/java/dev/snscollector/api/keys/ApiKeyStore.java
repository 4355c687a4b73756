package dev.snscollector.api.keys;

import dev.snscollector.api.db.Database;
import dev.snscollector.api.http.Caller;
import dev.snscollector.api.http.KeyLookup;
import dev.snscollector.api.http.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * API keys in the database. A key is {@code ck_} and 32 random base64url characters; only its
 * SHA-256 hash is stored, so a leaked database does not leak keys. Looked up on every request (an
 * indexed read): revoking a key takes effect at once on every replica.
 */
public final class ApiKeyStore implements KeyLookup {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final Clock clock;

  public ApiKeyStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * A key as listed: never the key itself.
   *
   * @param id the key's id
   * @param name what it is for
   * @param scopes what it may do
   * @param createdAt when it was created
   * @param revokedAt when it was revoked, or null while active
   */
  public record KeyInfo(
      String id,
      String name,
      List<String> scopes,
      Instant createdAt,
      @Nullable Instant revokedAt) {}

  /**
   * A key just created; the only time the key is shown.
   *
   * @param key the secret to send as {@code Authorization: Bearer <key>}
   */
  public record CreatedKey(KeyInfo info, String key) {
    @Override
    public String toString() {
      return "CreatedKey[" + info + ", key=<redacted>]";
    }
  }

  /** Creates a key with a fresh random secret. */
  public CreatedKey create(String name, Set<Scope> scopes) {
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    return insert(
        name, scopes, "ck_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /**
   * Makes sure {@code key} exists with {@code scopes} (how an operator bootstraps the service with
   * {@code API_ADMIN_KEY}). Idempotent across restarts and replicas.
   */
  public void ensure(String name, Set<Scope> scopes, String key) {
    db.execute(
        "ensure API key",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into api_keys (id, name, key_hash, scopes, created_at)"
                      + " values (?, ?, ?, ?, ?) on conflict (key_hash) do update"
                      + " set scopes = excluded.scopes, revoked_at = null")) {
            s.setString(1, newId());
            s.setString(2, name);
            s.setBytes(3, hash(key));
            s.setArray(4, scopesArray(c, scopes));
            s.setTimestamp(5, Timestamp.from(clock.instant()));
            s.executeUpdate();
          }
        });
  }

  private CreatedKey insert(String name, Set<Scope> scopes, String key) {
    String id = newId();
    Instant now = clock.instant();
    db.execute(
        "create API key",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into api_keys (id, name, key_hash, scopes, created_at)"
                      + " values (?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, name);
            s.setBytes(3, hash(key));
            s.setArray(4, scopesArray(c, scopes));
            s.setTimestamp(5, Timestamp.from(now));
            s.executeUpdate();
          }
        });
    return new CreatedKey(new KeyInfo(id, name, wireNames(scopes), now, null), key);
  }

  @Override
  public Optional<Caller> find(String presentedKey) {
    if (presentedKey.isEmpty() || presentedKey.length() > 200) {
      return Optional.empty();
    }
    return db.read(
        "find API key",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select id, name, scopes from api_keys where key_hash = ? and revoked_at is null")) {
            s.setBytes(1, hash(presentedKey));
            try (ResultSet rs = s.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              Set<Scope> scopes = EnumSet.noneOf(Scope.class);
              for (String name : (String[]) rs.getArray(3).getArray()) {
                Scope.fromWireName(name).ifPresent(scopes::add);
              }
              return Optional.of(new Caller(rs.getString(1), rs.getString(2), scopes));
            }
          }
        });
  }

  public List<KeyInfo> list() {
    return db.read(
        "list API keys",
        c -> {
          List<KeyInfo> out = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "select id, name, scopes, created_at, revoked_at from api_keys order by created_at, id");
              ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              Timestamp revoked = rs.getTimestamp(5);
              out.add(
                  new KeyInfo(
                      rs.getString(1),
                      rs.getString(2),
                      List.of((String[]) rs.getArray(3).getArray()),
                      rs.getTimestamp(4).toInstant(),
                      revoked == null ? null : revoked.toInstant()));
            }
          }
          return out;
        });
  }

  /** Revokes a key; false when there is no such active key. */
  public boolean revoke(String id) {
    return db.transaction(
        "revoke API key",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update api_keys set revoked_at = ? where id = ? and revoked_at is null")) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            s.setString(2, id);
            return s.executeUpdate() == 1;
          }
        });
  }

  private static Array scopesArray(java.sql.Connection c, Set<Scope> scopes)
      throws java.sql.SQLException {
    return c.createArrayOf("text", wireNames(scopes).toArray());
  }

  private static List<String> wireNames(Set<Scope> scopes) {
    return scopes.stream().map(Scope::wireName).sorted().toList();
  }

  private static String newId() {
    byte[] id = new byte[8];
    RANDOM.nextBytes(id);
    return "key_" + HexFormat.of().formatHex(id);
  }

  static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
