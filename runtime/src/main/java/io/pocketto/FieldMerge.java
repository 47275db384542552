package io.pocketto;

import java.util.Set;

/**
 * {@link ConflictHandler#FIELD_MERGE}: a three-way merge per field against the state this writer
 * started from. A field changed only here is applied on top of the stored state; a field changed only
 * by others keeps their value; a field changed on both sides to the same value is fine. A field
 * changed on both sides to different values is a true conflict: it goes to the fallback handler if
 * there is one, else surfaces as a {@link ConflictException} whose {@code conflictingFields()} name it.
 */
public final class FieldMerge implements ConflictHandler<Object> {
  private final ConflictHandler<Object> fallback;

  /** A merge without fallback: true conflicts raise {@link ConflictException}. */
  public FieldMerge() {
    this(null);
  }

  private FieldMerge(ConflictHandler<Object> fallback) {
    this.fallback = fallback;
  }

  /** The same merge, handing true conflicts to {@code fallback} (e.g. {@link ConflictHandler#LAST_WRITE_WINS}). */
  public FieldMerge withFallback(ConflictHandler<Object> fallback) {
    if (fallback == null) {
      throw new IllegalArgumentException("fallback must not be null");
    }
    return new FieldMerge(fallback);
  }

  @Override
  public Object resolve(ConflictInput<Object> input) {
    Set<String> both = input.conflictingFields();
    if (both.isEmpty()) {
      return input.merged();
    }
    if (fallback != null) {
      return fallback.resolve(input);
    }
    throw input.conflict(both);
  }

  @Override
  public String name() {
    return fallback == null ? "FIELD_MERGE" : "FIELD_MERGE(fallback=" + fallback.name() + ")";
  }
}
