package io.pocketto;

/**
 * One accepted write, delivered to {@link ChangeListener}s after it committed.
 *
 * @param collection the collection written
 * @param id the document id
 * @param revision the new revision
 * @param previousRevision the revision it replaced; {@code null} for a create
 * @param deleted whether the write was a delete (a tombstone)
 * @param conflictResolved whether the write resolved a conflict (CLASP's {@code meta.conflict})
 * @param resolvedBy the name of the handler that resolved it, or {@code null}
 */
public record ChangeEvent(
    String collection,
    String id,
    String revision,
    String previousRevision,
    boolean deleted,
    boolean conflictResolved,
    String resolvedBy) {}
