package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.Database;
import io.pocketto.BundleWork;
import io.pocketto.ChangeEvent;
import io.pocketto.ChangeListener;
import io.pocketto.RetryPolicy;
import io.pocketto.OutcomeUnknownException;
import io.pocketto.StorageException;
import io.pocketto.TransactionRetriesExhaustedException;
import io.pocketto.Subscription;
import io.pocketto.TransactionJoiner;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC side of a {@link Database}: the connection pool, the dialect, statements, transactions
 * (bundles, or the application's through a {@link TransactionJoiner}) and the change events they deliver.
 * Its tables, one {@link DocumentTable} per model, and the database's id are kept by {@link TableRegistry}.
 */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final List<Dialect> DIALECTS = List.of(new H2Dialect(), new PostgresDialect());
  /**
   * Open engines per URL in this JVM. Two databases opened on one in-memory URL share it, so the
   * shutdown that drops it must wait for the last of them to close.
   */
  private static final ConcurrentHashMap<String, Integer> OPEN_PER_URL = new ConcurrentHashMap<>();

  private final Database database;
  private final String url;
  private final Dialect dialect;
  private final ConnectionSource connections;
  /** Finds the application's transaction to join; {@code null} when Pocketto runs its transactions alone. */
  private final TransactionJoiner joiner;
  private final boolean createTables;
  private final Metrics metrics;
  /** The tables of this database, its id and the change numbers its tables hold. */
  private final TableRegistry tables;
  private final ChangeFeed feed = new ChangeFeed();
  private final ThreadLocal<Transaction> transaction = new ThreadLocal<>();
  private final StatementCache statements = new StatementCache();
  private volatile RetryPolicy retryPolicy = RetryPolicy.defaults();
  private volatile String writer = Writers.PROCESS_DEFAULT;
  /** The writer of a {@link io.pocketto.WriterScope} open on this thread, if any. */
  private final ThreadLocal<String> scopedWriter = new ThreadLocal<>();
  private volatile boolean closed;

  /**
   * How an engine is set up beyond where its connections come from: the transaction joiner ({@code null}
   * for none), whether it creates and migrates tables, the retry policy and what counts its work.
   */
  public record Options(TransactionJoiner joiner, boolean createTables, RetryPolicy retryPolicy, Metrics metrics) {
    /** No joiner, tables created, the default retry policy, no metrics. */
    public static Options defaults() {
      return new Options(null, true, RetryPolicy.defaults(), Metrics.NONE);
    }
  }

  private Engine(Database database, String url, Dialect dialect, ConnectionSource connections, Options options) {
    this.database = database;
    this.url = url;
    this.dialect = dialect;
    this.connections = connections;
    this.tables = new TableRegistry(this, dialect);
    this.joiner = options.joiner();
    this.createTables = options.createTables();
    this.metrics = options.metrics();
    setRetryPolicy(options.retryPolicy());
    LOG.debug("opened {} database {}", dialect.name(), url);
  }

  /**
   * Opens a pool of its own on {@code jdbcUrl}, which {@link #close()} closes.
   *
   * @throws IllegalArgumentException if no dialect serves the URL
   * @throws StorageException if the database cannot be reached
   */
  public static Engine open(Database database, String jdbcUrl, String user, String password, int maxPoolSize,
      Options options) {
    Dialect dialect = dialectFor(jdbcUrl);
    ConnectionSource connections = ConnectionSource.open(dialect.prepareUrl(jdbcUrl), user, password, maxPoolSize);
    OPEN_PER_URL.merge(connections.ownedUrl(), 1, Integer::sum);
    return new Engine(database, jdbcUrl, dialect, connections, options);
  }

  /**
   * Borrows connections from the application's {@code dataSource}, which {@link #close()} leaves open.
   * The dialect is chosen from the URL the driver reports, or else from the database's product name.
   *
   * @throws IllegalArgumentException if the database is not one Pocketto supports
   * @throws StorageException if no connection can be had to look
   */
  public static Engine borrow(Database database, DataSource dataSource, Options options) {
    String url;
    String product;
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      url = meta.getURL();
      product = meta.getDatabaseProductName();
    } catch (SQLException e) {
      throw new StorageException("cannot reach the database behind " + dataSource + ": " + e.getMessage(), e);
    }
    return new Engine(database, url, dialectFor(url, product), ConnectionSource.borrow(dataSource), options);
  }

  static Dialect dialectFor(String jdbcUrl) {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw new IllegalArgumentException("a JDBC URL is required, e.g. jdbc:h2:file:./data/app");
    }
    for (Dialect d : DIALECTS) {
      if (d.accepts(jdbcUrl)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unsupported JDBC URL '" + jdbcUrl + "': Pocketto supports jdbc:h2: and jdbc:postgresql:");
  }

  /** The dialect for a database's URL, as its driver reports it, or else for its product name. */
  static Dialect dialectFor(String url, String productName) {
    for (Dialect d : DIALECTS) {
      if (url != null && d.accepts(url) || d.name().equalsIgnoreCase(productName)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unsupported database " + productName + " at '" + url
        + "': Pocketto supports H2 and PostgreSQL");
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /** The public face of this engine. */
  public Database database() {
    return database;
  }

  /** The URL the database was opened with. */
  public String url() {
    return url;
  }

  /** The SQL dialect chosen from the URL. */
  public Dialect dialect() {
    return dialect;
  }

  /** Whether tables are created and migrated on first use; when not, the application's migrations own them. */
  public boolean createsTables() {
    return createTables;
  }

  /** What counts and times this engine's work. */
  Metrics metrics() {
    return metrics;
  }

  /** Where connections come from, and how the engine's own transactions begin and end on them. */
  ConnectionSource connections() {
    return connections;
  }

  /**
   * The transaction the calling thread's work on this database joins: a bundle of this engine, else
   * the application's transaction that the {@link TransactionJoiner} finds, else {@code null}.
   */
  private Transaction currentTransaction() {
    Transaction tx = transaction.get();
    if (tx != null || joiner == null) {
      return tx;
    }
    return joiner.participant(connections.dataSource(), this, c -> new Transaction(this, c, true));
  }

  /**
   * A bundle, or the application's transaction that {@code tx} joined, has committed or failed: undo its
   * records after a failure, let go of its connection and change numbers, and deliver its events after a
   * commit.
   */
  void bundleEnded(Transaction tx, boolean committed) {
    if (!committed) {
      metrics.bundleRolledBack();
      tx.rollBack();
    }
    tx.release();
    if (committed) {
      tx.deliver(feed);
    }
  }

  /**
   * The DDL that creates the tables of {@code models} in a new database, in order, without running it,
   * after the table of the database's id that they share.
   */
  public List<String> schemaStatements(List<ModelBinding<?>> models) {
    return tables.schemaStatements(models);
  }

  /** The table of a model, created or migrated on first use. */
  public <T extends ActiveRecord<T>> DocumentTable<T> table(ModelBinding<T> binding) {
    return tables.table(binding);
  }

  /**
   * Runs {@code work} on a pooled connection in auto-commit mode.
   *
   * @throws StorageException wrapping any {@link SQLException} the work lets escape
   */
  public <R> R withConnection(String what, SqlWork<R> work) {
    return withConnection(what, null, null, work);
  }

  /**
   * {@link #withConnection(String, SqlWork)} on one document, e.g. {@code ("finding", "invoices", id)}:
   * the description {@code finding invoices/<id>} is built only if the work fails. Building it on every
   * call was 3% of a findById in the benchmarks.
   */
  public <R> R withConnection(String action, String collection, String id, SqlWork<R> work) {
    if (closed) {
      throw new IllegalStateException("database " + url + " is closed");
    }
    Transaction tx = currentTransaction();
    if (tx != null) {
      try {
        return runOn(tx.connection, work);
      } catch (SQLException e) {
        throw new StorageException(describe(action, collection, id) + " failed on " + dialect.name() + ": "
            + e.getMessage(), e);
      }
    }
    try (Connection c = connections.borrowConnection()) {
      return runOn(c, work);
    } catch (SQLException e) {
      throw new StorageException(describe(action, collection, id) + " failed on " + dialect.name() + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * The statement for {@code sql} on connection {@code c}, prepared once per connection (see {@link
   * StatementCache}). The caller binds every parameter, runs it and closes the use.
   */
  StatementCache.Use prepare(Connection c, String sql) throws SQLException {
    return connections.cachesStatements() ? statements.take(c, sql) : StatementCache.oneOff(c, sql);
  }

  /**
   * Runs {@code work} on {@code c}. If it fails because the database dropped the connection, the
   * connection is evicted from the pool, so that no later call is handed it. The pool's own check cannot
   * see such failures: the runtime's statements are prepared below its proxies (see {@link
   * StatementCache}), and it does not know H2's codes for a closed session.
   */
  private <R> R runOn(Connection c, SqlWork<R> work) throws SQLException {
    try {
      return work.run(c);
    } catch (SQLException e) {
      evictIfLost(c, e);
      throw e;
    } catch (RuntimeException e) {
      // The work may have failed for a reason of its own after the database dropped the connection.
      if (driverClosed(c)) {
        evictIfLost(c, new SQLException("the connection was closed when the work failed: " + e, "08003"));
      }
      throw e;
    }
  }

  /**
   * Evicts {@code c}, a pooled connection, if {@code failure} says it is lost. A bundle's connection is
   * only marked, and evicted when the bundle lets go of it, so that the pool does not close it under the
   * bundle's feet.
   */
  void evictIfLost(Connection c, SQLException failure) {
    if (!isLost(c, failure)) {
      return;
    }
    String why = "the connection was lost: " + failure.getMessage();
    Transaction tx = currentTransaction();
    if (tx != null && tx.connection == c) {
      statements.forget(c);
      tx.discardOnRelease(why);
    } else {
      discard(c, why);
    }
  }

  /** Whether {@code failure} says the database dropped {@code c}, or its driver connection is closed. */
  private boolean isLost(Connection c, SQLException failure) {
    return dialect.isConnectionLost(failure) || driverClosed(c);
  }

  /** Whether the connection statements run on behind {@code c} is closed, or cannot even say. */
  private boolean driverClosed(Connection c) {
    try {
      return connections.session(c).isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /**
   * Takes {@code c}, a connection this thread holds, out of the pool for good: one the database dropped,
   * or one whose transaction could not be ended. Returned, it would carry that transaction into the next
   * borrower's work, and the pool's own rollback on return cannot help: it only sees statements run
   * through its proxy, and the runtime's run below it ({@link StatementCache}).
   */
  void discard(Connection c, String why) {
    LOG.warn("discarding a {} connection: {}", dialect.name(), why);
    statements.forget(c);
    connections.evict(c);
  }

  private static String describe(String action, String collection, String id) {
    return collection == null ? action : action + " " + collection + "/" + id;
  }

  /**
   * Runs {@code work} on a pooled connection of its own in auto-commit mode, outside any bundle on this
   * thread: for schema changes, which H2 would commit along with a bundle's writes and PostgreSQL would
   * roll back with them.
   */
  <R> R withOwnConnection(String what, SqlWork<R> work) {
    if (closed) {
      throw new IllegalStateException("database " + url + " is closed");
    }
    try (Connection c = connections.borrowConnection()) {
      return runOn(c, work);
    } catch (SQLException e) {
      throw new StorageException(what + " failed on " + dialect.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs one document write, {@code statement}, which answers whether it wrote the row. Outside a
   * bundle it is a single auto-committed statement, which also places the row in the changes feed: no
   * second statement, no shared counter. Inside a bundle it runs in the bundle's transaction. A change
   * number drawn by this process ({@code position}, 0 if none) stays in flight until the write has
   * committed or failed, or, in a bundle, until the bundle ends. Where the database's row locks cannot be relied on,
   * the write first takes document {@code id} ({@link DocumentTurns}): for its statement, or in a bundle until the
   * bundle ends.
   */
  boolean writeDocument(String what, DocumentTable<?> table, String id, long position, SqlWork<Boolean> statement) {
    if (closed) {
      if (position != 0) {
        table.releasePosition(position);
      }
      throw new IllegalStateException("database " + url + " is closed");
    }
    Transaction tx = currentTransaction();
    if (tx != null) {
      tx.wrote(table, position);
      try {
        tx.take(tables.documentTurns(), table, id, tables.turnWaitMillis());
        return runOn(tx.connection, statement);
      } catch (SQLException e) {
        throw new StorageException(what + " failed on " + dialect.name() + ": " + e.getMessage(), e);
      }
    }
    boolean written = false;
    DocumentTurns turns = tables.documentTurns();
    String turn = turns == null ? null : DocumentTurns.key(table.binding().collection(), id);
    Thread self = Thread.currentThread();
    try {
      if (turn != null && !turns.take(self, turn, tables.turnWaitMillis())) {
        turn = null;
      }
      try (Connection c = connections.borrowConnection()) {
        written = runOn(c, statement);
        return written;
      }
    } catch (SQLException e) {
      throw new StorageException(what + " failed on " + dialect.name() + ": " + e.getMessage(), e);
    } finally {
      if (turn != null) {
        turns.give(self, turn);
      }
      if (position != 0) {
        table.releasePosition(position);
      }
      if (written) {
        table.signalWrite();
      }
    }
  }

  /**
   * Runs the statements of several writes at once on the current bundle's connection, as {@link
   * #writeDocument} runs one: each drawn change number ({@code 0} for none) stays in flight until the
   * bundle has committed or rolled back.
   *
   * @throws IllegalStateException outside a bundle
   */
  <R> R writeDocuments(String what, DocumentTable<?> table, List<String> ids, long[] positions, SqlWork<R> statements) {
    Transaction tx = currentTransaction();
    if (tx == null) {
      for (long position : positions) {
        if (position != 0) {
          table.releasePosition(position);
        }
      }
      throw new IllegalStateException(what + " runs inside a bundle");
    }
    for (long position : positions) {
      tx.wrote(table, position);
    }
    if (closed) {
      throw new IllegalStateException("database " + url + " is closed");
    }
    try {
      for (String id : ids) {
        tx.take(tables.documentTurns(), table, id, tables.turnWaitMillis());
      }
      return runOn(tx.connection, statements);
    } catch (SQLException e) {
      throw new StorageException(what + " failed on " + dialect.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The in-process change numbers of {@code collection} in this database, shared with every other
   * {@code Database} of this process open on it, and let go of when this one closes.
   */
  LocalSequence localSequence(String collection, LocalSequences.LastStored lastStored) {
    return tables.localSequence(collection, lastStored);
  }

  /**
   * The id of the stored database: made once, kept in the database itself ({@code pocketto_info}), so
   * every process and every {@code Database} open on it agree. Checkpoints of the changes feed carry it.
   */
  public String databaseId() {
    return tables.databaseId();
  }

  /** The writer that writes on this thread now: the innermost open writer scope's, else the database's. */
  public String writer() {
    String scoped = scopedWriter.get();
    return scoped != null ? scoped : writer;
  }

  /** Sets the database's writer, which writes wherever no writer scope is open. */
  public void setWriter(String newWriter) {
    this.writer = Ids.requireValid("writer", newWriter);
  }

  /** Makes {@code scoped} this thread's writer; returns the scope's writer it replaces, or {@code null}. */
  public String enterWriterScope(String scoped) {
    Ids.requireValid("writer", scoped);
    String previous = scopedWriter.get();
    scopedWriter.set(scoped);
    return previous;
  }

  /** Puts back the writer scope that {@link #enterWriterScope} replaced. */
  public void exitWriterScope(String previous) {
    if (previous == null) {
      scopedWriter.remove();
    } else {
      scopedWriter.set(previous);
    }
  }

  /** The retry policy of incremental writes and conflict handlers that name none. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** Changes the default retry policy. */
  public void setRetryPolicy(RetryPolicy policy) {
    if (policy == null) {
      throw new IllegalArgumentException("retry policy must not be null");
    }
    this.retryPolicy = policy;
  }

  /** Registers a listener for one collection. */
  public Subscription onChange(String collection, ChangeListener listener) {
    if (collection == null || collection.isEmpty()) {
      throw new IllegalArgumentException("collection must not be empty");
    }
    return feed.subscribe(collection, listener);
  }

  /**
   * Starts tracking a write for change events; {@code null} when nobody listens. The caller must
   * pass the result to {@link #written} or {@link #failed}.
   */
  ChangeFeed.Pending beginWrite(String collection, String id, String revision) {
    return feed.hasListeners(collection) ? feed.begin(collection, id, revision) : null;
  }

  /** A write succeeded: deliver its event now, or at commit inside a bundle. */
  void written(ChangeFeed.Pending pending, ChangeEvent event) {
    if (pending == null) {
      return;
    }
    Transaction tx = currentTransaction();
    ChangeFeed.Delivery delivery = new ChangeFeed.Delivery(pending, event);
    if (tx != null) {
      tx.events.add(delivery);
      return;
    }
    feed.deliverAll(List.of(delivery));
  }

  /** A write failed or was rolled back. */
  void failed(ChangeFeed.Pending pending) {
    if (pending != null) {
      pending.finish();
    }
  }

  /** Whether the current thread is inside a bundle (a database transaction of this engine). */
  boolean inBundle() {
    return currentTransaction() != null;
  }

  /** Inside a bundle, remembers the revision a write stored, to settle a commit whose answer is lost. */
  void bundleWrote(DocumentTable<?> table, RecordState state, String id, String rev, long attempt) {
    Transaction tx = currentTransaction();
    if (tx != null) {
      tx.wrote(table, state, id, rev, attempt);
    }
  }

  /**
   * Whether {@code e} says a statement was sent but its answer never came (the connection was lost), so
   * that it may or may not have taken effect.
   */
  boolean isAnswerLost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && dialect.isConnectionLost(sql)) {
        return true;
      }
    }
    return false;
  }

  /** Inside a bundle, remembers a record's state before its first write, to restore it on rollback. */
  void beforeStateChange(RecordState state) {
    Transaction tx = currentTransaction();
    if (tx != null) {
      tx.mementos.putIfAbsent(state, state.capture());
    }
  }

  /**
   * Runs {@code work} in one database transaction; see {@link Database#bundle(BundleWork)}. A bundle
   * inside a bundle joins the outer one. A deadlock, serialization failure or lock timeout rolls the
   * bundle back, puts its records back as they were, and runs it again under the retry policy.
   */
  public void bundle(BundleWork work) {
    if (work == null) {
      throw new IllegalArgumentException("bundle work must not be null");
    }
    Transaction outer = currentTransaction();
    if (outer != null) {
      work.run(outer);
      return;
    }
    RetryPolicy policy = retryPolicy;
    for (int attempt = 1; ; attempt++) {
      policy.pauseBeforeRetry(attempt - 1);
      try {
        runBundle(work);
        return;
      } catch (StorageException e) {
        SQLException cause = transientCause(e);
        if (cause == null && !(e instanceof BundleNotCommitted)) {
          throw e;
        }
        if (attempt >= policy.maxAttempts()) {
          throw new TransactionRetriesExhaustedException(attempt, e);
        }
        LOG.debug("bundle attempt {} failed ({}); running it again", attempt, e.getMessage());
      }
    }
  }

  /** The {@link SQLException} behind {@code e} if rolling back and running again may cure it, else {@code null}. */
  private SQLException transientCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && dialect.isTransient(sql)) {
        return sql;
      }
    }
    return null;
  }

  private void runBundle(BundleWork work) {
    if (closed) {
      throw new IllegalStateException("database " + url + " is closed");
    }
    Transaction tx = new Transaction(this, borrowConnection("starting a bundle"), false);
    try {
      runOn(tx.connection, connection -> {
        connections.begin(connection);
        return null;
      });
    } catch (SQLException e) {
      StorageException failure = new StorageException("starting a bundle failed on " + dialect.name() + ": " + e.getMessage(), e);
      try {
        tx.connection.close();
      } catch (SQLException closing) {
        failure.addSuppressed(closing);
      }
      throw failure;
    }
    transaction.set(tx);
    boolean committed = false;
    try {
      work.run(tx);
      runOn(tx.connection, connection -> {
        connections.commit(connection);
        return null;
      });
      committed = true;
    } catch (SQLException e) {
      if (!dialect.isConnectionLost(e)) {
        throw new StorageException("committing a bundle failed on " + dialect.name() + ": " + e.getMessage(), e);
      }
      committed = settleLostCommit(tx, e);
    } finally {
      transaction.remove();
      bundleEnded(tx, committed);
    }
  }

  /**
   * A bundle's commit got no answer: finds out, by the revisions stored, whether it happened, under the
   * retry policy. True if it did; otherwise throws {@link BundleNotCommitted} (run it again) or, if the
   * database cannot tell, {@link OutcomeUnknownException}.
   */
  private boolean settleLostCommit(Transaction tx, SQLException lost) {
    RetryPolicy policy = retryPolicy;
    for (int retry = 2; retry <= policy.maxAttempts() + 1; retry++) {
      policy.pauseBeforeRetry(retry);
      Boolean committed;
      try {
        committed = tx.committedAfterAll();
      } catch (StorageException e) {
        if (isAnswerLost(e)) {
          continue;
        }
        throw e;
      }
      if (committed == null) {
        break;
      }
      if (committed) {
        LOG.info("a bundle's commit got no answer, and it had committed");
        return true;
      }
      throw new BundleNotCommitted(lost);
    }
    tx.markUnconfirmed();
    String[] first = tx.firstWrite();
    throw new OutcomeUnknownException(first == null ? "?" : first[0], first == null ? "?" : first[1],
        first == null ? "?" : first[2], lost);
  }

  /** A bundle's commit got no answer and turned out not to have happened: it runs again. */
  private static final class BundleNotCommitted extends StorageException {
    private static final long serialVersionUID = 1L;

    BundleNotCommitted(SQLException lost) {
      super("a bundle's commit got no answer and did not happen", lost);
    }
  }

  /**
   * Borrows a pooled connection that the caller must close; for lazy results, such as a query's
   * stream, that outlive one call.
   *
   * @throws StorageException if no connection can be obtained
   */
  public Connection borrowConnection(String what) {
    if (closed) {
      throw new IllegalStateException("database " + url + " is closed");
    }
    try {
      return connections.borrowConnection();
    } catch (SQLException e) {
      throw new StorageException(what + " failed on " + dialect.name() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    tables.releaseSequences();
    String ownedUrl = connections.ownedUrl();
    if (ownedUrl != null) {
      boolean last = OPEN_PER_URL.compute(ownedUrl, (u, n) -> n == null || n <= 1 ? null : n - 1) == null;
      String shutdown = dialect.shutdownStatement(url);
      if (shutdown != null && last) {
        shutDown(shutdown);
      }
    }
    connections.close();
  }

  private void shutDown(String statement) {
    Connection c = null;
    try {
      c = connections.borrowConnection();
      try (Statement s = c.createStatement()) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      LOG.warn("shutting down {} failed: {}", url, e.getMessage());
    } finally {
      if (c != null) {
        // The connection died with the database; the pool must not hand it out or close it again.
        connections.evict(c);
      }
    }
  }

  /** Checks that the database answers; see {@link Database#ping()}. */
  public void ping() {
    boolean valid = withConnection("checking the connection", c -> c.isValid(5));
    if (!valid) {
      throw new StorageException("the " + dialect.name() + " database at " + url + " did not answer within 5 seconds", null);
    }
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }
}
