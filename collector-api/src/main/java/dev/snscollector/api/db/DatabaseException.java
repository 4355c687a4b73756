package dev.snscollector.api.db;

import java.sql.SQLException;

/**
 * The database could not do what was asked: unreachable, timed out, or a statement failed. The
 * message carries the SQL state, never bound values (they may be tokens).
 */
public final class DatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  public DatabaseException(String what, SQLException cause) {
    super(what + " failed: SQL state " + cause.getSQLState(), cause);
    this.sqlState = String.valueOf(cause.getSQLState());
  }

  /** The PostgreSQL error code (e.g. {@code 23505} unique violation, {@code 40001} retry). */
  public String sqlState() {
    return sqlState;
  }
}
