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
 * @param writer who made the write (see {@link Database#writer()})
 * @param previousWriter who wrote the revision it replaced; {@code null} for a create, or for a
 *     revision written before Pocketto recorded writers
 */
public record ChangeEvent(
    String collection,
    String id,
    String revision,
    String previousRevision,
    boolean deleted,
    boolean conflictResolved,
    String resolvedBy,
    String writer,
    String previousWriter) {

  /** An event that names no writers, as events did before writers were recorded. */
  public ChangeEvent(String collection, String id, String revision, String previousRevision, boolean deleted,
      boolean conflictResolved, String resolvedBy) {
    this(collection, id, revision, previousRevision, deleted, conflictResolved, resolvedBy, null, null);
  }

  /**
   * The writer whose revision this write replaced, when it was someone else: CLASP's {@code meta.writer},
   * "Value was overwritten by: bob" seen from bob's side. {@code null} when the write replaced the same
   * writer's revision, or created the document.
   */
  public String overwrote() {
    return previousWriter != null && !previousWriter.equals(writer) ? previousWriter : null;
  }
}
