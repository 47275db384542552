package io.pocketto;

import io.pocketto.query.Query;
import java.util.List;
import java.util.Optional;

/**
 * The operations every {@link Repository} offers for its model, in one database. Reads see live
 * documents only; writes keep the active record's revisions and 409 conflicts.
 *
 * @param <T> the generated model class, e.g. {@code SalesInvoice}
 */
public interface CrudRepository<T extends ActiveRecord<T>> {

  /** The live document with this id; empty if there is none or it was deleted. */
  Optional<T> findById(String id);

  /** Every live document, ordered by id. */
  List<T> findAll();

  /**
   * Saves one record; see {@link ActiveRecord#save()}.
   *
   * @throws ConflictException if the record is stale
   */
  T save(T record);

  /**
   * Saves the records one by one, each with its own revision check. It is <b>not atomic</b>: it stops
   * at the first record that fails (for example with a {@link ConflictException}), and the records
   * before it stay saved. Re-running it after fixing the failed record saves the rest, because clean
   * records are not written again.
   *
   * @return the records, in the order given
   */
  List<T> saveAll(Iterable<T> records);

  /**
   * Writes a tombstone for the record; see {@link ActiveRecord#delete()}.
   *
   * @throws ConflictException if the record is stale
   */
  void delete(T record);

  /** The number of live documents, counted by the database. */
  long count();

  /** Whether a live document has this id. */
  boolean existsById(String id);

  /** A typed query over this repository's documents, for what a method name cannot express. */
  Query<T> query();

  /** The database this repository reads and writes. */
  Database database();
}
