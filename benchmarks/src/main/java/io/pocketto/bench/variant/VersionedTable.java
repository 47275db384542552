package io.pocketto.bench.variant;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What the two version-checked peers, Hibernate and jOOQ, share: the runtime's table with a version
 * column in place of {@code _rev}, and a pool with the settings every variant uses.
 */
final class VersionedTable {
  private VersionedTable() {}

  /**
   * The runtime's table with a {@code _version} column in place of {@code _rev}, and its indexes. The
   * changes-feed columns ({@code _seq}, and {@code _xid} on PostgreSQL) take their values from defaults on
   * insert, since neither peer keeps a feed, so their inserts maintain the same index; their updates leave
   * those columns alone. Column types as the runtime's dialect makes them ({@code jsonb} for the lines on
   * PostgreSQL).
   */
  static List<String> ddl(boolean postgres) {
    String text = postgres ? "text" : "CHARACTER VARYING";
    String timestamp = postgres ? "timestamptz" : "TIMESTAMP(6) WITH TIME ZONE";
    return List.of(
        "CREATE SEQUENCE IF NOT EXISTS \"sales_invoices_pos_seq\"",
        "CREATE TABLE IF NOT EXISTS \"sales_invoices\" (\n"
            + "  \"_id\" CHARACTER VARYING(255) NOT NULL PRIMARY KEY,\n"
            + "  \"_version\" BIGINT NOT NULL,\n"
            + "  \"_deleted\" BOOLEAN DEFAULT FALSE NOT NULL,\n"
            + "  \"_writer\" CHARACTER VARYING(255),\n"
            + "  \"_lock_holder\" CHARACTER VARYING(255),\n"
            + "  \"_lock_expires\" " + timestamp + ",\n"
            + "  \"_seq\" BIGINT DEFAULT " + (postgres ? "nextval('\"sales_invoices_pos_seq\"')"
                : "NEXT VALUE FOR \"sales_invoices_pos_seq\"") + " NOT NULL,\n"
            + (postgres ? "  \"_xid\" xid8 DEFAULT pg_current_xact_id() NOT NULL,\n" : "")
            + "  \"_attempt\" BIGINT,\n"
            + "  \"_created_at\" " + timestamp + " DEFAULT CURRENT_TIMESTAMP NOT NULL,\n"
            + "  \"_updated_at\" " + timestamp + " DEFAULT CURRENT_TIMESTAMP NOT NULL,\n"
            + "  \"number\" " + text + ",\n"
            + "  \"customer\" " + text + ",\n"
            // As Pocketto stores it: H2 keeps a decimal's scale only as text.
            + "  \"total\" " + (postgres ? "numeric" : "CHARACTER VARYING") + ",\n"
            + "  \"issued_on\" DATE,\n"
            + "  \"status\" " + text + ",\n"
            + "  \"reminders\" INTEGER,\n"
            + "  \"lines\" " + (postgres ? "jsonb" : "CHARACTER VARYING") + "\n"
            + ")",
        postgres ? RuntimeStatements.POSTGRES_POSITION_INDEX : RuntimeStatements.H2_POSITION_INDEX,
        RuntimeStatements.INDEX_CUSTOMER_ISSUED_ON);
  }

  /**
   * A HikariCP pool on {@code url} of Pocketto's default size, so that every pooled variant pays for the
   * same pool, with the table created. The settings the other variants use: an in-memory database lives
   * until {@link #close}, a file database writes each commit before it returns (the runtime's
   * {@code WRITE_DELAY=0}). On PostgreSQL strings are sent untyped, so that the server casts the lines'
   * text to {@code jsonb}, as the runtime's {@code ?::jsonb} does.
   */
  static HikariDataSource open(String url, String poolName) {
    boolean postgres = isPostgres(url);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres ? url + "&stringtype=unspecified"
        : url + (isInMemory(url) ? ";DB_CLOSE_DELAY=-1" : ";WRITE_DELAY=0"));
    config.setMaximumPoolSize(io.pocketto.Database.DEFAULT_POOL_SIZE);
    config.setPoolName(poolName);
    HikariDataSource pool = new HikariDataSource(config);
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      for (String ddl : ddl(postgres)) {
        s.execute(ddl);
      }
    } catch (SQLException e) {
      pool.close();
      throw new IllegalStateException("cannot create the table at " + url, e);
    }
    return pool;
  }

  static boolean isPostgres(String url) {
    return url.startsWith("jdbc:postgresql:");
  }

  static boolean isInMemory(String url) {
    return url.startsWith("jdbc:h2:mem:");
  }

  /** Closes the pool, first dropping an in-memory database that {@link #open} kept alive. */
  static void close(HikariDataSource pool) {
    if (isInMemory(pool.getJdbcUrl())) {
      try {
        Connection c = pool.getConnection();
        try (Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        } finally {
          // The connection died with the database: the pool must not hand it out again.
          pool.evictConnection(c);
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    pool.close();
  }
}
