package io.pocketto;

/**
 * One document in the changes feed, at its latest revision.
 *
 * @param id the document id
 * @param revision the revision stored now
 * @param deleted whether that revision is a tombstone
 * @param document the record as stored now; for a tombstone, the fields it was deleted with
 * @param writer who wrote that revision (see {@link Database#writer()}); {@code null} for a revision
 *     written before Pocketto recorded writers
 * @param <T> the generated model class
 */
public record Change<T>(String id, String revision, boolean deleted, T document, String writer) {

  /** A change that names no writer. */
  public Change(String id, String revision, boolean deleted, T document) {
    this(id, revision, deleted, document, null);
  }
}
