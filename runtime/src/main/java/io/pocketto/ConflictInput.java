package io.pocketto;

import java.util.Set;

/**
 * What a {@link ConflictHandler} sees, with RxDB's names. The three states are detached copies: a
 * handler may change and return any of them.
 *
 * @param <T> the model class
 */
public interface ConflictInput<T> {

  /** The state this writer started from: what it loaded or last saved (its {@code _before_update} view). */
  T assumedMasterState();

  /** The state this writer wants to save. */
  T newDocumentState();

  /** What is stored now, written by someone else since this writer loaded. */
  T realMasterState();

  /** The fields this writer changed relative to {@link #assumedMasterState()}. */
  Set<String> changedByThisWriter();

  /** The fields others changed relative to {@link #assumedMasterState()}. */
  Set<String> changedByOthers();

  /** The fields both sides changed, to different values. */
  Set<String> conflictingFields();

  /**
   * A new state: the stored state with this writer's changes applied on top. For a field in
   * {@link #conflictingFields()}, this writer's value wins.
   */
  T merged();

  /** The conflict to throw when a handler gives up, naming {@code fields}. */
  ConflictException conflict(Set<String> fields);

  /** The document id. */
  String id();

  /** The collection. */
  String collection();
}
