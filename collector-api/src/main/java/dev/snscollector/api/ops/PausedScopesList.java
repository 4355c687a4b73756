package dev.snscollector.api.ops;

import dev.snscollector.api.db.Database;
import dev.snscollector.capture.PausedScopes;
import dev.snscollector.capture.S3Layout;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The platforms and routes operators paused ({@code paused_scopes}), and the object the workers
 * poll ({@link S3Layout#pausedScopesKey()}). Each pause or resume changes the table and rewrites
 * the object whole inside one transaction, under an advisory lock, so the object always holds every
 * committed pause and a failed write undoes the change (the operator is told; nothing is half
 * paused).
 */
public final class PausedScopesList {
  /** The advisory lock's key: any constant no other code uses ("pauses" in ASCII). */
  private static final long LOCK = 0x706175736573L;

  /** A paused scope: who paused it and when. */
  public record Pause(String scope, Instant at, String by) {}

  private final Database db;
  private final S3Client s3;
  private final String bucket;
  private final Clock clock;

  public PausedScopesList(Database db, S3Client s3, String bucket, Clock clock) {
    this.db = db;
    this.s3 = s3;
    this.bucket = bucket;
    this.clock = clock;
  }

  /**
   * Pauses {@code scope} (already canonical, {@link PausedScopes#parse}).
   *
   * @return whether it was not paused before
   */
  public boolean pause(String scope, String by) {
    return change(
        "pause " + scope,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into paused_scopes (scope, paused_at, paused_by) values (?, ?, ?)"
                      + " on conflict (scope) do nothing")) {
            s.setString(1, scope);
            s.setTimestamp(2, Timestamp.from(clock.instant()));
            s.setString(3, by);
            return s.executeUpdate() == 1;
          }
        });
  }

  /**
   * Resumes {@code scope}.
   *
   * @return whether it was paused
   */
  public boolean resume(String scope) {
    return change(
        "resume " + scope,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("delete from paused_scopes where scope = ?")) {
            s.setString(1, scope);
            return s.executeUpdate() == 1;
          }
        });
  }

  /** What is paused now, by scope. */
  public Map<String, Pause> paused() {
    return db.read("read the paused scopes", PausedScopesList::read);
  }

  @FunctionalInterface
  private interface Change {
    boolean apply(Connection c) throws SQLException;
  }

  private boolean change(String what, Change change) {
    return db.transaction(
        what,
        c -> {
          Database.lockForTransaction(c, LOCK);
          boolean changed = change.apply(c);
          // Written even when nothing changed: a write lost earlier is mended by the next command.
          Instant now = clock.instant();
          s3.putObject(
              r -> r.bucket(bucket).key(S3Layout.pausedScopesKey()).contentType("application/json"),
              RequestBody.fromBytes(PausedScopes.encode(now, read(c).keySet())));
          return changed;
        });
  }

  private static Map<String, Pause> read(Connection c) throws SQLException {
    Map<String, Pause> out = new LinkedHashMap<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "select scope, paused_at, paused_by from paused_scopes order by scope");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.put(
            rs.getString(1),
            new Pause(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)));
      }
    }
    return out;
  }
}
