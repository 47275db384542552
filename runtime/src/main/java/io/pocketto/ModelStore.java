package io.pocketto;

import io.pocketto.internal.ApiAccess;
import io.pocketto.internal.DocumentTable;
import io.pocketto.internal.IncrementalWrites;
import io.pocketto.internal.SqlFragment;
import java.util.Map;
import java.util.function.Consumer;
import io.pocketto.query.Query;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The documents of one model in one database: {@code SalesInvoice.in(db)}. Cheap to obtain and
 * thread-safe; the records it returns are not shared between threads.
 *
 * @param <T> the generated model class
 */
public final class ModelStore<T extends ActiveRecord<T>> {
  /** How often a waiting reader of the changes feed looks for writes from other processes. */
  static final long FEED_POLL_MILLIS = 100;

  static {
    ApiAccess.lend(new ApiAccess.Stores() {
      @Override
      public <M extends ActiveRecord<M>> DocumentTable<M> table(ModelStore<M> store) {
        return store.table;
      }

      @Override
      public <M extends ActiveRecord<M>> ChangeBatch<Object[]> storedChanges(ModelStore<M> store, Checkpoint since, int limit,
          SqlFragment match) {
        return store.storedChanges(since, limit, match);
      }
    });
  }

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
  public T retrySave(T record) {
    return table.retrySave(record);
  }

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
  public T retrySave(T record, String baseRevision) {
    return table.retrySave(record, baseRevision);
  }

  /**
   * The revision of the tombstone stored for {@code id}, if that tombstone is the delete of
   * {@code baseRevision} itself; empty if the document is live, missing, or was deleted from another
   * revision. A REST handler answers a {@code DELETE} repeated after its answer was lost with it.
   *
   * @throws IllegalArgumentException if {@code baseRevision} is not a revision
   */
  public Optional<String> tombstoneFrom(String id, String baseRevision) {
    return table.tombstoneFrom(id, baseRevision);
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
   * {@link #incrementalModify(ActiveRecord, Consumer)} under {@code policy} instead of the database's:
   * e.g. {@code RetryPolicy.defaults().withLockWait(Duration.ofSeconds(5))} to wait for another
   * writer's lock rather than fail at once with a {@link LockedException}.
   */
  public T incrementalModify(T record, Consumer<? super T> mutation, RetryPolicy policy) {
    if (policy == null) {
      throw new IllegalArgumentException("retry policy must not be null");
    }
    return IncrementalWrites.modify(table, record, mutation, policy);
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
    return ApiAccess.queries().newQuery(table);
  }

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
  public ChangeBatch<T> changes(Checkpoint since, int limit) {
    requireCheckpoint(since);
    return batch(since, table.changes(since.major(), since.minor(), limit));
  }

  /**
   * {@link #changes(Checkpoint, int)} without building records, for replication: each change's document
   * is its fields in stored form, in declaration order (what {@code ReplicaCodec} sends), or {@code null}
   * when {@code fields} is false and only ids, revisions and deleted flags are read, which makes scanning
   * a long stretch of the feed for the few changes a reader needs cheap. Same order, same checkpoints,
   * same guarantee that no committed write is skipped.
   *
   * @throws IllegalArgumentException as {@link #changes(Checkpoint, int)}
   */
  public ChangeBatch<Object[]> storedChanges(Checkpoint since, int limit, boolean fields) {
    requireCheckpoint(since);
    return batch(since, table.storedChanges(since.major(), since.minor(), limit, fields));
  }

  /**
   * The changes after {@code since} of the documents {@code match} selects, with their fields in stored
   * form, at most {@code limit}, chosen by the database in the feed's own statement: for replication's
   * push, which needs the few documents that differ from the master out of a feed of many pulled ones.
   * The checkpoint moves past the rows that did not match too, up to the end of the feed when nothing
   * further matched; never past a write that may still commit.
   *
   * <p>The engine reaches it through {@code ApiAccess.Stores}, since the condition is an engine type.
   *
   * @throws IllegalArgumentException as {@link #changes(Checkpoint, int)}
   */
  private ChangeBatch<Object[]> storedChanges(Checkpoint since, int limit, SqlFragment match) {
    requireCheckpoint(since);
    DocumentTable.FeedRows<Object[]> rows = table.storedChanges(since.major(), since.minor(), limit, match);
    List<Change<Object[]>> changes = new ArrayList<>(rows.entries().size());
    Checkpoint next = since;
    for (DocumentTable.FeedEntry<Object[]> e : rows.entries()) {
      if (e.document() != null) {
        changes.add(new Change<>(e.id(), e.rev(), e.deleted(), e.document(), e.writer()));
      }
      next = Checkpoint.at(table.engine().databaseId(), collection(), e.major(), e.minor());
    }
    return new ChangeBatch<>(changes, next, rows.hasMore());
  }

  private <D> ChangeBatch<D> batch(Checkpoint since, DocumentTable.FeedRows<D> rows) {
    List<Change<D>> changes = new ArrayList<>(rows.entries().size());
    Checkpoint next = since;
    for (DocumentTable.FeedEntry<D> e : rows.entries()) {
      changes.add(new Change<>(e.id(), e.rev(), e.deleted(), e.document(), e.writer()));
      next = Checkpoint.at(table.engine().databaseId(), collection(), e.major(), e.minor());
    }
    return new ChangeBatch<>(changes, next, rows.hasMore());
  }

  /**
   * {@link #changes(Checkpoint, int)}, waiting up to {@code wait} for at least one change when there is
   * none yet: a write through this process wakes the reader at once; one from another process is seen
   * within {@value #FEED_POLL_MILLIS} ms. An interrupted wait returns the empty batch, interrupt kept.
   */
  public ChangeBatch<T> changes(Checkpoint since, int limit, Duration wait) {
    if (wait == null || wait.isNegative()) {
      throw new IllegalArgumentException("wait must be zero or positive, was " + wait);
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long seen = table.writesEnded();
      ChangeBatch<T> batch = changes(since, limit);
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (!batch.changes().isEmpty() || left <= 0) {
        return batch;
      }
      try {
        table.awaitWrite(seen, Math.min(left, FEED_POLL_MILLIS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return batch;
      }
    }
  }

  /**
   * How many committed writes of this collection the changes feed cannot hand out yet, because a write
   * placed before them may still commit. On PostgreSQL that is any transaction of the server still
   * running (a long one, in any application, delays the feed, though it never loses a change); on H2, a
   * write of this process still in flight, such as an open bundle's. 0 when the feed is caught up.
   */
  public long changesHeldBack() {
    return table.changesHeldBack();
  }

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
  public Lock lock(String id, Duration lease) {
    String writer = table.engine().writer();
    DocumentTable.LockRow row = table.lock(id, writer, lease);
    return new Lock(this, id, row.holder(), row.expires());
  }

  /**
   * Releases the current writer's lock on the document. A lock that lapsed, or none, is left as it is.
   *
   * @throws LockedException if another writer holds the lock: releasing a lock that is not yours is an error
   * @throws DocumentNotFoundException if the document is not stored
   */
  public void unlock(String id) {
    table.unlock(id, table.engine().writer());
  }

  /**
   * The lock someone holds on the document now, by the database's clock; empty when none is held or
   * its lease has ended. What a page shows as "Alice is editing".
   */
  public Optional<Lock> lockOf(String id) {
    return table.lockOf(id).map(row -> new Lock(this, id, row.holder(), row.expires()));
  }

  /** Refuses to act on {@code lock} unless the calling thread writes as its holder. */
  void requireHolder(Lock lock) {
    String writer = table.engine().writer();
    if (!writer.equals(lock.holder())) {
      throw new LockedException(collection(), lock.id(), lock.holder(), lock.expires(), writer);
    }
  }

  private void requireCheckpoint(Checkpoint since) {
    if (since == null) {
      throw new IllegalArgumentException("a checkpoint is required; use Checkpoint.START to read from the beginning");
    }
    if (!since.isStart()) {
      since.requireFor(table.engine().databaseId(), collection());
    }
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
