package io.pocketto.spring.boot.tx;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pocketto.testpostgres.SharedPostgres;
import java.util.Map;
import java.util.UUID;

/** The databases the transaction tests run on; each call gives a new, empty one behind an application's pool. */
public enum TestDatabase {
  H2 {
    @Override
    String freshUrl() {
      return "jdbc:h2:mem:tx-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
  },
  POSTGRES {
    /** A schema of its own on the run's one embedded PostgreSQL, with PostgreSQL's default settings. */
    @Override
    String freshUrl() {
      return SharedPostgres.start(Map.of()).freshSchemaUrl("tx_");
    }
  };

  abstract String freshUrl();

  /** An application's HikariCP pool on a new, empty database; the caller closes it. */
  public HikariDataSource pool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(freshUrl());
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }
}
