package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.Change;
import io.pocketto.ChangeBatch;
import io.pocketto.ChangeListener;
import io.pocketto.Checkpoint;
import io.pocketto.ConflictHandler;
import io.pocketto.Database;
import io.pocketto.Lock;
import io.pocketto.LockedException;
import io.pocketto.ModelStore;
import io.pocketto.RetryPolicy;
import io.pocketto.Subscription;
import io.pocketto.query.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engine's {@link ModelStore}: one per model and {@link EngineDatabase}, over the model's
 * {@link DocumentTable}.
 *
 * @param <T> the generated model class
 */
public final class EngineStore<T extends ActiveRecord<T>> implements ModelStore<T> {
  /** How often a waiting reader of the changes feed looks for writes from other processes. */
  static final long FEED_POLL_MILLIS = 100;

  private final DocumentTable<T> table;

  EngineStore(DocumentTable<T> table) {
    this.table = table;
  }

  /**
   * The engine's store behind {@code store}.
   *
   * @throws IllegalArgumentException if {@code store} is not one a database Pocketto opened handed out
   */
  @SuppressWarnings("unchecked") // a store of T is only ever an EngineStore of T
  public static <T extends ActiveRecord<T>> EngineStore<T> of(ModelStore<T> store) {
    if (store instanceof EngineStore<?> engineStore) {
      return (EngineStore<T>) engineStore;
    }
    throw new IllegalArgumentException((store == null ? "null" : store.getClass().getName())
        + " is not a store of a database Pocketto opened: use SalesInvoice.in(db) or db.store(...)");
  }

  /** The table behind this store. */
  public DocumentTable<T> table() {
    return table;
  }

  @Override
  public Optional<T> find(String id) {
    return table.find(id);
  }

  @Override
  public List<T> all() {
    return table.all();
  }

  @Override
  public long count() {
    return table.count();
  }

  @Override
  public T save(T record) {
    return table.save(record);
  }

  @Override
  public T retrySave(T record) {
    return table.retrySave(record);
  }

  @Override
  public T retrySave(T record, String baseRevision) {
    return table.retrySave(record, baseRevision);
  }

  @Override
  public Optional<String> tombstoneFrom(String id, String baseRevision) {
    return table.tombstoneFrom(id, baseRevision);
  }

  @Override
  public void delete(T record) {
    table.delete(record);
  }

  @Override
  public T recreate(T record) {
    return table.recreate(record);
  }

  @Override
  public T reload(T record) {
    return table.reload(record);
  }

  @Override
  public T incrementalModify(T record, Consumer<? super T> mutation) {
    return IncrementalWrites.modify(table, record, mutation, table.engine().retryPolicy());
  }

  @Override
  public T incrementalModify(T record, Consumer<? super T> mutation, RetryPolicy policy) {
    if (policy == null) {
      throw new IllegalArgumentException("retry policy must not be null");
    }
    return IncrementalWrites.modify(table, record, mutation, policy);
  }

  @Override
  public T incrementalPatch(T record, Map<String, ?> changes) {
    return IncrementalWrites.patch(table, record, changes, table.engine().retryPolicy());
  }

  @Override
  public T incrementalUpsert(String id, Consumer<? super T> mutation) {
    return IncrementalWrites.upsert(table, id, mutation, table.engine().retryPolicy());
  }

  @Override
  public T save(T record, ConflictHandler<? super T> handler) {
    return table.save(record, handler);
  }

  @Override
  public T saveResolving(T record) {
    return table.saveResolving(record);
  }

  @Override
  public ModelStore<T> setConflictHandler(ConflictHandler<? super T> handler) {
    table.setConflictHandler(handler);
    return this;
  }

  @Override
  public ConflictHandler<? super T> conflictHandler() {
    return table.conflictHandler();
  }

  @Override
  public Subscription onChange(ChangeListener listener) {
    return table.engine().onChange(table.binding().collection(), listener);
  }

  @Override
  public Query<T> query() {
    return QueryRunner.newQuery(table);
  }

  @Override
  public ChangeBatch<T> changes(Checkpoint since, int limit) {
    requireCheckpoint(since);
    return batch(since, table.changes(since.major(), since.minor(), limit));
  }

  @Override
  public ChangeBatch<Object[]> storedChanges(Checkpoint since, int limit, boolean fields) {
    requireCheckpoint(since);
    return batch(since, table.storedChanges(since.major(), since.minor(), limit, fields));
  }

  /**
   * The changes after {@code since} of the documents {@code match} selects, with their fields in stored
   * form, at most {@code limit}, chosen by the database in the feed's own statement: for replication's
   * push, which needs the few documents that differ from the master out of a feed of many pulled ones.
   * The checkpoint moves past the rows that did not match too, up to the end of the feed when nothing
   * further matched; never past a write that may still commit. Not on {@link ModelStore}: the condition
   * is an engine type.
   *
   * @throws IllegalArgumentException as {@link #changes(Checkpoint, int)}
   */
  public ChangeBatch<Object[]> storedChanges(Checkpoint since, int limit, SqlFragment match) {
    requireCheckpoint(since);
    // A row the filter passed over comes without a document: it moves the checkpoint and is no change.
    return batch(since, table.storedChanges(since.major(), since.minor(), limit, match), false);
  }

  private <D> ChangeBatch<D> batch(Checkpoint since, DocumentTable.FeedRows<D> rows) {
    return batch(since, rows, true);
  }

  /** The feed's rows as changes; {@code keepBare} false leaves out the rows without a document. */
  private <D> ChangeBatch<D> batch(Checkpoint since, DocumentTable.FeedRows<D> rows, boolean keepBare) {
    List<Change<D>> changes = new ArrayList<>(rows.entries().size());
    Checkpoint next = since;
    for (DocumentTable.FeedEntry<D> e : rows.entries()) {
      if (keepBare || e.document() != null) {
        changes.add(new Change<>(e.id(), e.rev(), e.deleted(), e.document(), e.writer()));
      }
      next = Checkpoint.at(table.engine().databaseId(), collection(), e.major(), e.minor());
    }
    return new ChangeBatch<>(changes, next, rows.hasMore());
  }

  @Override
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

  @Override
  public long changesHeldBack() {
    return table.changesHeldBack();
  }

  @Override
  public Lock lock(String id, Duration lease) {
    String writer = table.engine().writer();
    DocumentTable.LockRow row = table.lock(id, writer, lease);
    return new HeldLock(this, id, row.holder(), row.expires());
  }

  @Override
  public void unlock(String id) {
    table.unlock(id, table.engine().writer());
  }

  @Override
  public Optional<Lock> lockOf(String id) {
    return table.lockOf(id).map(row -> new HeldLock(this, id, row.holder(), row.expires()));
  }

  /** Refuses to act on {@code lock} unless the calling thread writes as its holder. */
  private void requireHolder(Lock lock) {
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

  @Override
  public Database database() {
    return table.database();
  }

  @Override
  public String collection() {
    return table.binding().collection();
  }

  /**
   * A lock as taken or read; {@link #renew} and {@link #release} act as the calling thread's writer.
   *
   * @param store the store of the locked document
   * @param id the locked document's id
   * @param holder the writer holding the lock
   * @param expires when the lease ends, by the database's clock
   */
  private record HeldLock(EngineStore<?> store, String id, String holder, Instant expires) implements Lock {
    @Override
    public String collection() {
      return store.collection();
    }

    @Override
    public Lock renew(Duration lease) {
      store.requireHolder(this);
      return store.lock(id, lease);
    }

    @Override
    public void release() {
      store.requireHolder(this);
      store.unlock(id);
    }

    @Override
    public String toString() {
      return "Lock{" + collection() + "/" + id + ", holder=" + holder + ", expires=" + expires + "}";
    }
  }
}
