package io.pocketto.sync;

import java.util.List;

/**
 * What one {@link Replication#syncOnce()} did.
 *
 * @param pushed local changes the master accepted
 * @param pulled master changes written locally
 * @param conflicts the replication conflicts open when the sync ended (none resolved by a handler)
 */
public record SyncResult(int pushed, int pulled, List<ReplicationConflict<?>> conflicts) {
  /** Copies the list. */
  public SyncResult {
    conflicts = List.copyOf(conflicts);
  }
}
