package io.pocketto.query;

import java.util.List;
import java.util.Optional;

/**
 * One page of a seek-paginated query ({@link Query#slice(int)}): its documents, and an opaque cursor
 * to fetch the page after it with {@link Query#after(String)}. Nothing is counted, so a slice costs the
 * same on the first page and the ten-thousandth.
 *
 * @param items the documents of this slice, in query order
 * @param nextCursor the cursor for the slice after this one, or {@code null} when this is the last
 * @param <T> the model class
 */
public record Slice<T>(List<T> items, String nextCursor) {

  /** Copies the items into an unmodifiable list. */
  public Slice {
    items = List.copyOf(items);
  }

  /** Whether documents follow this slice: the database had more than {@code size} left. */
  public boolean hasNext() {
    return nextCursor != null;
  }

  /** The cursor for the slice after this one, if there is one. */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}
