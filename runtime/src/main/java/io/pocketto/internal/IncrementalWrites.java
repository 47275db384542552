package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.ConflictException;
import io.pocketto.LockedException;
import io.pocketto.RetryPolicy;
import java.util.Map;
import java.util.function.Consumer;

/**
 * RxDB's incremental writes: apply a mutation, save, and on a 409 reload and apply it again to the
 * stored state. The mutation must therefore be safe to run more than once, each time on fresh state.
 * Outside bundles, this process's incremental writes to one document take turns ({@link WriteTurns}),
 * so retries are only needed against writers elsewhere.
 */
public final class IncrementalWrites {
  private IncrementalWrites() {}

  /**
   * {@link ActiveRecord#incrementalModify}. The first attempt applies the mutation to the record as
   * loaded, unless it had to wait for its turn; each retry reloads it first. If every attempt fails, the
   * record is put back as it was. Another writer's lock fails it at once, or within the policy's
   * {@link RetryPolicy#lockWait()}; waiting for a lock spends no attempts.
   */
  public static <T extends ActiveRecord<T>> T modify(
      DocumentTable<T> table, T record, Consumer<? super T> mutation, RetryPolicy policy) {
    if (mutation == null) {
      throw new IllegalArgumentException("mutation must not be null");
    }
    ModelBinding<T> binding = table.binding();
    RecordState state = binding.state(record);
    if (!state.persisted()) {
      throw new IllegalStateException("incrementalModify needs a saved " + binding.modelName()
          + "; use " + binding.modelName() + ".incrementalUpsert(id, ...) to create one");
    }
    if (binding.isDirty(record)) {
      throw new IllegalStateException("this " + binding.modelName() + " has unsaved changes to "
          + binding.meta(record).dirty() + ": save or reload it before an incremental write, "
          + "so that a retry cannot drop them");
    }
    return RecordRollback.restoreOnFailure(binding, record, () -> {
      try (WriteTurns.Turn turn = table.incrementalTurn(state.id())) {
        return attempts(table, mutation, policy, (attempt, afterLockWait) -> {
          if (afterLockWait) {
            // The lock's holder may have written meanwhile; the attempt's own pause was the lock wait.
            table.reload(record);
          } else if (attempt > 1 || (turn != null && turn.waited())) {
            // A retry, or a first attempt that waited for another writer of this document: the
            // record as loaded is (most likely) stale, and a write would only meet a 409.
            policy.pauseBeforeRetry(attempt - 1);
            table.reload(record);
          }
          return record;
        });
      }
    });
  }

  /** {@link ActiveRecord#incrementalPatch}: the values are checked against the model before any write. */
  public static <T extends ActiveRecord<T>> T patch(
      DocumentTable<T> table, T record, Map<String, ?> changes, RetryPolicy policy) {
    if (changes == null) {
      throw new IllegalArgumentException("changes must not be null");
    }
    ModelBinding<T> binding = table.binding();
    binding.patch(binding.newInstance(), changes);
    return modify(table, record, r -> binding.patch(r, changes), policy);
  }

  /**
   * Creates the document with {@code mutation} applied to a new record, or modifies the stored one.
   * Two upserts racing on a new id both succeed: the loser of the insert retries as a modification.
   */
  public static <T extends ActiveRecord<T>> T upsert(
      DocumentTable<T> table, String id, Consumer<? super T> mutation, RetryPolicy policy) {
    Ids.requireValid(id);
    if (mutation == null) {
      throw new IllegalArgumentException("mutation must not be null");
    }
    ModelBinding<T> binding = table.binding();
    try (WriteTurns.Turn turn = table.incrementalTurn(id)) {
      return attempts(table, mutation, policy, (attempt, afterLockWait) -> {
        policy.pauseBeforeRetry(attempt - 1);
        return table.find(id).orElseGet(() -> {
          T created = binding.newInstance();
          binding.state(created).assignId(id);
          return created;
        });
      });
    }
  }

  /**
   * The attempts of one incremental write: each takes the record {@code next} gives it (told the attempt's
   * number, from 1, and whether a lock wait came just before), applies the mutation and saves it strictly.
   * A 409 spends an attempt, up to the policy's; another writer's lock is waited for ({@link LockWait})
   * without spending one.
   */
  private static <T extends ActiveRecord<T>> T attempts(
      DocumentTable<T> table, Consumer<? super T> mutation, RetryPolicy policy, AttemptRecord<T> next) {
    ConflictException last = null;
    LockWait lockWait = new LockWait();
    boolean waitedForLock = false;
    for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
      if (attempt > 1) {
        table.countRetry();
      }
      T record = next.record(attempt, waitedForLock);
      waitedForLock = false;
      mutation.accept(record);
      try {
        return table.saveStrict(record, null);
      } catch (ConflictException e) {
        last = e;
      } catch (LockedException e) {
        lockWait.pause(policy, e);
        waitedForLock = true;
        attempt--;
      }
    }
    throw table.retriesExhausted(policy.maxAttempts(), last);
  }

  /** The record one attempt of an incremental write mutates and saves. */
  @FunctionalInterface
  private interface AttemptRecord<T> {
    T record(int attempt, boolean afterLockWait);
  }

  /**
   * How long an incremental write has waited for other writers' locks, across its attempts: the policy's
   * {@link RetryPolicy#lockWait()} counts from the first refusal, and waiting spends no attempts.
   */
  private static final class LockWait {
    private long start;

    void pause(RetryPolicy policy, LockedException refusal) {
      if (start == 0) {
        start = System.nanoTime();
      }
      policy.pauseForLock(start, refusal);
    }
  }
}
