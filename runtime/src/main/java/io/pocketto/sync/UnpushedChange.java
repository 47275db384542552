package io.pocketto.sync;

import io.pocketto.ActiveRecord;

/**
 * A local change the server did not take, kept visible until it is dealt with: a
 * {@link ReplicationConflict} (the master moved on) or a {@link ReplicationRefusal} (the server would not
 * take it). It names the document and holds the local record as stored when it was listed.
 *
 * @param <T> the model class
 */
public sealed interface UnpushedChange<T extends ActiveRecord<T>> permits ReplicationConflict, ReplicationRefusal {
  /** The document id. */
  String id();

  /** The model of the document. */
  Class<T> model();

  /** The local record as stored when the change was listed (a tombstone if it was deleted here). */
  T local();
}
