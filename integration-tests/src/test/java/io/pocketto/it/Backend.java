package io.pocketto.it;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A database the suite runs against. Every {@link BackendTest} runs once per constant, so supporting a
 * new database (PostgreSQL, say) means adding a constant here, not copying tests.
 */
public enum Backend {
  /** H2 in memory: a new named database per call, dropped when it is closed. */
  H2_MEMORY("H2", false, ChronoUnit.NANOS) {
    @Override
    public String freshUrl(Path scratchDir) {
      return "jdbc:h2:mem:it-" + UUID.randomUUID();
    }
  },
  /** H2 in a file under the test's temporary directory. */
  H2_FILE("H2", true, ChronoUnit.NANOS) {
    @Override
    public String freshUrl(Path scratchDir) {
      return "jdbc:h2:file:" + scratchDir.resolve("db-" + UUID.randomUUID()).toAbsolutePath();
    }
  },
  /** A schema of its own on the one embedded PostgreSQL server of the test run. */
  POSTGRES("PostgreSQL", true, ChronoUnit.MICROS) {
    @Override
    public String freshUrl(Path scratchDir) {
      return PostgresServer.freshUrl();
    }
  };

  private final String dialect;
  private final boolean durable;
  private final ChronoUnit timePrecision;

  Backend(String dialect, boolean durable, ChronoUnit timePrecision) {
    this.dialect = dialect;
    this.durable = durable;
    this.timePrecision = timePrecision;
  }

  /** The URL of a new, empty database; {@code scratchDir} is a directory the test owns. */
  public abstract String freshUrl(Path scratchDir);

  /** Opens a new, empty database. */
  public Database open(Path scratchDir) {
    return Pocketto.connect(freshUrl(scratchDir));
  }

  /** A plain JDBC connection to an open database, to look at rows behind the runtime's back. */
  public Connection jdbc(Database database) throws SQLException {
    return DriverManager.getConnection(database.url());
  }

  /** The name {@link Database#dialectName()} reports for this backend. */
  public String dialect() {
    return dialect;
  }

  /** The finest time unit an instant or date-time keeps here; a finer one is refused on save. */
  public ChronoUnit timePrecision() {
    return timePrecision;
  }

  /** Whether data survives closing the database and opening the same URL again. */
  public boolean durable() {
    return durable;
  }
}
