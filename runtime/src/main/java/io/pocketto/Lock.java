package io.pocketto;

import java.time.Duration;
import java.time.Instant;

/**
 * A writer's exclusive, leased right to write one document: while the lease runs, every write from any
 * other writer is refused with a {@link LockedException}. Leases end by the database's clock, so a
 * crashed holder blocks no one for longer than its lease. Take one with {@code record.lock(lease)} or
 * {@link ModelStore#lock(String, Duration)}.
 *
 * <p>A lock changes neither the document's revision nor its fields, and does not place it in the
 * changes feed. Identity is the {@linkplain Database#writer() writer}: {@link #renew} and
 * {@link #release} act as the writer current on the calling thread, which must be the holder.
 */
public final class Lock implements AutoCloseable {
  private final ModelStore<?> store;
  private final String id;
  private final String holder;
  private final Instant expires;

  Lock(ModelStore<?> store, String id, String holder, Instant expires) {
    this.store = store;
    this.id = id;
    this.holder = holder;
    this.expires = expires;
  }

  /** The collection of the locked document. */
  public String collection() {
    return store.collection();
  }

  /** The id of the locked document. */
  public String id() {
    return id;
  }

  /** The writer holding the lock. */
  public String holder() {
    return holder;
  }

  /** When the lease ends, by the database's clock, as it stood when this lock was taken or read. */
  public Instant expires() {
    return expires;
  }

  /**
   * Extends the lease to {@code lease} from now (by the database's clock). A lease that lapsed is taken
   * again if no other writer took the lock meanwhile; any write made in the gap is still caught by the
   * holder's revision check.
   *
   * @return the renewed lock, with its new expiry
   * @throws LockedException if another writer holds the lock now, or the calling thread's writer is not
   *     the holder
   */
  public Lock renew(Duration lease) {
    store.requireHolder(this);
    return store.lock(id, lease);
  }

  /**
   * Releases the lock. Releasing a lock that already lapsed, or was released, does nothing.
   *
   * @throws LockedException if another writer holds the lock now, or the calling thread's writer is not
   *     the holder
   */
  public void release() {
    store.requireHolder(this);
    store.unlock(id);
  }

  /** {@link #release()}, for try-with-resources. */
  @Override
  public void close() {
    release();
  }

  @Override
  public String toString() {
    return "Lock{" + collection() + "/" + id + ", holder=" + holder + ", expires=" + expires + "}";
  }
}
