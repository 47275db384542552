package io.pocketto;

/**
 * Decides what to write when a save meets a conflict, as RxDB's conflict handler does. Register one
 * per model with {@code @Model(conflictHandler = FieldMerge.class)} or
 * {@code SalesInvoice.in(db).setConflictHandler(...)}, or pass one per call to
 * {@code save(handler)}. The resolved state is written on top of the stored revision; if yet another
 * writer got there first, the handler runs again.
 *
 * @param <T> the model class; the built-in handlers work for every model
 */
public interface ConflictHandler<T> {
  /** Keeps what is stored and drops this writer's change (RxDB's default). */
  ConflictHandler<Object> MASTER_WINS = new MasterWins();
  /** Writes this writer's state over what is stored, as a new revision (CLASP's default). */
  ConflictHandler<Object> LAST_WRITE_WINS = new LastWriteWins();
  /**
   * Merges per field: fields only this writer changed are applied on top of what is stored, fields
   * only others changed are kept, and a field both changed to different values raises a
   * {@link ConflictException} naming it ({@link FieldMerge#withFallback} chooses otherwise).
   */
  FieldMerge FIELD_MERGE = new FieldMerge();

  /**
   * Whether two states are the same document content; if this writer's state equals what is stored,
   * there is nothing to resolve. The default compares every persisted field.
   */
  default boolean isEqual(T a, T b) {
    return io.pocketto.internal.Records.sameFields(a, b);
  }

  /** The state to write on top of {@link ConflictInput#realMasterState()}. Must not return {@code null}. */
  T resolve(ConflictInput<T> input);

  /** A name for change events and logs; the class's simple name unless overridden. */
  default String name() {
    return getClass().getSimpleName();
  }
}
