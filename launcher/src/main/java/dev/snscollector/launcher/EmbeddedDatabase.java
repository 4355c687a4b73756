package dev.snscollector.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL for the API in {@code demo}, {@code local} and {@code api-bench}: zonky's embedded
 * server (the real PostgreSQL binaries, unpacked and run as a child process). Local use only.
 */
final class EmbeddedDatabase implements AutoCloseable {
  private final EmbeddedPostgres pg;

  private EmbeddedDatabase(EmbeddedPostgres pg) {
    this.pg = pg;
  }

  /**
   * Starts a server.
   *
   * @param dataDirectory where to keep the data across runs; null for a fresh, throw-away one
   */
  static EmbeddedDatabase start(@Nullable Path dataDirectory) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (dataDirectory != null) {
        builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
      }
      return new EmbeddedDatabase(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  /** {@code jdbc:postgresql://localhost:<port>/postgres?user=postgres}. */
  String jdbcUrl() {
    return pg.getJdbcUrl("postgres", "postgres");
  }

  @Override
  public void close() {
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
    }
  }
}
