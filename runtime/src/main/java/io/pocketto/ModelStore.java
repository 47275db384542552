package io.pocketto;

import io.pocketto.query.Query;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The documents of one model in one database: {@code SalesInvoice.in(db)}. Cheap to obtain and
 * thread-safe; the records it returns are not shared between threads. The runtime's engine implements it.
 *
 * @param <T> the generated model class
 */
public interface ModelStore<T extends ActiveRecord<T>> {
  /** The live document with this id; empty if there is none or it was deleted. */
  Optional<T> find(String id);

  /** Every live document, ordered by id. */
  List<T> all();

  /** The number of live documents. */
  long count();

  /** Saves a record into this database; see {@link ActiveRecord#save()}. */
  T save(T record);

  /**
   * Saves a record that repeats a write which may already have happened, typically a request sent again
   * after its answer was lost, rebuilt from the same base revision and the same content (an HTTP
   * {@code PUT} repeated with the same {@code If-Match}). If the revision this save would write is
   * already stored, it returns as if it had written it: no second write, no second change event.
   * Otherwise it is a strict {@link #save}: a different content at that height is still the 409.
   *
   * <p>A plain {@code save()} does this by itself for the same record instance after a lost answer, but
   * not for another record with the same content: two increments made from one revision write the same
   * revision, and the second must get its 409 to add its own one.
   */
  T retrySave(T record);

  /**
   * {@link #retrySave(ActiveRecord)} of the record's current fields, as a write made from
   * {@code baseRevision}: what a REST handler does with a request that names the revision it started
   * from (its {@code If-Match}) and carries the content it wants, applied to the record as stored now.
   * If that write is already stored (the same request sent again), the record takes its revision and
   * nothing is written; if {@code baseRevision} is the stored one, it is written; otherwise it is a 409.
   *
   * @throws IllegalArgumentException if {@code baseRevision} is not a revision
   * @throws ConflictException if another write came after {@code baseRevision}; the record is unchanged
   */
  T retrySave(T record, String baseRevision);

  /**
   * The revision of the tombstone stored for {@code id}, if that tombstone is the delete of
   * {@code baseRevision} itself; empty if the document is live, missing, or was deleted from another
   * revision. A REST handler answers a {@code DELETE} repeated after its answer was lost with it.
   *
   * @throws IllegalArgumentException if {@code baseRevision} is not a revision
   */
  Optional<String> tombstoneFrom(String id, String baseRevision);

  /** Deletes a record from this database; see {@link ActiveRecord#delete()}. */
  void delete(T record);

  /** Stores a deleted record again as a live document; see {@link ActiveRecord#recreate()}. */
  T recreate(T record);

  /** Reloads a record from this database; see {@link ActiveRecord#reload()}. */
  T reload(T record);

  /**
   * Applies {@code mutation} to the record and saves; on a 409, reloads the record, applies the
   * mutation again to the stored state and retries, within the database's {@link RetryPolicy}.
   *
   * @return the saved record
   * @throws IllegalStateException if the record was never saved or has unsaved changes
   * @throws RetriesExhaustedException when every attempt met a conflict; the record is left as it was
   */
  T incrementalModify(T record, Consumer<? super T> mutation);

  /**
   * {@link #incrementalModify(ActiveRecord, Consumer)} under {@code policy} instead of the database's:
   * e.g. {@code RetryPolicy.defaults().withLockWait(Duration.ofSeconds(5))} to wait for another
   * writer's lock rather than fail at once with a {@link LockedException}.
   */
  T incrementalModify(T record, Consumer<? super T> mutation, RetryPolicy policy);

  /**
   * {@link #incrementalModify} with field values by name, each checked against the model's fields and
   * types before anything is written.
   *
   * @throws IllegalArgumentException for an unknown field or a value of the wrong type
   */
  T incrementalPatch(T record, Map<String, ?> changes);

  /**
   * Inserts the document {@code id} with {@code mutation} applied to a new record, or applies it to
   * the stored one; races safely with other upserts of the same id.
   *
   * @return the saved record
   */
  T incrementalUpsert(String id, Consumer<? super T> mutation);

  /** Saves, resolving any conflict with {@code handler}; see {@link ActiveRecord#save(ConflictHandler)}. */
  T save(T record, ConflictHandler<? super T> handler);

  /** Saves, resolving any conflict with the configured handler; see {@link ActiveRecord#saveResolving()}. */
  T saveResolving(T record);

  /**
   * Sets the conflict handler of this model in this database: plain {@code save()} then resolves
   * conflicts with it. {@code null} goes back to the one {@code @Model(conflictHandler)} names, if any.
   */
  ModelStore<T> setConflictHandler(ConflictHandler<? super T> handler);

  /** The conflict handler plain {@code save()} uses, or {@code null} when saves are strict. */
  ConflictHandler<? super T> conflictHandler();

  /** Listens to writes of this model made through this database; see {@link ChangeListener}. */
  Subscription onChange(ChangeListener listener);

  /**
   * A typed query over this store's live documents, run as one SQL statement:
   * {@code SalesInvoice.in(db).query().where(SalesInvoice.CUSTOMER.eq("ACME")).list()}.
   */
  Query<T> query();

  /**
   * The documents changed after {@code since}, at most {@code limit}: each document once, at its latest
   * revision, tombstones included, in the order their writes were placed in the feed. Reading from
   * {@link Checkpoint#START} to the end visits every live document and every tombstone. Keep the batch's
   * {@link ChangeBatch#checkpoint()} and read on from it: no committed write is ever skipped, even one
   * that commits after a write placed later (the feed waits for it; see {@link #changesHeldBack()}).
   *
   * @throws IllegalArgumentException if {@code limit} is below 1, or {@code since} belongs to another
   *     database or collection
   */
  ChangeBatch<T> changes(Checkpoint since, int limit);

  /**
   * {@link #changes(Checkpoint, int)} without building records, for replication: each change's document
   * is its fields in stored form, in declaration order (what {@code ReplicaCodec} sends), or {@code null}
   * when {@code fields} is false and only ids, revisions and deleted flags are read, which makes scanning
   * a long stretch of the feed for the few changes a reader needs cheap. Same order, same checkpoints,
   * same guarantee that no committed write is skipped.
   *
   * @throws IllegalArgumentException as {@link #changes(Checkpoint, int)}
   */
  ChangeBatch<Object[]> storedChanges(Checkpoint since, int limit, boolean fields);

  /**
   * {@link #changes(Checkpoint, int)}, waiting up to {@code wait} for at least one change when there is
   * none yet: a write through this process wakes the reader at once; one from another process is seen
   * within 100 ms. An interrupted wait returns the empty batch, interrupt kept.
   */
  ChangeBatch<T> changes(Checkpoint since, int limit, Duration wait);

  /**
   * How many committed writes of this collection the changes feed cannot hand out yet, because a write
   * placed before them may still commit. On PostgreSQL that is any transaction of the server still
   * running (a long one, in any application, delays the feed, though it never loses a change); on H2, a
   * write of this process still in flight, such as an open bundle's. 0 when the feed is caught up.
   */
  long changesHeldBack();

  /**
   * Gives the current {@linkplain Database#writer() writer} the document's lock for {@code lease}, by
   * the database's clock: until it ends or is released, every write from any other writer (save, delete,
   * incremental writes, bundles) is refused with a {@link LockedException}. Taking it is one conditional
   * statement, so of writers racing for it exactly one wins; the holder taking it again renews it.
   *
   * <p>The lock changes neither revision nor fields, and does not place the document in the changes
   * feed. It does not refresh a record either: reload one that may be stale after taking the lock.
   *
   * @throws LockedException if another writer holds the lock
   * @throws DocumentNotFoundException if the document is not stored or is deleted
   * @throws IllegalArgumentException if the lease is under 1 ms or over 366 days
   */
  Lock lock(String id, Duration lease);

  /**
   * Releases the current writer's lock on the document. A lock that lapsed, or none, is left as it is.
   *
   * @throws LockedException if another writer holds the lock: releasing a lock that is not yours is an error
   * @throws DocumentNotFoundException if the document is not stored
   */
  void unlock(String id);

  /**
   * The lock someone holds on the document now, by the database's clock; empty when none is held or
   * its lease has ended. What a page shows as "Alice is editing".
   */
  Optional<Lock> lockOf(String id);

  /** The database. */
  Database database();

  /** The collection (table) name. */
  String collection();
}
