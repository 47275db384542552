package io.pocketto.sync;

import io.pocketto.ActiveRecord;
import io.pocketto.ConflictException;

/**
 * A local change the master refused because the master moved on from the revision this client
 * started from, and that no conflict handler resolved. Until it is resolved, the local record stays
 * as it is and is not pushed again. Resolve it with {@link #resolve}: for the seed's recipe, take
 * {@link #master()}, re-apply the change, resolve with it, and sync.
 *
 * @param <T> the model class
 * @param replication the replication that listed the conflict, which {@link #resolve resolves} it
 * @param model the model of the document
 * @param id the document id
 * @param error the 409: {@code error().toJson()} is the seed's object, whose {@code revision} is the master's
 *     revision; {@code conflictingFields()} names the fields both sides changed to different values
 * @param local the local record as stored when the conflict was listed (a tombstone if it was deleted here)
 * @param master the master's record, at the master's revision (a tombstone if it was deleted there); detached
 *     from any database
 * @param assumedMaster the master's record as this client last saw it, at {@code error().expectedRevision()}:
 *     the state the local change started from, which tells which side changed a field (a merge needs it).
 *     {@code null} when the document was created on this client. Detached from any database.
 */
public record ReplicationConflict<T extends ActiveRecord<T>>(Replication replication, Class<T> model, String id,
    ConflictException error, T local, T master, T assumedMaster) implements UnpushedChange<T> {

  /**
   * Stores {@code resolved} locally as a child of the master's revision and closes the conflict; the
   * next sync pushes it. Resolving with the master's state unchanged simply takes it.
   *
   * @return the local record as stored now
   * @throws IllegalStateException if the conflict was resolved already
   * @throws ConflictException if the local record was saved again since it was listed, or a sync has
   *     brought a newer master revision (the exception's {@code revision()}); list again
   */
  public T resolve(T resolved) {
    return replication.resolve(this, resolved);
  }

  @Override
  public String toString() {
    return "ReplicationConflict{" + error.collection() + "/" + id + ", master=" + error.revision()
        + ", local=" + (local == null ? null : local.meta().rev()) + "}";
  }
}
