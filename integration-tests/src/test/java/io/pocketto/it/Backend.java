package io.pocketto.it;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A database the suite runs against. Every {@link BackendTest} runs once per constant, so supporting a
 * new database (PostgreSQL, say) means adding a constant here, not copying tests.
 */
public enum Backend {
  /** H2 in memory: a new named database per call, dropped when it is closed. */
  H2_MEMORY("H2", false) {
    @Override
    public String freshUrl(Path scratchDir) {
      return "jdbc:h2:mem:it-" + UUID.randomUUID();
    }
  },
  /** H2 in a file under the test's temporary directory. */
  H2_FILE("H2", true) {
    @Override
    public String freshUrl(Path scratchDir) {
      return "jdbc:h2:file:" + scratchDir.resolve("db-" + UUID.randomUUID()).toAbsolutePath();
    }
  };

  private final String dialect;
  private final boolean durable;

  Backend(String dialect, boolean durable) {
    this.dialect = dialect;
    this.durable = durable;
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

  /** Whether data survives closing the database and opening the same URL again. */
  public boolean durable() {
    return durable;
  }
}
