package io.pocketto.sync;

import io.pocketto.ActiveRecord;

/**
 * A local change the server did not take, kept visible until it is dealt with: a
 * {@link ReplicationConflict} (the master moved on) or a {@link ReplicationRefusal} (the server would not
 * take it). It names the document and holds the local record as stored when it was listed.
 *
 * @param <T> the model class
 */
public abstract sealed class UnpushedChange<T extends ActiveRecord<T>>
    permits ReplicationConflict, ReplicationRefusal {
  /** The replication that listed the change, which resolves or discards it. */
  final Replication replication;
  private final Class<T> model;
  private final String id;
  private final T local;

  UnpushedChange(Replication replication, Class<T> model, String id, T local) {
    this.replication = replication;
    this.model = model;
    this.id = id;
    this.local = local;
  }

  /** The document id. */
  public String id() {
    return id;
  }

  /** The model of the document. */
  public Class<T> model() {
    return model;
  }

  /** The local record as stored when the change was listed (a tombstone if it was deleted here). */
  public T local() {
    return local;
  }
}
