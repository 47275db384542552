package io.pocketto.sync;

import java.util.List;

/**
 * What one {@link Replication#syncOnce()} did.
 *
 * @param pushed local changes the master accepted
 * @param pulled master changes written locally
 * @param removed documents that left this replica because they left its sync scope on the server
 * @param conflicts the replication conflicts open when the sync ended (none resolved by a handler)
 * @param refusals the local changes the server refused, open when the sync ended
 */
public record SyncResult(int pushed, int pulled, int removed, List<ReplicationConflict<?>> conflicts,
    List<ReplicationRefusal<?>> refusals) {
  /** Copies the lists. */
  public SyncResult {
    conflicts = List.copyOf(conflicts);
    refusals = List.copyOf(refusals);
  }
}
