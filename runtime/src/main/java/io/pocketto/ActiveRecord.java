package io.pocketto;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What every generated model class offers. A record instance is not thread-safe: share the
 * {@link Database}, not the instance; each thread finds its own copy.
 *
 * <p>The behaviour lives here, once, as default methods over {@link #modelBinding()} (writes and reloads
 * through the record's {@linkplain ModelType#store(ActiveRecord) store}); a generated class adds only what
 * is specific to its model (field access, accessors, query constants), which keeps generated sources small
 * and compile times short.
 *
 * @param <T> the generated model class
 */
public interface ActiveRecord<T extends ActiveRecord<T>> {

  /**
   * This record's model as the runtime knows it: the generated class's {@code BINDING}. For the runtime
   * and tools; application code has no need for it.
   */
  ModelType<T> modelBinding();

  /** The document id, or {@code null} before the first save assigns a UUIDv7. */
  default String getId() {
    return modelBinding().id(self());
  }

  /**
   * Sets the id of a record that has not been saved yet; {@code null} means "no id yet", so that the first
   * save assigns a UUIDv7, as if {@code setId} had never been called.
   *
   * @throws IllegalArgumentException if the id is empty, longer than 255 characters, or contains NUL
   *     or unpaired surrogates
   * @throws IllegalStateException if the record is already stored under another id (or {@code null})
   */
  default void setId(String id) {
    modelBinding().setId(self(), id);
  }

  /** The revision, the fields changed since load or the last save, and their values before the change. */
  @JsonProperty("_meta")
  default Meta meta() {
    return modelBinding().meta(self());
  }

  /**
   * Writes the record if it is new or changed, and gives it a new revision. A clean, stored record is
   * not written and keeps its revision.
   *
   * @return this record
   * @throws ConflictException if the stored revision is no longer the one this record was loaded with,
   *     or a new record's id is taken; the record is left exactly as it was, still dirty
   * @throws DocumentNotFoundException if the stored row is gone, or this record was deleted: a deleted
   *     record is stored again only by {@link #recreate()}
   */
  default T save() {
    return store().save(self());
  }

  /**
   * Saves a new record into {@code database} instead of the default database.
   *
   * @throws IllegalStateException if this record was loaded from, or saved to, another database
   */
  default T saveTo(Database database) {
    if (database == null) {
      throw new IllegalArgumentException("database must not be null");
    }
    return database.store(modelBinding()).save(self());
  }

  /**
   * Writes a tombstone: the document is marked deleted under a new revision and disappears from
   * {@code find} and {@code all}. The row stays, because replication needs tombstones.
   *
   * @throws ConflictException if the stored revision moved on since this record was loaded
   * @throws IllegalStateException if the record was never saved
   */
  default void delete() {
    store().delete(self());
  }

  /**
   * Stores a deleted record again as a live document: its fields become a new revision on top of its
   * tombstone, as CouchDB allows. This is the explicit way back; {@link #save()} of a deleted record
   * refuses, so that a record deleted elsewhere in the code is never revived by accident.
   *
   * @return this record, live again
   * @throws IllegalStateException if the record is not deleted
   * @throws ConflictException if the tombstone is no longer the stored revision (someone recreated or
   *     purged it since)
   */
  default T recreate() {
    return store().recreate(self());
  }

  /**
   * Replaces this record's fields and revision with what is stored now, discarding unsaved changes.
   *
   * @throws DocumentNotFoundException if the document no longer exists or is deleted
   */
  default T reload() {
    return store().reload(self());
  }

  /**
   * Applies {@code mutation} and saves; on a 409, reloads, applies it again to the stored state and
   * retries, within the database's {@link RetryPolicy}. The mutation may run several times.
   *
   * @return this record, saved
   * @throws IllegalStateException if the record was never saved or has unsaved changes
   * @throws RetriesExhaustedException when every attempt met a conflict; the record is left as it was
   */
  default T incrementalModify(Consumer<? super T> mutation) {
    return store().incrementalModify(self(), mutation);
  }

  /**
   * {@link #incrementalModify(Consumer)} under {@code policy} instead of the database's; for example
   * {@code RetryPolicy.defaults().withLockWait(Duration.ofSeconds(5))} waits up to 5 s for another
   * writer's lock, where the default fails at once with a {@link LockedException}.
   */
  default T incrementalModify(Consumer<? super T> mutation, RetryPolicy policy) {
    return store().incrementalModify(self(), mutation, policy);
  }

  /**
   * Takes this document's lock for the current {@linkplain Database#writer() writer}, for {@code lease}
   * by the database's clock: until it is released or ends, every write from any other writer is refused
   * with a {@link LockedException}. The record is not changed (no new revision, not dirty), nor
   * refreshed: {@link #reload()} it if it may be stale.
   * <pre>{@code
   * try (Lock lock = invoice.lock(Duration.ofMinutes(5))) {
   *   invoice.setTotal(total);
   *   invoice.save();
   * }
   * }</pre>
   *
   * @throws LockedException if another writer holds the lock
   * @throws IllegalStateException if the record was never saved
   */
  default Lock lock(Duration lease) {
    return modelBinding().lock(self(), lease);
  }

  /**
   * {@link #incrementalModify} with field values by name, checked against the model's fields and types.
   *
   * @throws IllegalArgumentException for an unknown field or a value of the wrong type, before any write
   */
  default T incrementalPatch(Map<String, ?> changes) {
    return store().incrementalPatch(self(), changes);
  }

  /**
   * Saves, and on a conflict lets {@code handler} decide what to write on top of the stored revision,
   * repeating while new conflicts arrive.
   *
   * @throws ConflictException if the handler gives up (e.g. {@link FieldMerge} without fallback)
   * @throws RetriesExhaustedException if conflicts keep arriving; the record is left as it was
   */
  default T save(ConflictHandler<? super T> handler) {
    return store().save(self(), handler);
  }

  /**
   * Saves with the handler configured for this model ({@code @Model(conflictHandler)} or
   * {@code ModelStore.setConflictHandler}).
   *
   * @throws IllegalStateException if none is configured
   */
  default T saveResolving() {
    return store().saveResolving(self());
  }

  /** Whether any field differs from its value at load or the last save. */
  @JsonIgnore
  default boolean isDirty() {
    return modelBinding().isDirty(self());
  }

  /**
   * Whether the named field differs from its value at load or the last save.
   *
   * @throws IllegalArgumentException if the model has no such field
   */
  default boolean isDirty(String field) {
    return modelBinding().isDirty(self(), field);
  }

  /**
   * The document as JSON: {@code id}, the fields, and {@code _meta} with {@code _rev}, {@code _before_update}
   * and {@code _dirty}. The generated {@code fromJson} reads it back into an equal record with the same
   * revision and dirty state.
   */
  default String toJson() {
    return modelBinding().toJson(self());
  }

  /** {@link #toJson()} as a Jackson tree, to embed the document in a larger response. */
  default ObjectNode toJsonNode() {
    return modelBinding().toJsonNode(self());
  }

  /** The store this record's writes and reloads go through: its database's, else the default database's. */
  private ModelStore<T> store() {
    return modelBinding().store(self());
  }

  /** This record as its generated class, which is what {@code T} is by construction. */
  @SuppressWarnings("unchecked")
  private T self() {
    return (T) this;
  }
}
