package io.pocketto.sync;

import io.pocketto.ActiveRecord;

/**
 * A local change the server would not take: a push rule refused it, it lies outside this replica's
 * sync scope, or its document left the scope before the change was pushed. Like a conflict, it stays
 * visible with the server's reason, and the change is not pushed again until the document changes
 * again (a new save is pushed as usual), so a refusal never loops. {@link #discard()} gives it up.
 *
 * @param <T> the model class
 * @param replication the replication that listed the refusal, which {@link #discard discards} it
 * @param model the model of the document
 * @param id the document id
 * @param status the HTTP status of the refusal: 403
 * @param reason the server's reason, e.g. a push rule's, or "the document is outside your sync scope"
 * @param local the local record as stored when the refusal was listed (a tombstone if it was deleted here)
 */
public record ReplicationRefusal<T extends ActiveRecord<T>>(Replication replication, Class<T> model, String id,
    int status, String reason, T local) implements UnpushedChange<T> {

  /**
   * Gives up the refused change: the document goes back to the master's state as this replica last saw
   * it; a document the master never had, or one that left this replica's scope, leaves the replica.
   *
   * @throws IllegalStateException if the refusal is no longer open
   * @throws io.pocketto.ConflictException if the local record was saved again since it was listed
   */
  public void discard() {
    replication.discard(this);
  }

  @Override
  public String toString() {
    return "ReplicationRefusal{" + id + ", " + status + ": " + reason + "}";
  }
}
