package io.pocketto;

import java.util.List;

/**
 * What one read of a changes feed returned.
 *
 * @param changes the documents changed after the checkpoint read from, in feed order, each at most once
 * @param checkpoint where to read next; the same checkpoint when nothing changed
 * @param hasMore whether more changes could be read right away
 * @param <T> the generated model class
 */
public record ChangeBatch<T>(List<Change<T>> changes, Checkpoint checkpoint, boolean hasMore) {
  /** Copies the list, so that a batch cannot change after it was read. */
  public ChangeBatch {
    changes = List.copyOf(changes);
  }
}
