package io.pocketto.query;

import io.pocketto.ActiveRecord;
import io.pocketto.ModelType;
import io.pocketto.internal.ColumnType;
import io.pocketto.internal.CriteriaSql.Operator;
import io.pocketto.internal.FieldSpec;
import io.pocketto.internal.ModelBinding;
import java.util.Set;

/**
 * A persisted field of a model, as a typed query operand. The processor generates one constant per
 * field on the model class, named in UPPER_SNAKE case: {@code SalesInvoice.ISSUED_ON}. Which operators
 * it offers follows from the field's type: {@link StringProperty} and {@link ComparableProperty} can be
 * ordered and compared, {@link ValueProperty} (booleans, enums, UUIDs) only matched, and
 * {@link JsonProperty} (collections, records) only tested for null.
 *
 * @param <T> the model class
 * @param <V> the field's type, boxed
 */
public abstract sealed class Property<T extends ActiveRecord<T>, V> permits JsonProperty, ValueProperty {
  private final FieldSpec field;

  /** The field at {@code index} of the binding's field list: its position, so nothing is looked up by name. */
  Property(ModelType<T> model, int index, Set<ColumnType> types) {
    ModelBinding<T> binding = ModelBinding.of(model);
    this.field = binding.fields().get(index);
    if (!types.contains(field.type())) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " cannot describe field '" + field.name()
          + "' of type " + field.type() + "; rebuild the project so the processor regenerates " + binding.modelName());
    }
  }

  /** A column every document has, such as {@code _created_at}, described as a field. */
  Property(FieldSpec column) {
    this.field = column;
  }

  /** The field's name, as declared in the model class. */
  public final String name() {
    return field.name();
  }

  /** Documents whose field is null. */
  public final Condition<T> isNull() {
    return new Condition<>(w -> w.criterion(this, Operator.IS_NULL, false));
  }

  /** Documents whose field is not null. */
  public final Condition<T> isNotNull() {
    return new Condition<>(w -> w.criterion(this, Operator.IS_NOT_NULL, false));
  }

  final FieldSpec field() {
    return field;
  }

  /** The value, or an error that says how to test for null instead. */
  final <X> X require(String operator, X value) {
    if (value == null) {
      throw new IllegalArgumentException(name() + "." + operator + "(null): query values must not be null; use "
          + name() + ".isNull() or isNotNull() to test for null");
    }
    return value;
  }

  @Override
  public String toString() {
    return name();
  }
}
