package io.pocketto.internal;

import io.pocketto.ActiveRecord;

/**
 * A record's values and state as they were before a write that may retry, put back if no attempt
 * succeeds: a failed incremental write or conflict resolution leaves the record as its caller had it.
 */
final class RecordRollback<T extends ActiveRecord<T>> {
  private final ModelBinding<T> binding;
  private final T record;
  private final RecordState.Memento state;
  private final Object[] values;

  RecordRollback(ModelBinding<T> binding, T record) {
    this.binding = binding;
    this.record = record;
    this.state = binding.state(record).capture();
    this.values = binding.storedValues(record);
  }

  /** Puts the record's values and state back as they were when this was made. */
  void restore() {
    binding.load(record, values);
    binding.state(record).restore(state);
  }
}
