package io.pocketto.internal;

import io.pocketto.Database;

/**
 * The bookkeeping a generated record carries: where it is stored, under which id and revision, and
 * the stored form of its fields at load or last save (the snapshot dirty tracking compares against).
 * Only the runtime changes it, and only after a write succeeded.
 */
public final class RecordState {
  private String id;
  private String rev;
  private boolean deleted;
  private String writer;
  private Database database;
  private Object[] snapshot;

  /** The document id; {@code null} until set or assigned on first save. */
  public String id() {
    return id;
  }

  /** The current revision; {@code null} for a record never saved. */
  public String rev() {
    return rev;
  }

  /** Whether the last write or load saw a tombstone. */
  public boolean deleted() {
    return deleted;
  }

  /** The writer of the current revision; {@code null} for a record never saved or a row from before writers. */
  public String writer() {
    return writer;
  }

  /** The database this record was loaded from or saved to; {@code null} for a new record. */
  public Database database() {
    return database;
  }

  /** Whether the record is stored (it has a revision). */
  public boolean persisted() {
    return rev != null;
  }

  /** The stored form of each field at load or last save; {@code null} for a record never saved. */
  Object[] snapshot() {
    return snapshot;
  }

  void assignId(String newId) {
    this.id = newId;
  }

  /** A copy of this state, to put back when a bundle or a retried write fails. */
  Memento capture() {
    return new Memento(id, rev, deleted, writer, database, snapshot);
  }

  /** Puts back a captured state. */
  void restore(Memento m) {
    stored(m.database, m.id, m.rev, m.deleted, m.writer, m.snapshot);
  }

  /** An earlier value of a {@link RecordState}. */
  record Memento(String id, String rev, boolean deleted, String writer, Database database, Object[] snapshot) {}

  /** Records a successful load or write. */
  void stored(Database db, String storedId, String storedRev, boolean isDeleted, String revWriter, Object[] storedValues) {
    this.database = db;
    this.id = storedId;
    this.rev = storedRev;
    this.deleted = isDeleted;
    this.writer = revWriter;
    this.snapshot = storedValues;
  }
}
