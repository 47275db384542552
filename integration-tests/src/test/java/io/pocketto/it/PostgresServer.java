package io.pocketto.it;

import io.pocketto.testpostgres.SharedPostgres;
import java.util.Map;

/**
 * One real PostgreSQL server for the whole test run ({@link SharedPostgres}). Each caller gets a schema of its own,
 * which is as isolated as a database for Pocketto and far cheaper to make.
 */
public final class PostgresServer {
  /**
   * Autovacuum's ANALYZE runs in a transaction with an id, which holds the changes feed back for as long as it runs
   * (a lag, never a loss). Tests that read the feed to its end at one moment would see that lag at random; the lag
   * itself is tested with a transaction held open on purpose.
   */
  private static final Map<String, String> SETTINGS = Map.of("autovacuum", "off");

  private PostgresServer() {}

  /** The port the server listens on. */
  public static int port() {
    return SharedPostgres.start(SETTINGS).port();
  }

  /** The JDBC URL of a new, empty schema; connections opened on it see only that schema. */
  public static String freshUrl() {
    return SharedPostgres.start(SETTINGS).freshSchemaUrl("it_");
  }
}
