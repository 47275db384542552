package io.pocketto.internal;

import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTimeoutException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which write of this process holds each document of one database, where the database's own row locks cannot be
 * relied on ({@link Dialect#documentTurnWaitMillis}), shared by every {@code Database} of the process open on it.
 *
 * <p>On an H2 file (2.4.240 and 2.5.252), two transactions that write one row at once sometimes both pass a
 * conditional {@code UPDATE}'s revision check, so that a confirmed write is lost, or leave the row's index entry
 * behind ("Row not found when trying to delete from index"), after which every write of the row times out. Plain
 * JDBC does it too, with no Pocketto code involved. So a write takes its document here before its statement runs:
 * an auto-committed write for that statement, a bundle from its first write of the document until it has committed
 * or rolled back. H2 then never sees two transactions write one row at once; writes of other documents run side by
 * side as before. A write that finds its document held waits, as it would for the row lock: a wait that would close a
 * circle of bundles fails at once as a deadlock, one that outlasts the database's lock timeout fails as a lock
 * timeout, and a bundle runs again after either, as after the database's own.
 *
 * <p>Not {@link WriteTurns}, which orders this process's incremental writes of a document for fairness, on every
 * database, around a read and a write; these hold a document for as long as the database would hold its row lock.
 */
final class DocumentTurns {
  /** The holder of each held document, by collection and id. */
  private final Map<String, Object> holders = new HashMap<>();
  /** The document each waiting holder waits for, to find circles. */
  private final Map<Object, String> waiting = new HashMap<>();

  /** The key of one document. */
  static String key(String collection, String id) {
    return collection + '\0' + id;
  }

  /**
   * Takes document {@code key} for {@code holder} (a bundle, or the thread of an auto-committed write), waiting at
   * most {@code waitMillis} while another holds it. Taking one it holds already is a no-op.
   *
   * @return whether it was taken now (false: {@code holder} held it already)
   * @throws SQLTransactionRollbackException (40001) if waiting would close a circle of holders
   * @throws SQLTimeoutException (HYT00, H2's code) if it is still held when the wait ends
   */
  synchronized boolean take(Object holder, String key, long waitMillis)
      throws SQLTransactionRollbackException, SQLTimeoutException {
    long deadline = System.nanoTime() + waitMillis * 1_000_000;
    while (true) {
      Object current = holders.get(key);
      if (current == null) {
        holders.put(key, holder);
        return true;
      }
      if (current == holder) {
        return false;
      }
      if (closesCircle(holder, current)) {
        throw new SQLTransactionRollbackException("Deadlock detected: " + describe(key)
            + " is held by a write that waits for one this write holds", "40001");
      }
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new SQLTimeoutException("Timeout trying to lock " + describe(key) + ": another write of this process "
            + "has held it for " + waitMillis + " ms", "HYT00");
      }
      waiting.put(holder, key);
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLTimeoutException("interrupted while waiting for " + describe(key), "HYT00", e);
      } finally {
        waiting.remove(holder);
      }
    }
  }

  /** Whether {@code holder} waiting for what {@code current} holds would close a circle of waits. */
  private boolean closesCircle(Object holder, Object current) {
    Object next = current;
    for (int steps = 0; next != null && steps <= waiting.size(); steps++) {
      if (next == holder) {
        return true;
      }
      String awaited = waiting.get(next);
      next = awaited == null ? null : holders.get(awaited);
    }
    return false;
  }

  /** Gives back document {@code key}, if {@code holder} holds it. */
  synchronized void give(Object holder, String key) {
    if (holders.get(key) == holder) {
      holders.remove(key);
      notifyAll();
    }
  }

  /** Gives back the documents {@code keys} that {@code holder} holds. */
  synchronized void giveAll(Object holder, List<String> keys) {
    for (String key : keys) {
      if (holders.get(key) == holder) {
        holders.remove(key);
      }
    }
    notifyAll();
  }

  private static String describe(String key) {
    return key.replace('\0', '/');
  }

  private static final ProcessShared<DocumentTurns> SHARED = new ProcessShared<>();

  /** The turns of the database with id {@code databaseId}, counting one more holder. */
  static DocumentTurns acquire(String databaseId) {
    return SHARED.acquire(databaseId, DocumentTurns::new);
  }

  /** One {@code Database} of the process let go of the turns of {@code databaseId}. */
  static void release(String databaseId) {
    SHARED.release(databaseId);
  }
}
