package io.pocketto.sync;

import io.pocketto.ActiveRecord;

/**
 * Decides, row by row, whether a principal may push a change of one model (see
 * {@link ModelRules#pushRule}). A refused row is not written and comes back to its client as refused
 * with the reason; the other rows of the push go on.
 *
 * @param <T> the model class
 */
@FunctionalInterface
public interface PushRule<T extends ActiveRecord<T>> {
  /**
   * The decision on one pushed row.
   *
   * @param principal who pushes; {@code null} on a server without an authenticator
   * @param assumedMaster the master's document as stored, at the revision the client started from;
   *     {@code null} for a document the master does not have (a create)
   * @param newState the document as the client would store it, server-only fields keeping their stored
   *     values
   * @param deleting whether the new state is a tombstone: the client deletes the document
   */
  PushDecision decide(Principal principal, T assumedMaster, T newState, boolean deleting);
}
