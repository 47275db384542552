package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import java.util.function.Supplier;

/**
 * A record's values and state as they were before a write that may retry, put back if no attempt
 * succeeds: a failed incremental write or conflict resolution leaves the record as its caller had it.
 */
final class RecordRollback<T extends ActiveRecord<T>> {
  private final ModelBinding<T> binding;
  private final T record;
  private final RecordState.Memento state;
  private final Object[] values;

  /**
   * Runs {@code write}, a write of {@code record} that may retry, and returns what it returns; if it throws
   * instead, the record's values and state are put back as they were before it ran.
   */
  static <T extends ActiveRecord<T>, R> R restoreOnFailure(ModelBinding<T> binding, T record, Supplier<R> write) {
    RecordRollback<T> rollback = new RecordRollback<>(binding, record);
    try {
      return write.get();
    } catch (Throwable e) {
      // Whatever ended it (a conflict, a lock, the mutation's own exception or an Error), the caller gets
      // its record back as it had it.
      rollback.restore();
      throw e;
    }
  }

  private RecordRollback(ModelBinding<T> binding, T record) {
    this.binding = binding;
    this.record = record;
    this.state = binding.state(record).capture();
    this.values = binding.storedValues(record);
  }

  /** Puts the record's values and state back as they were when this was made. */
  private void restore() {
    binding.load(record, values);
    binding.state(record).restore(state);
  }
}
