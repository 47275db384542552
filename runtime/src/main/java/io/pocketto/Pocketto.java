package io.pocketto;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Iterator;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Opens databases and holds the default one, which generated static methods such as
 * {@code SalesInvoice.find(id)} use. The first database opened becomes the default.
 */
public final class Pocketto {
  /** The default database; a closed one stays here until the next look, which clears it. */
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
    return builder().url(jdbcUrl).connect();
  }

  /** Opens a database that needs credentials; see {@link #connect(String)}. */
  public static Database connect(String jdbcUrl, String user, String password) {
    return builder().url(jdbcUrl).credentials(user, password).connect();
  }

  /** Opens a database with at most {@code maxPoolSize} pooled connections; see {@link #connect(String)}. */
  public static Database connect(String jdbcUrl, String user, String password, int maxPoolSize) {
    return builder().url(jdbcUrl).credentials(user, password).maxPoolSize(maxPoolSize).connect();
  }

  /**
   * Opens a database on the application's connection pool. Pocketto borrows connections from it and
   * gives each back after use; {@link Database#close()} leaves the pool open. The dialect is chosen from
   * the URL the driver reports. If there is no default database yet, this one becomes it.
   *
   * @throws IllegalArgumentException if the database is not H2 or PostgreSQL
   * @throws StorageException if no connection can be had from {@code dataSource}
   */
  public static Database connect(DataSource dataSource) {
    return builder().dataSource(dataSource).connect();
  }

  /** Options for opening a database, beyond where it is: {@code Pocketto.builder().dataSource(ds).connect()}. */
  public static Builder builder() {
    return new Builder();
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
    if (db != null && db.isClosed()) {
      DEFAULT.compareAndSet(db, null);
      db = null;
    }
    if (db == null) {
      throw new IllegalStateException(
          "no default database: call Pocketto.connect(\"jdbc:h2:file:./data/app\") first, or use Model.in(database)");
    }
    return db;
  }

  /** The engine, once found; see {@link #provider()}. */
  private static volatile DatabaseProvider provider;

  /**
   * The engine, found through {@link ServiceLoader} in the class loader that loaded this API: the runtime jar
   * registers it, so the thread's context class loader (a web server's, a pool thread's) does not matter. Two
   * threads may both look on first use; they find the same one.
   */
  private static DatabaseProvider provider() {
    DatabaseProvider found = provider;
    if (found == null) {
      found = provider(Pocketto.class.getClassLoader());
      provider = found;
    }
    return found;
  }

  /**
   * The one {@link DatabaseProvider} registered in {@code loader}.
   *
   * @throws IllegalStateException if there is none, or more than one
   */
  static DatabaseProvider provider(ClassLoader loader) {
    Iterator<DatabaseProvider> found = ServiceLoader.load(DatabaseProvider.class, loader).iterator();
    if (!found.hasNext()) {
      throw new IllegalStateException("no Pocketto engine found: META-INF/services/" + DatabaseProvider.class.getName()
          + " of pocketto-runtime is missing from the class path (a fat jar must keep it: Maven Shade's "
          + "ServicesResourceTransformer merges such files)");
    }
    DatabaseProvider first = found.next();
    if (found.hasNext()) {
      throw new IllegalStateException("more than one Pocketto engine on the class path: "
          + first.getClass().getName() + " and " + found.next().getClass().getName()
          + "; keep one pocketto-runtime jar");
    }
    return first;
  }

  /**
   * How to open a database: either a JDBC URL, for which Pocketto opens a pool of its own, or the
   * application's {@code DataSource}; then the options that apply to both. Not thread-safe; each {@link
   * #connect()} opens a new database.
   */
  public static final class Builder {
    private String url;
    private String user;
    private String password;
    private int maxPoolSize = Database.DEFAULT_POOL_SIZE;
    private DataSource dataSource;
    private TransactionJoiner joiner;
    private boolean createTables = true;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private MeterRegistry meterRegistry;

    private Builder() {}

    /** Opens a pool of Pocketto's own on this JDBC URL; see {@link Pocketto#connect(String)}. */
    public Builder url(String jdbcUrl) {
      this.url = jdbcUrl;
      return this;
    }

    /** The user and password for {@link #url}. */
    public Builder credentials(String user, String password) {
      this.user = user;
      this.password = password;
      return this;
    }

    /** The most connections Pocketto's own pool keeps for {@link #url}; 10 by default. */
    public Builder maxPoolSize(int maxPoolSize) {
      if (maxPoolSize < 1) {
        throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSize);
      }
      this.maxPoolSize = maxPoolSize;
      return this;
    }

    /** Borrows connections from the application's pool instead; see {@link Pocketto#connect(DataSource)}. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** Joins the application's transactions found by {@code joiner}, e.g. Spring's; see {@link TransactionJoiner}. */
    public Builder transactionJoiner(TransactionJoiner joiner) {
      this.joiner = joiner;
      return this;
    }

    /**
     * Whether Pocketto creates each model's table on first use and adds columns for new fields; {@code
     * true} by default. Turn it off when the application's migrations (Flyway, Liquibase) own the schema;
     * {@link Database#schemaStatements} prints what they must create.
     */
    public Builder createTables(boolean createTables) {
      this.createTables = createTables;
      return this;
    }

    /** The retry policy of incremental writes and conflict handlers; {@link RetryPolicy#defaults()} by default. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = required("retry policy", retryPolicy);
      return this;
    }

    /**
     * Counts and times reads, writes, conflicts, retries, exhausted retries and rolled-back bundles in
     * {@code registry}, tagged by collection (see README, "Metrics"). Needs {@code
     * io.micrometer:micrometer-core} on the class path, which the runtime does not bring.
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = required("meter registry", registry);
      return this;
    }

    private static <V> V required(String what, V value) {
      if (value == null) {
        throw new IllegalArgumentException(what + " must not be null");
      }
      return value;
    }

    /**
     * Opens the database. If there is no default database yet, this one becomes it.
     *
     * @throws IllegalArgumentException if both or neither of a URL and a {@code DataSource} are given,
     *     or the database is not one Pocketto supports
     * @throws StorageException if the database cannot be reached
     * @throws IllegalStateException if the runtime's engine is missing from the class path (see {@link
     *     DatabaseProvider})
     */
    public Database connect() {
      if ((url == null) == (dataSource == null)) {
        throw new IllegalArgumentException(url == null
            ? "give a JDBC URL or a DataSource, e.g. Pocketto.builder().url(\"jdbc:h2:file:./data/app\")"
            : "give a JDBC URL or a DataSource, not both");
      }
      Database db = provider().open(new DatabaseSettings(url, user, password, maxPoolSize, dataSource, joiner,
          createTables, retryPolicy, meterRegistry));
      DEFAULT.updateAndGet(current -> current == null || current.isClosed() ? db : current);
      return db;
    }
  }
}
