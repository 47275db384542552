package io.pocketto.internal;

import io.pocketto.Bundle;
import io.pocketto.Database;
import io.pocketto.TransactionJoiner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open bundle: its connection, the records it changed (to restore on rollback) and the change
 * events it holds back until commit. Either the engine runs it ({@link Engine#bundle}) or it is this
 * database's share of an application transaction that a {@link TransactionJoiner} found; then the
 * application's transaction manager commits, rolls back and releases the connection, and tells it.
 */
final class Transaction implements Bundle, TransactionJoiner.Participant {
  private static final Logger LOG = LoggerFactory.getLogger(Transaction.class);

  private record Position(DocumentTable<?> table, long number) {}

  /** One document this bundle wrote, and the revision it wrote. */
  private record Written(DocumentTable<?> table, RecordState state, String id, String rev, long attempt) {}

  final Connection connection;
  final Map<RecordState, RecordState.Memento> mementos = new IdentityHashMap<>();
  final List<ChangeFeed.Delivery> events = new ArrayList<>();
  /** The tables written, to wake their changes feed's readers once the bundle ends. */
  private final Set<DocumentTable<?>> written = new LinkedHashSet<>();
  /** The change numbers this bundle drew in this process, in flight until it ends. */
  private final List<Position> positions = new ArrayList<>();
  /** The revision of each document written, to settle a commit whose answer was lost. */
  private final List<Written> revisions = new ArrayList<>();
  private final Engine engine;
  /** Whether this joined the application's transaction, whose manager ends it and owns its connection. */
  private final boolean joined;
  /** Why the connection must leave the pool when the bundle lets go of it; null if it may go back. */
  private String discardReason;
  /** The turns this bundle holds, from its first write of each document until it ends ({@link DocumentTurns}). */
  private DocumentTurns turns;
  private final List<String> turnsHeld = new ArrayList<>();

  Transaction(Engine engine, Connection connection, boolean joined) {
    this.engine = engine;
    this.connection = connection;
    this.joined = joined;
  }

  /** Marks the connection to be evicted, not returned, when the bundle ends. */
  void discardOnRelease(String why) {
    if (discardReason == null) {
      discardReason = why;
    }
  }

  @Override
  public Database database() {
    return engine.database();
  }

  @Override
  public Connection connection() {
    return connection;
  }

  /**
   * Notes a write about to run in this bundle, and the change number it drew in this process (0 if
   * none). The number stays in flight until the bundle has committed or rolled back, so that a reader
   * of the changes feed waits for the bundle rather than skip it.
   */
  void wrote(DocumentTable<?> table, long position) {
    written.add(table);
    if (position != 0) {
      positions.add(new Position(table, position));
    }
  }

  /**
   * Takes the turn of document {@code id} of {@code table} before this bundle writes it, unless it holds it already;
   * {@code turns} is {@code null} where the database needs none. Given back by {@link #release}.
   */
  void take(DocumentTurns turns, DocumentTable<?> table, String id, long waitMillis) throws SQLException {
    if (turns == null) {
      return;
    }
    String key = DocumentTurns.key(table.binding().collection(), id);
    if (turns.take(this, key, waitMillis)) {
      this.turns = turns;
      turnsHeld.add(key);
    }
  }

  @Override
  public void beforeCommit() {
    // Nothing to do inside the transaction: each write placed itself in the changes feed as it ran.
  }

  @Override
  public void afterCompletion(boolean committed) {
    engine.bundleEnded(this, committed);
  }

  /** Notes that the bundle wrote {@code rev} of document {@code id}. */
  void wrote(DocumentTable<?> table, RecordState state, String id, String rev, long attempt) {
    revisions.add(new Written(table, state, id, rev, attempt));
  }

  /**
   * The commit's outcome stayed unknown: each record remembers the revision it attempted, so that running
   * the same bundle again recognises the writes that did happen instead of calling them conflicts.
   */
  void markUnconfirmed() {
    for (Written w : revisions) {
      w.state().unconfirmed(w.rev(), w.attempt());
    }
  }

  /**
   * After a commit whose answer was lost: whether it happened, by the revisions stored. {@code TRUE} if
   * every document the bundle wrote is at (or past) the revision it wrote, {@code FALSE} if none is,
   * {@code null} if only some are (another writer may have been in between) or the database cannot be
   * asked.
   */
  Boolean committedAfterAll() {
    int found = 0;
    for (Written w : revisions) {
      if (w.table().isStoredAt(w.id(), w.rev(), w.attempt())) {
        found++;
      }
    }
    return found == revisions.size() ? Boolean.TRUE : found == 0 ? Boolean.FALSE : null;
  }

  /** The first document written, for an error that must name one. */
  String[] firstWrite() {
    Written w = revisions.isEmpty() ? null : revisions.get(0);
    return w == null ? null : new String[] {w.table().binding().collection(), w.id(), w.rev()};
  }

  /** After commit: events in write order, each released before the next so a later write of the same document may follow. */
  void deliver(ChangeFeed feed) {
    feed.deliverAll(events);
  }

  /**
   * Undoes the database work (unless the application's transaction manager already did) and puts every
   * record back as it was before the bundle.
   */
  void rollBack() {
    try {
      if (!joined) {
        engine.connections().rollback(connection);
      }
    } catch (SQLException e) {
      // Returned to the pool, the connection could carry the bundle's writes into the next borrower's
      // transaction; evicted, the database drops them with it.
      LOG.error("rolling back a bundle failed: {}", e.getMessage(), e);
      discardOnRelease("rolling back a bundle failed: " + e.getMessage());
    }
    mementos.forEach(RecordState::restore);
    for (ChangeFeed.Delivery d : events) {
      d.pending().finish();
    }
  }

  /**
   * Returns the connection to the pool in auto-commit mode, or evicts it if it cannot be trusted, ends the
   * bundle's change numbers, and gives back its documents' turns. Called once the bundle has committed or rolled
   * back.
   */
  void release() {
    try {
      releaseConnectionAndNumbers();
    } finally {
      if (turns != null) {
        turns.giveAll(this, turnsHeld);
        turnsHeld.clear();
      }
    }
  }

  private void releaseConnectionAndNumbers() {
    for (Position p : positions) {
      p.table().releasePosition(p.number());
    }
    for (DocumentTable<?> table : written) {
      table.signalWrite();
    }
    if (joined) {
      // The application's transaction manager resets its connection and gives it back.
      return;
    }
    if (discardReason == null) {
      try {
        engine.connections().end(connection);
      } catch (SQLException e) {
        discardOnRelease("resetting a bundle's connection failed: " + e.getMessage());
      }
    }
    try {
      if (discardReason != null) {
        engine.discard(connection, discardReason);
      }
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.warn("closing a bundle's connection failed: {}", e.getMessage(), e);
      }
    }
  }
}
