package io.pocketto;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A snapshot of a record's bookkeeping, the {@code _meta} of the seed documents. Serialised by
 * Jackson with the keys {@code _rev}, {@code _before_update} and {@code _dirty}, exactly as the seed
 * shows them. Equality compares those three, as the JSON does (a record read back with {@code fromJson}
 * equals the one written); {@link #writer()} and the timestamps are offered to Java only (they are the
 * database's, not part of the document's JSON), so the JSON keeps the seed's shape.
 *
 * <p>A lock is not part of a document, so it shows in neither: it changes no revision, no field and no
 * {@code _meta}. Ask {@code ModelStore.lockOf(id)} who holds one now.
 *
 * @param rev the current revision, {@code <height>-<32 hex>}, or {@code null} for a record never saved
 * @param writer who wrote the current revision (see {@link Database#writer()}), or {@code null} for a
 *     record never saved, or a row written before Pocketto recorded writers. Not part of the JSON form.
 * @param beforeUpdate for each changed field, the value it had when loaded or last saved. Unmodifiable.
 * @param dirty the names of the changed fields, in declaration order. Unmodifiable.
 * @param createdAt when the document was created ({@code _created_at}, set by the database), as of the
 *     record's last load; {@code null} for a record that was never loaded (new, or read from JSON). An
 *     update keeps it.
 * @param updatedAt when the document was last written ({@code _updated_at}, set by the database), as of
 *     the record's last load; {@code null} for a record never loaded and after this record wrote, until it
 *     is loaded again ({@code reload()}), because the database, not the record, picks the time.
 */
@JsonPropertyOrder({"_rev", "_before_update", "_dirty"})
public record Meta(
    @JsonProperty("_rev") String rev,
    @JsonIgnore String writer,
    @JsonProperty("_before_update") Map<String, Object> beforeUpdate,
    @JsonProperty("_dirty") Set<String> dirty,
    @JsonIgnore Instant createdAt,
    @JsonIgnore Instant updatedAt) {

  /** Creates a snapshot with the revision's writer and the document's timestamps. Used by the runtime. */
  public Meta {
    beforeUpdate = Collections.unmodifiableMap(new LinkedHashMap<>(beforeUpdate));
    dirty = Collections.unmodifiableSet(new LinkedHashSet<>(dirty));
  }

  /** Creates a snapshot without a writer; the collections are copied into unmodifiable ones. */
  public Meta(String rev, Map<String, Object> beforeUpdate, Set<String> dirty) {
    this(rev, null, beforeUpdate, dirty, null, null);
  }

  /** Creates a snapshot with the writer of the revision; the collections are copied into unmodifiable ones. */
  public Meta(String rev, String writer, Map<String, Object> beforeUpdate, Set<String> dirty) {
    this(rev, writer, beforeUpdate, dirty, null, null);
  }

  /** Creates a snapshot with the database's timestamps of the document. */
  public Meta(String rev, Map<String, Object> beforeUpdate, Set<String> dirty, Instant createdAt, Instant updatedAt) {
    this(rev, null, beforeUpdate, dirty, createdAt, updatedAt);
  }

  /** Compares the three keys of the JSON form, not the writer or the timestamps. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Meta m
        && Objects.equals(rev, m.rev)
        && beforeUpdate.equals(m.beforeUpdate)
        && dirty.equals(m.dirty);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rev, beforeUpdate, dirty);
  }

  @Override
  public String toString() {
    return "{_rev=" + rev + ", _before_update=" + beforeUpdate + ", _dirty=" + dirty + "}";
  }
}
