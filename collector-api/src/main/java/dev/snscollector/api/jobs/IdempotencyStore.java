package dev.snscollector.api.jobs;

import dev.snscollector.api.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Responses kept under their {@code Idempotency-Key}, per API key. A request claims its key in the
 * same transaction that stores its jobs: a concurrent request with the same key waits on the
 * primary key until the first commits, then finds the stored response. Only successful responses
 * are kept; a request that failed left nothing and may be retried as it was.
 */
public final class IdempotencyStore {
  private final Database db;

  public IdempotencyStore(Database db) {
    this.db = db;
  }

  /**
   * A stored response.
   *
   * @param requestHash SHA-256 of the request it answered, hex
   * @param status its HTTP status
   * @param body its JSON body
   */
  public record Stored(String requestHash, int status, String body) {
    public boolean answers(String hash) {
      return requestHash.equals(hash);
    }
  }

  public Optional<Stored> find(String apiKeyId, String key) {
    return db.read(
        "read idempotency key",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select request_hash, status, response from idempotency_keys"
                      + " where api_key_id = ? and key = ?")) {
            s.setString(1, apiKeyId);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new Stored(
                          HexFormat.of().formatHex(rs.getBytes(1)), rs.getInt(2), rs.getString(3)))
                  : Optional.empty();
            }
          }
        });
  }

  /**
   * Claims a key in the caller's transaction (the response is filled in by {@link #complete});
   * false when another request holds it (that request has committed by the time this returns).
   */
  boolean claim(Connection c, String apiKeyId, String key, String requestHash, Instant now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into idempotency_keys (api_key_id, key, request_hash, status, response,"
                + " created_at) values (?, ?, ?, 0, '{}', ?) on conflict do nothing")) {
      s.setString(1, apiKeyId);
      s.setString(2, key);
      s.setBytes(3, HexFormat.of().parseHex(requestHash));
      s.setTimestamp(4, Timestamp.from(now));
      return s.executeUpdate() == 1;
    }
  }

  void complete(Connection c, String apiKeyId, String key, int status, String body)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "update idempotency_keys set status = ?, response = ?"
                + " where api_key_id = ? and key = ?")) {
      s.setInt(1, status);
      s.setString(2, body);
      s.setString(3, apiKeyId);
      s.setString(4, key);
      s.executeUpdate();
    }
  }

  /** Forgets responses older than {@code before}; returns how many. */
  public int purge(Instant before) {
    return db.transaction(
        "purge idempotency keys",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("delete from idempotency_keys where created_at < ?")) {
            s.setTimestamp(1, Timestamp.from(before));
            return s.executeUpdate();
          }
        });
  }

  /** What identifies a request: method, path and body bytes (SHA-256, hex). */
  public static String hash(String method, String path, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
