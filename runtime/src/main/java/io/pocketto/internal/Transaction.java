package io.pocketto.internal;

import io.pocketto.Bundle;
import io.pocketto.ChangeEvent;
import io.pocketto.Database;
import io.pocketto.TransactionJoiner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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

  record Delivery(ChangeFeed.Pending pending, ChangeEvent event) {}

  final Connection connection;
  final Map<RecordState, RecordState.Memento> mementos = new IdentityHashMap<>();
  final List<Delivery> events = new ArrayList<>();
  /** The documents written, in write order; each gets its change number at commit. */
  private final Map<DocumentTable<?>, Set<String>> changed = new LinkedHashMap<>();
  private final Engine engine;
  /** Whether this joined the application's transaction, whose manager ends it and owns its connection. */
  private final boolean joined;
  /** Why the connection must leave the pool when the bundle lets go of it; null if it may go back. */
  private String discardReason;

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

  /** Notes a written document, to number at commit. */
  void changed(DocumentTable<?> table, String id) {
    changed.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(id);
  }

  /**
   * Draws the change numbers of every written document, just before commit. Collections go in name
   * order, so that two bundles committing at once take the counters in the same order and cannot
   * deadlock on them; the documents' rows are already held by this transaction.
   */
  void assignChangeNumbers() throws SQLException {
    List<DocumentTable<?>> tables = new ArrayList<>(changed.keySet());
    tables.sort(Comparator.comparing(t -> t.binding().collection()));
    for (DocumentTable<?> table : tables) {
      for (String id : changed.get(table)) {
        table.assignChangeNumber(connection, id);
      }
    }
  }

  @Override
  public void beforeCommit() throws SQLException {
    assignChangeNumbers();
  }

  @Override
  public void afterCompletion(boolean committed) {
    engine.joinedTransactionEnded(this, committed);
  }

  /** After commit: events in write order, each released before the next so a later write of the same document may follow. */
  void deliver(ChangeFeed feed) {
    for (Delivery d : events) {
      try {
        feed.deliver(d.event());
      } finally {
        d.pending().finish();
      }
    }
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
    for (Delivery d : events) {
      d.pending().finish();
    }
  }

  /** Returns the connection to the pool in auto-commit mode, or evicts it if it cannot be trusted. */
  void release() {
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
