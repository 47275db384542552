package io.pocketto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * A write was rejected because the document moved on: the revision this writer started from is no
 * longer the stored one, or a new document's id is already taken. This is CouchDB's and Pocketto's
 * {@code 409 conflict}.
 *
 * <p>The record that failed to save is left untouched: same revision, still dirty. To resolve, find
 * the document again, re-apply the change and save (see the README's "Handling conflicts").
 */
public class ConflictException extends DocumentException implements JsonError {
  private static final long serialVersionUID = 1L;
  /** The seed's message and reason text. */
  public static final String REASON = "Document update conflict";

  private final String expectedRevision;
  private final String revision;
  private final Set<String> conflictingFields;
  private final String winningWriter;
  private final boolean deleted;

  /**
   * Creates a conflict.
   *
   * @param collection the collection written to
   * @param id the document id
   * @param expectedRevision the revision the writer started from, or {@code null} for a create
   * @param revision the revision stored now
   */
  public ConflictException(String collection, String id, String expectedRevision, String revision) {
    this(collection, id, expectedRevision, revision, Set.of());
  }

  /** Creates a conflict that names the fields both sides changed to different values. */
  public ConflictException(
      String collection, String id, String expectedRevision, String revision, Set<String> conflictingFields) {
    this(collection, id, expectedRevision, revision, conflictingFields, false, null);
  }

  /**
   * Creates a conflict that also names who wrote the revision stored now.
   *
   * @param winningWriter the writer of {@code revision}, or {@code null} if unknown
   */
  public ConflictException(String collection, String id, String expectedRevision, String revision,
      Set<String> conflictingFields, String winningWriter) {
    this(collection, id, expectedRevision, revision, conflictingFields, false, winningWriter);
  }

  /**
   * Creates a conflict; {@code deleted} says that the revision stored now is a tombstone, so the writer's
   * copy is of a document someone deleted.
   */
  public ConflictException(String collection, String id, String expectedRevision, String revision, boolean deleted) {
    this(collection, id, expectedRevision, revision, Set.of(), deleted, null);
  }

  /**
   * Creates a conflict with a stored revision that may be a tombstone ({@code deleted}), naming who wrote it.
   *
   * @param winningWriter the writer of {@code revision}, or {@code null} if unknown
   */
  public ConflictException(String collection, String id, String expectedRevision, String revision, boolean deleted,
      String winningWriter) {
    this(collection, id, expectedRevision, revision, Set.of(), deleted, winningWriter);
  }

  private ConflictException(String collection, String id, String expectedRevision, String revision,
      Set<String> conflictingFields, boolean deleted, String winningWriter) {
    super(409, deleted ? REASON + ": " + collection + "/" + id + " was deleted (tombstone revision " + revision
        + ") after revision " + expectedRevision + "; recreate it explicitly if it should come back" : REASON,
        collection, id);
    this.winningWriter = winningWriter;
    this.expectedRevision = expectedRevision;
    this.revision = revision;
    this.conflictingFields = Set.copyOf(conflictingFields);
    this.deleted = deleted;
  }

  /**
   * Whether the revision stored now is a tombstone: the document was deleted after this writer's copy
   * was read. Saving again will not revive it; see {@link ActiveRecord#recreate()}.
   */
  public boolean deleted() {
    return deleted;
  }

  /** Always {@code "conflict"}, as in CouchDB. */
  @Override
  public String name() {
    return "conflict";
  }

  /** Always {@value #REASON}. */
  public String reason() {
    return REASON;
  }

  /** The revision stored now, which the writer must start from to succeed. */
  public String revision() {
    return revision;
  }

  /** The revision the rejected write started from; {@code null} when a create hit an existing id. */
  public String expectedRevision() {
    return expectedRevision;
  }

  /** The fields both writers changed to different values, when a merge found them; otherwise empty. */
  public Set<String> conflictingFields() {
    return conflictingFields;
  }

  /**
   * Who wrote the revision stored now, the one that won, so that a user can be told "Bob saved this
   * first"; {@code null} if that revision was written before Pocketto recorded writers. Not part of
   * {@link #toJson()}, which keeps the seed's six keys; see {@link #toJsonWithWriter()}.
   */
  public String winningWriter() {
    return winningWriter;
  }

  /**
   * The seed's error object, exactly: {@code {"name":"conflict","message":"Document update conflict",
   * "status":409,"error":true,"reason":"Document update conflict","revision":"10-..."}}.
   */
  @Override
  public ObjectNode toJsonNode() {
    ObjectNode node = errorObject(name(), REASON);
    node.put("revision", revision);
    return node;
  }

  /**
   * The seed's six keys followed by {@code "writer"}, the {@link #winningWriter()} ({@code null} when
   * unknown): for an API that wants to say who won without changing the seed's error object.
   */
  public ObjectNode toJsonNodeWithWriter() {
    ObjectNode node = toJsonNode();
    node.put("writer", winningWriter);
    return node;
  }

  /** {@link #toJsonNodeWithWriter()} as a JSON string. */
  public String toJsonWithWriter() {
    return toJsonNodeWithWriter().toString();
  }

  @Override
  public String toString() {
    return "ConflictException{collection=" + collection() + ", id=" + id() + ", expectedRevision="
        + expectedRevision + ", revision=" + revision
        + (winningWriter == null ? "" : ", winningWriter=" + winningWriter)
        + (conflictingFields.isEmpty() ? "" : ", conflictingFields=" + conflictingFields)
        + (deleted ? ", deleted=true" : "") + "}";
  }
}
