package io.pocketto;

import java.util.List;

/**
 * A pooled, thread-safe connection to one database. Open it with {@link Pocketto#connect(String)}, on
 * the application's pool with {@link Pocketto#connect(javax.sql.DataSource)}, or with more options
 * through {@link Pocketto#builder()}; close it when the application stops. Many threads may save the same or different documents at once;
 * revision checks keep every write safe.
 *
 * <p>Tables are created on first use of a model, and a field added to a model adds its column then.
 *
 * <p>The runtime's engine implements this interface; an application uses the {@code Database} that
 * {@link Pocketto} opens and does not implement it (the runtime refuses a {@code Database} it did not make).
 */
public interface Database extends AutoCloseable {
  /** Connections kept by default; enough for an embedded database or a small server. */
  int DEFAULT_POOL_SIZE = 10;

  /**
   * The documents of one model in this database. Generated code calls this as
   * {@code SalesInvoice.in(db)}; prefer that form.
   */
  <T extends ActiveRecord<T>> ModelStore<T> store(ModelType<T> model);

  /**
   * Runs {@code work} as one database transaction: every save and delete inside it commits together
   * or not at all. If a revision check fails, nothing is written, the {@link ConflictException}
   * names the document, and every record keeps its pre-bundle revision and dirty state. Readers never
   * see half a bundle. Change events fire after commit only. A bundle inside a bundle joins it.
   *
   * <p>Only writes to this database on the calling thread take part. This is something CouchDB and
   * RxDB cannot offer: their writes are atomic per document only.
   */
  void bundle(BundleWork work);

  /** Listens to writes made through this database to one collection; see {@link ChangeListener}. */
  Subscription onChange(String collection, ChangeListener listener);

  /**
   * The SQL that creates the tables of {@code models} in this database's dialect, in order, as Pocketto
   * would run it on first use: for an application whose migrations (Flyway, Liquibase) own the schema,
   * with {@link Pocketto.Builder#createTables(boolean) table creation} off. Nothing is run.
   */
  List<String> schemaStatements(ModelType<?>... models);

  /** The retry policy of incremental writes and conflict handlers. */
  RetryPolicy retryPolicy();

  /** Sets the retry policy of incremental writes and conflict handlers. */
  void setRetryPolicy(RetryPolicy policy);

  /**
   * Who writes through this database on the calling thread: the writer of the innermost open
   * {@link #as(String)} scope, else the database's own ({@link #setWriter}), by default
   * {@code <host>/<pid>}, the same for the life of the process. Every accepted revision records it
   * ({@code meta().writer()}, {@link ChangeEvent#writer()}, {@link Change#writer()},
   * {@link ConflictException#winningWriter()}), and locks belong to it.
   */
  String writer();

  /**
   * Sets the writer of this database: an application user, a service name, a device.
   *
   * @throws IllegalArgumentException if it is empty, longer than 255 characters, or holds NUL or an
   *     unpaired surrogate
   */
  void setWriter(String writer);

  /**
   * Writes as {@code writer} on the calling thread until the returned scope is closed: one per request
   * in a web application, for the signed-in user, without a {@code Database} per user.
   * <pre>{@code
   * try (WriterScope as = db.as("alice")) {
   *   invoice.save();            // recorded as alice's revision; alice's lock lets it through
   * }
   * }</pre>
   *
   * @throws IllegalArgumentException if the writer is not valid; see {@link #setWriter}
   */
  WriterScope as(String writer);

  /**
   * The id of the stored database, made when Pocketto first used it and kept in it: the same in every
   * process and every {@code Database} open on it. Checkpoints of the changes feed belong to it.
   */
  String id();

  /** The JDBC URL this database was opened with, or the one the driver reports for a given {@code DataSource}. */
  String url();

  /** The SQL dialect in use, e.g. {@code "H2"}. */
  String dialectName();

  /**
   * Checks that the database answers, on a connection of the pool (the transaction's, inside one); for
   * health checks.
   *
   * @throws StorageException if it does not answer within five seconds, or no connection can be had
   */
  void ping();

  /** Whether {@link #close()} was called. */
  boolean isClosed();

  /**
   * Closes the pool if Pocketto opened it. An in-memory H2 database is dropped once no other {@code
   * Database} in this JVM is open on the same URL; a file database is left consistent on disk. A {@code
   * DataSource} the application gave stays open: it is the application's to close. If this was the default
   * database, there is no default afterwards.
   */
  @Override
  void close();
}
