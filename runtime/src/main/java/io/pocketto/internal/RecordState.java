package io.pocketto.internal;

import io.pocketto.Database;
import java.time.Instant;

/**
 * The bookkeeping a generated record carries: the table it is stored in, under which id and revision, and
 * the stored form of its fields at load or last save (the snapshot dirty tracking compares against).
 * Only the runtime changes it, and only after a write succeeded.
 */
@ForGeneratedCode
public final class RecordState {
  private String id;
  private String rev;
  private boolean deleted;
  private String writer;
  /** The table this record was loaded from or saved to: a save goes straight to it. */
  private DocumentTable<?> table;
  private Object[] snapshot;
  /** The revision of this record's last write whose outcome was unknown, until a save settles it. */
  private String unconfirmed;
  /** The attempt id that write stored with its row. */
  private long unconfirmedAttempt;
  private Origin origin = Origin.DATABASE;
  private Instant createdAt;
  private Instant updatedAt;

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
    return table == null ? null : table.engine().database();
  }

  /** The table this record was loaded from or saved to; {@code null} for a new record. */
  DocumentTable<?> table() {
    return table;
  }

  /** Whether the record is stored (it has a revision). */
  public boolean persisted() {
    return rev != null;
  }

  /** Where a stored record's baseline (snapshot) comes from. */
  enum Origin {
    /** A load or a write: the database's state. */
    DATABASE,
    /** A client's JSON at a revision, with {@code _meta._before_update} saying what it changed since. */
    CLIENT,
    /** A client's JSON at a revision that does not say what it changed since. */
    CLIENT_WITHOUT_CHANGES
  }

  /**
   * Whether the record was read from JSON at a revision ({@code fromJson}) and not written or loaded
   * since. Its baseline is what the document said about that revision, which the database has not
   * confirmed, so its next save writes even when no field looks changed.
   */
  public boolean fromClient() {
    return origin != Origin.DATABASE;
  }

  /**
   * Whether the baseline tells which fields this record changed since its revision: false only for a
   * client's JSON without {@code _meta._before_update}, whose baseline is the document itself.
   */
  public boolean changesKnown() {
    return origin != Origin.CLIENT_WITHOUT_CHANGES;
  }

  /** When the document was created, as the database recorded it when this record was loaded; else {@code null}. */
  public Instant createdAt() {
    return createdAt;
  }

  /** When the document was last written, as loaded; {@code null} after a write by this record, until it is loaded again. */
  public Instant updatedAt() {
    return updatedAt;
  }

  /** Records the database's timestamps of a loaded row. */
  void timestamps(Instant created, Instant updated) {
    this.createdAt = created;
    this.updatedAt = updated;
  }

  /** The stored form of each field at load or last save; {@code null} for a record never saved. */
  Object[] snapshot() {
    return snapshot;
  }

  /** The revision of this record's last write whose outcome stayed unknown, or {@code null}. */
  String unconfirmed() {
    return unconfirmed;
  }

  /** The attempt id of the write {@link #unconfirmed()} names. */
  long unconfirmedAttempt() {
    return unconfirmedAttempt;
  }

  /** Remembers (or, with {@code null}, forgets) a write whose outcome is unknown, and its attempt id. */
  void unconfirmed(String revision, long attempt) {
    this.unconfirmed = revision;
    this.unconfirmedAttempt = attempt;
  }

  /** Sets or, with {@code null}, clears the id of a record not stored yet. */
  void assignId(String newId) {
    this.id = newId;
  }

  /** A copy of this state, to put back when a bundle or a retried write fails. */
  Memento capture() {
    return new Memento(id, rev, deleted, writer, table, snapshot, origin, createdAt, updatedAt);
  }

  /** Puts back a captured state. */
  void restore(Memento m) {
    stored(m.table, m.id, m.rev, m.deleted, m.writer, m.snapshot);
    this.origin = m.origin;
    timestamps(m.createdAt, m.updatedAt);
  }

  /** An earlier value of a {@link RecordState}. */
  record Memento(String id, String rev, boolean deleted, String writer, DocumentTable<?> table, Object[] snapshot,
      Origin origin, Instant createdAt, Instant updatedAt) {}

  /**
   * Records a document read from JSON at revision {@code baseRev}: stored, in no database yet (it saves
   * to the default one, or the one given to {@code saveTo}), with {@code baseline} as the stored form of
   * its fields at that revision; {@code changesKnown} says whether the document said what it changed.
   * The JSON does not say who wrote that revision, so its writer is unknown ({@code null}).
   */
  void fromClient(String documentId, String baseRev, Object[] baseline, boolean changesKnown) {
    stored(null, documentId, baseRev, false, null, baseline);
    this.origin = changesKnown ? Origin.CLIENT : Origin.CLIENT_WITHOUT_CHANGES;
  }

  /** Records a successful load or write; {@code revWriter} wrote revision {@code storedRev}. */
  void stored(DocumentTable<?> home, String storedId, String storedRev, boolean isDeleted, String revWriter, Object[] storedValues) {
    // The database sets the timestamps of a write; the record learns them on its next load. The creation
    // time stays known across an update of the same document, not across a create over a tombstone. A record
    // never stored is tested first: a load into a new record then does not read the id it was just handed.
    if (this.rev == null || this.deleted || !java.util.Objects.equals(storedId, this.id)) {
      this.createdAt = null;
    }
    this.updatedAt = null;
    this.table = home;
    this.id = storedId;
    this.rev = storedRev;
    this.deleted = isDeleted;
    this.writer = revWriter;
    this.snapshot = storedValues;
    this.origin = Origin.DATABASE;
  }
}
