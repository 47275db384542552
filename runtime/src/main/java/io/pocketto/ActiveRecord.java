package io.pocketto;

/**
 * What every generated model class offers. A record instance is not thread-safe: share the
 * {@link Database}, not the instance; each thread finds its own copy.
 *
 * @param <T> the generated model class
 */
public interface ActiveRecord<T extends ActiveRecord<T>> {

  /** The document id, or {@code null} before the first save assigns a UUIDv7. */
  String getId();

  /**
   * Sets the id of a record that has not been saved yet.
   *
   * @throws IllegalArgumentException if the id is empty, longer than 255 characters, or contains NUL
   *     or unpaired surrogates
   * @throws IllegalStateException if the record is already stored under another id
   */
  void setId(String id);

  /** The revision, the fields changed since load or the last save, and their values before the change. */
  Meta meta();

  /**
   * Writes the record if it is new or changed, and gives it a new revision. A clean, stored record is
   * not written and keeps its revision.
   *
   * @return this record
   * @throws ConflictException if the stored revision is no longer the one this record was loaded with,
   *     or a new record's id is taken; the record is left exactly as it was, still dirty
   * @throws DocumentNotFoundException if the stored row is gone
   */
  T save();

  /**
   * Saves a new record into {@code database} instead of the default database.
   *
   * @throws IllegalStateException if this record was loaded from, or saved to, another database
   */
  T saveTo(Database database);

  /**
   * Writes a tombstone: the document is marked deleted under a new revision and disappears from
   * {@code find} and {@code all}. The row stays, because replication needs tombstones.
   *
   * @throws ConflictException if the stored revision moved on since this record was loaded
   * @throws IllegalStateException if the record was never saved
   */
  void delete();

  /**
   * Replaces this record's fields and revision with what is stored now, discarding unsaved changes.
   *
   * @throws DocumentNotFoundException if the document no longer exists or is deleted
   */
  T reload();

  /**
   * Applies {@code mutation} and saves; on a 409, reloads, applies it again to the stored state and
   * retries, within the database's {@link RetryPolicy}. The mutation may run several times.
   *
   * @return this record, saved
   * @throws IllegalStateException if the record was never saved or has unsaved changes
   * @throws RetriesExhaustedException when every attempt met a conflict; the record is left as it was
   */
  T incrementalModify(java.util.function.Consumer<? super T> mutation);

  /**
   * {@link #incrementalModify} with field values by name, checked against the model's fields and types.
   *
   * @throws IllegalArgumentException for an unknown field or a value of the wrong type, before any write
   */
  T incrementalPatch(java.util.Map<String, ?> changes);

  /**
   * Saves, and on a conflict lets {@code handler} decide what to write on top of the stored revision,
   * repeating while new conflicts arrive.
   *
   * @throws ConflictException if the handler gives up (e.g. {@link FieldMerge} without fallback)
   * @throws RetriesExhaustedException if conflicts keep arriving; the record is left as it was
   */
  T save(ConflictHandler<? super T> handler);

  /**
   * Saves with the handler configured for this model ({@code @Model(conflictHandler)} or
   * {@code ModelStore.setConflictHandler}).
   *
   * @throws IllegalStateException if none is configured
   */
  T saveResolving();

  /** Whether any field differs from its value at load or the last save. */
  boolean isDirty();

  /**
   * Whether the named field differs from its value at load or the last save.
   *
   * @throws IllegalArgumentException if the model has no such field
   */
  boolean isDirty(String field);

  /** The document as JSON: {@code id}, the fields, and {@code _meta} with {@code _rev}, {@code _before_update} and {@code _dirty}. */
  String toJson();
}
