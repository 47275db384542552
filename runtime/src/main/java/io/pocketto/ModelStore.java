package io.pocketto;

import io.pocketto.internal.DocumentTable;
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

  /** Reloads a record from this database; see {@link ActiveRecord#reload()}. */
  public T reload(T record) {
    return table.reload(record);
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
