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
    return a == b || (a instanceof ActiveRecord<?> record && b != null && a.getClass() == b.getClass()
        && sameFields(record, b));
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // a and b are records of one generated class, so of one model
  private static boolean sameFields(ActiveRecord a, Object b) {
    return a.modelBinding().sameFields(a, (ActiveRecord) b);
  }

  /** The state to write on top of {@link ConflictInput#realMasterState()}. Must not return {@code null}. */
  T resolve(ConflictInput<T> input);

  /** A name for change events and logs; the class's simple name unless overridden. */
  default String name() {
    return getClass().getSimpleName();
  }
}
