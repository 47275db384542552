package io.pocketto.internal;

/**
 * The field access a generated record carries: the only code the processor writes per model for the
 * runtime to read and write it. {@link ModelBinding} calls these methods, so values move by position
 * with no reflection. For generated code only; the {@code $} names keep them out of the way of a
 * model's own members.
 */
@ForGeneratedCode
public interface FieldAccess {

  /** The record's bookkeeping: id, revision, database and the snapshot dirty tracking compares with. */
  RecordState $state();

  /** The persisted fields' values in field form, in declaration order, in a new array. */
  Object[] $values();

  /** Sets the persisted fields from values in field form, in declaration order (JSON already decoded). */
  void $apply(Object[] values);
}
