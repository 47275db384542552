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
public interface Lock extends AutoCloseable {

  /** The collection of the locked document. */
  String collection();

  /** The id of the locked document. */
  String id();

  /** The writer holding the lock. */
  String holder();

  /** When the lease ends, by the database's clock, as it stood when this lock was taken or read. */
  Instant expires();

  /**
   * Extends the lease to {@code lease} from now (by the database's clock). A lease that lapsed is taken
   * again if no other writer took the lock meanwhile; any write made in the gap is still caught by the
   * holder's revision check.
   *
   * @return the renewed lock, with its new expiry
   * @throws LockedException if another writer holds the lock now, or the calling thread's writer is not
   *     the holder
   */
  Lock renew(Duration lease);

  /**
   * Releases the lock. Releasing a lock that already lapsed, or was released, does nothing.
   *
   * @throws LockedException if another writer holds the lock now, or the calling thread's writer is not
   *     the holder
   */
  void release();

  /** {@link #release()}, for try-with-resources. */
  @Override
  default void close() {
    release();
  }
}
