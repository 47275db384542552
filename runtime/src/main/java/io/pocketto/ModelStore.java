package io.pocketto;

import io.pocketto.internal.DocumentTable;
import io.pocketto.internal.IncrementalWrites;
import java.util.Map;
import java.util.function.Consumer;
import io.pocketto.query.Query;
import java.util.List;
import java.util.Optional;

/**
 * The documents of one model in one database: {@code SalesInvoice.in(db)}. Cheap to obtain and
 * thread-safe; the records it returns are not shared between threads.
 *
 * @param <T> the generated model class
 */
public final class ModelStore<T extends ActiveRecord<T>> {
  private final DocumentTable<T> table;

  ModelStore(DocumentTable<T> table) {
    this.table = table;
  }

  /** The live document with this id; empty if there is none or it was deleted. */
  public Optional<T> find(String id) {
    return table.find(id);
  }

  /** Every live document, ordered by id. */
  public List<T> all() {
    return table.all();
  }

  /** The number of live documents. */
  public long count() {
    return table.count();
  }

  /** Saves a record into this database; see {@link ActiveRecord#save()}. */
  public T save(T record) {
    return table.save(record);
  }

  /** Deletes a record from this database; see {@link ActiveRecord#delete()}. */
  public void delete(T record) {
    table.delete(record);
  }

  /** Stores a deleted record again as a live document; see {@link ActiveRecord#recreate()}. */
  public T recreate(T record) {
    return table.recreate(record);
  }

  /** Reloads a record from this database; see {@link ActiveRecord#reload()}. */
  public T reload(T record) {
    return table.reload(record);
  }

  /**
   * Applies {@code mutation} to the record and saves; on a 409, reloads the record, applies the
   * mutation again to the stored state and retries, within the database's {@link RetryPolicy}.
   *
   * @return the saved record
   * @throws IllegalStateException if the record was never saved or has unsaved changes
   * @throws RetriesExhaustedException when every attempt met a conflict; the record is left as it was
   */
  public T incrementalModify(T record, Consumer<? super T> mutation) {
    return IncrementalWrites.modify(table, record, mutation, table.engine().retryPolicy());
  }

  /**
   * {@link #incrementalModify} with field values by name, each checked against the model's fields and
   * types before anything is written.
   *
   * @throws IllegalArgumentException for an unknown field or a value of the wrong type
   */
  public T incrementalPatch(T record, Map<String, ?> changes) {
    return IncrementalWrites.patch(table, record, changes, table.engine().retryPolicy());
  }

  /**
   * Inserts the document {@code id} with {@code mutation} applied to a new record, or applies it to
   * the stored one; races safely with other upserts of the same id.
   *
   * @return the saved record
   */
  public T incrementalUpsert(String id, Consumer<? super T> mutation) {
    return IncrementalWrites.upsert(table, id, mutation, table.engine().retryPolicy());
  }

  /** Saves, resolving any conflict with {@code handler}; see {@link ActiveRecord#save(ConflictHandler)}. */
  public T save(T record, ConflictHandler<? super T> handler) {
    return table.save(record, handler);
  }

  /** Saves, resolving any conflict with the configured handler; see {@link ActiveRecord#saveResolving()}. */
  public T saveResolving(T record) {
    return table.saveResolving(record);
  }

  /**
   * Sets the conflict handler of this model in this database: plain {@code save()} then resolves
   * conflicts with it. {@code null} goes back to the one {@code @Model(conflictHandler)} names, if any.
   */
  public ModelStore<T> setConflictHandler(ConflictHandler<? super T> handler) {
    table.setConflictHandler(handler);
    return this;
  }

  /** The conflict handler plain {@code save()} uses, or {@code null} when saves are strict. */
  public ConflictHandler<? super T> conflictHandler() {
    return table.conflictHandler();
  }

  /** Listens to writes of this model made through this database; see {@link ChangeListener}. */
  public Subscription onChange(ChangeListener listener) {
    return table.engine().onChange(table.binding().collection(), listener);
  }

  /**
   * A typed query over this store's live documents, run as one SQL statement:
   * {@code SalesInvoice.in(db).query().where(SalesInvoice.CUSTOMER.eq("ACME")).list()}.
   */
  public Query<T> query() {
    return Query.on(table);
  }

  /** The engine's table behind this store; for generated code and the query runtime, not for applications. */
  public DocumentTable<T> table() {
    return table;
  }

  /** The database. */
  public Database database() {
    return table.database();
  }

  /** The collection (table) name. */
  public String collection() {
    return table.binding().collection();
  }
}
