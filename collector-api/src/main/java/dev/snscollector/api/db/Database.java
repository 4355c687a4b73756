package dev.snscollector.api.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

/**
 * The connection pool (HikariCP) and the schema (Flyway migrations under {@code db/migration}).
 * Work runs through {@link #transaction} or {@link #read}; both turn {@link SQLException} into
 * {@link DatabaseException} and never leave a connection open.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;

  private Database(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * Opens the pool and migrates the schema. Replicas starting together are safe: Flyway takes a
   * PostgreSQL advisory lock while it migrates.
   */
  public static Database open(
      String url, @Nullable String user, @Nullable String password, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(Math.min(2, poolSize));
    config.setPoolName("collector-api");
    config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
    // One round trip for a 1,000-row batch insert instead of 1,000.
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("ApplicationName", "collector-api");
    HikariDataSource pool = new HikariDataSource(config);
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          .cleanDisabled(true)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(pool);
  }

  /** Work inside one transaction: committed when it returns, rolled back when it throws. */
  public <T> T transaction(String what, SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new DatabaseException(what, e);
    }
  }

  /** Work without a result inside one transaction. */
  public void execute(String what, SqlAction work) {
    transaction(
        what,
        c -> {
          work.run(c);
          return Boolean.TRUE;
        });
  }

  /**
   * Takes a PostgreSQL advisory lock held until the transaction on {@code c} ends: writers of one
   * whole object (a control list rewritten from the table) take it so their writes land in the
   * order of their snapshots.
   *
   * @param key any constant no other lock uses
   */
  public static void lockForTransaction(Connection c, long key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
      s.setLong(1, key);
      s.executeQuery().close();
    }
  }

  /** Work on one connection in auto-commit mode: each statement is its own transaction. */
  public <T> T read(String what, SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new DatabaseException(what, e);
    }
  }

  /** Whether the database answers within {@code timeout}: the readiness probe. */
  public boolean reachable(Duration timeout) {
    try (Connection c = pool.getConnection();
        PreparedStatement s = c.prepareStatement("select 1")) {
      s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
      s.executeQuery().close();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  /** A unit of work on a connection, without a result. */
  @FunctionalInterface
  public interface SqlAction {
    void run(Connection c) throws SQLException;
  }

  /** A unit of work on a connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }
}
