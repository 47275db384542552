package io.pocketto;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens databases and holds the default one, which generated static methods such as
 * {@code SalesInvoice.find(id)} use. The first database opened becomes the default.
 */
public final class Pocketto {
  private static final AtomicReference<Database> DEFAULT = new AtomicReference<>();

  private Pocketto() {}

  /**
   * Opens a database, e.g. {@code jdbc:h2:file:./data/billing} or {@code jdbc:h2:mem:test}. If there
   * is no default database yet, this one becomes it.
   *
   * @throws IllegalArgumentException if the URL names a database Pocketto does not support
   * @throws StorageException if the database cannot be opened
   */
  public static Database connect(String jdbcUrl) {
    return connect(jdbcUrl, null, null);
  }

  /** Opens a database that needs credentials; see {@link #connect(String)}. */
  public static Database connect(String jdbcUrl, String user, String password) {
    return connect(jdbcUrl, user, password, Database.DEFAULT_POOL_SIZE);
  }

  /** Opens a database with at most {@code maxPoolSize} pooled connections; see {@link #connect(String)}. */
  public static Database connect(String jdbcUrl, String user, String password, int maxPoolSize) {
    Database db = new Database(jdbcUrl, user, password, maxPoolSize);
    DEFAULT.compareAndSet(null, db);
    return db;
  }

  /** Makes {@code database} the default for generated static methods. */
  public static void setDefault(Database database) {
    if (database == null || database.isClosed()) {
      throw new IllegalArgumentException("the default database must be open, was " + database);
    }
    DEFAULT.set(database);
  }

  /**
   * The default database.
   *
   * @throws IllegalStateException if none is open
   */
  public static Database defaultDatabase() {
    Database db = DEFAULT.get();
    if (db == null) {
      throw new IllegalStateException(
          "no default database: call Pocketto.connect(\"jdbc:h2:file:./data/app\") first, or use Model.in(database)");
    }
    return db;
  }

  static void forget(Database database) {
    DEFAULT.compareAndSet(database, null);
  }
}
