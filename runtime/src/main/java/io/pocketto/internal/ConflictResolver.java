package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.ConflictException;
import io.pocketto.ConflictHandler;
import io.pocketto.RetryPolicy;
import java.util.Optional;

/**
 * Saves with a {@link ConflictHandler}: on a 409 it builds the three states, asks the handler, and
 * writes the resolved state on top of the stored revision, again while new conflicts arrive. If it
 * cannot finish, the record is put back exactly as it was before the call.
 */
final class ConflictResolver {
  /**
   * Whether a handler class keeps {@link ConflictHandler#isEqual}'s default, which compares the stored
   * form of every field: then the resolver compares the stored arrays it already holds instead of
   * decoding two records only for the default to encode them again. Looked up once per class, on the
   * conflict path only.
   */
  private static final ClassValue<Boolean> DEFAULT_EQUALITY = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      try {
        return type.getMethod("isEqual", Object.class, Object.class).getDeclaringClass() == ConflictHandler.class;
      } catch (NoSuchMethodException e) {
        return false;
      }
    }
  };

  private ConflictResolver() {}

  @SuppressWarnings("unchecked")
  static <T extends ActiveRecord<T>> T save(
      DocumentTable<T> table, T record, ConflictHandler<? super T> handler, RetryPolicy policy) {
    ModelBinding<T> binding = table.binding();
    RecordState state = binding.state(record);
    ConflictHandler<T> typed = (ConflictHandler<T>) handler;
    return RecordRollback.restoreOnFailure(binding, record, () -> {
      String resolvedBy = null;
      ConflictException last = null;
      for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
        if (attempt > 1) {
          table.countRetry();
        }
        policy.pauseBeforeRetry(attempt - 1);
        try {
          return table.saveStrict(record, resolvedBy);
        } catch (ConflictException e) {
          last = e;
        }
        if (!state.changesKnown()) {
          // A client's JSON without _before_update: its baseline is its own content, so every handler would
          // see "nothing changed by this writer" and drop the client's edits. Only the client can resolve.
          throw last;
        }
        Optional<T> stored = table.find(state.id());
        if (stored.isEmpty()) {
          // Deleted (or a tombstone took the id): there is no state to merge with.
          throw last;
        }
        T real = stored.get();
        RecordState realState = binding.state(real);
        Object[] mine = binding.storedValues(record);
        boolean equal = DEFAULT_EQUALITY.get(handler.getClass())
            ? Records.sameValues(mine, realState.snapshot())
            : typed.isEqual(binding.fromStored(mine), binding.fromStored(realState.snapshot()));
        if (equal) {
          adopt(binding, record, state, realState, realState.snapshot());
          return record;
        }
        Object[] assumed = state.persisted() ? state.snapshot() : binding.initialStoredValues();
        T resolved = typed.resolve(new ConflictInputImpl<>(binding, state.id(), state.rev(), realState.rev(),
            realState.writer(), assumed, mine, realState.snapshot()));
        if (resolved == null) {
          throw new IllegalStateException("conflict handler " + handler.name() + " returned null for "
              + binding.collection() + "/" + state.id());
        }
        // Rebase: the resolved values on top of what is stored, so the next save is a plain update of it.
        binding.load(record, binding.storedValues(resolved));
        state.stored(realState.table(), state.id() == null ? real.getId() : state.id(), realState.rev(), false,
            realState.writer(), realState.snapshot());
        resolvedBy = handler.name();
      }
      throw table.retriesExhausted(policy.maxAttempts(), last);
    });
  }

  private static <T extends ActiveRecord<T>> void adopt(
      ModelBinding<T> binding, T record, RecordState state, RecordState realState, Object[] realValues) {
    binding.load(record, realValues);
    state.stored(realState.table(), realState.id(), realState.rev(), false, realState.writer(), realValues);
    state.timestamps(realState.createdAt(), realState.updatedAt());
  }
}
