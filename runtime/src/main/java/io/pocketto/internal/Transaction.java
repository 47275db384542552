package io.pocketto.internal;

import io.pocketto.Bundle;
import io.pocketto.ChangeEvent;
import io.pocketto.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open bundle: its connection, the records it changed (to restore on rollback) and the change
 * events it holds back until commit.
 */
final class Transaction implements Bundle {
  private static final Logger LOG = LoggerFactory.getLogger(Transaction.class);

  record Delivery(ChangeFeed.Pending pending, ChangeEvent event) {}

  final Connection connection;
  final Map<RecordState, RecordState.Memento> mementos = new IdentityHashMap<>();
  final List<Delivery> events = new ArrayList<>();
  private final Database database;

  Transaction(Database database, Connection connection) {
    this.database = database;
    this.connection = connection;
  }

  @Override
  public Database database() {
    return database;
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

  /** Undoes the database work and puts every record back as it was before the bundle. */
  void rollBack() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // The connection is discarded below either way; the database drops uncommitted work with it.
      LOG.error("rolling back a bundle failed: {}", e.getMessage(), e);
    }
    mementos.forEach(RecordState::restore);
    for (Delivery d : events) {
      d.pending().finish();
    }
  }

  /** Returns the connection to the pool in auto-commit mode. */
  void release() {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      LOG.warn("resetting a bundle's connection failed: {}", e.getMessage(), e);
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.warn("closing a bundle's connection failed: {}", e.getMessage(), e);
      }
    }
  }
}
