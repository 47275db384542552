package io.pocketto.bench;

import io.pocketto.testpostgres.SharedPostgres;
import java.util.Map;

/**
 * The embedded PostgreSQL server of this JVM ({@link SharedPostgres}). JMH forks a JVM per trial, so each trial
 * pays for one start (a few seconds, outside the measurement).
 *
 * <p>It runs with PostgreSQL's default settings, but for {@code shared_buffers} when the system property
 * {@value #SHARED_BUFFERS} is set (e.g. {@code -Dpocketto.bench.postgres.sharedBuffers=1GB}): the default,
 * 128 MB, is less than the scale suite's table of a million documents.
 */
final class PostgresServer {
  /** The system property that sets the server's {@code shared_buffers}. */
  static final String SHARED_BUFFERS = "pocketto.bench.postgres.sharedBuffers";

  private PostgresServer() {}

  private static SharedPostgres server() {
    String sharedBuffers = System.getProperty(SHARED_BUFFERS);
    return SharedPostgres.start(sharedBuffers == null ? Map.of() : Map.of("shared_buffers", sharedBuffers));
  }

  /** The JDBC URL of {@code database} on this server. */
  static String url(String database) {
    return server().url(database);
  }

  /** Runs one administrative statement, such as {@code CREATE DATABASE}, on the server's own database. */
  static void execute(String sql) {
    server().execute(sql);
  }
}
