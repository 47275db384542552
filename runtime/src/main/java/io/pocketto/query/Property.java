package io.pocketto.query;

import io.pocketto.ActiveRecord;
import io.pocketto.ModelType;

/**
 * A persisted field of a model, as a typed query operand. The processor generates one constant per
 * field on the model class, named in UPPER_SNAKE case: {@code SalesInvoice.ISSUED_ON}. Which operators
 * it offers follows from the field's type: {@link StringProperty} and {@link ComparableProperty} can be
 * ordered and compared, {@link ValueProperty} (booleans, enums, UUIDs) only matched, and
 * {@link JsonProperty} (collections, records) only tested for null.
 *
 * <p>A property only describes the field, by its model and its position in the model's field list; the engine
 * finds the column and renders the SQL when a query runs.
 *
 * @param <T> the model class
 * @param <V> the field's type, boxed
 */
public abstract sealed class Property<T extends ActiveRecord<T>, V> permits JsonProperty, ValueProperty {
  /** What a query can ask of a field: which {@link Property} class describes a field of a given type. */
  public enum Kind {
    /** {@code eq}, {@code ne}, {@code in}, null tests and ordering: {@link ValueProperty}. */
    VALUE,
    /** Also {@code gt}, {@code lt}, {@code between}: {@link ComparableProperty}. */
    COMPARABLE,
    /** Also {@code like} and case-insensitive matching: {@link StringProperty}. */
    STRING,
    /** Null tests only: {@link JsonProperty}. */
    JSON
  }

  /** {@link #index} of {@code _created_at}, a column every document has. */
  static final int CREATED_AT = -1;
  /** {@link #index} of {@code _updated_at}. */
  static final int UPDATED_AT = -2;

  private final ModelType<T> model;
  /** The position in the model's field list, or {@link #CREATED_AT} or {@link #UPDATED_AT}. */
  private final int index;
  private final String name;

  /** The field at {@code index} of the model's field list: its position, so nothing is looked up by name. */
  Property(ModelType<T> model, int index, Kind kind) {
    if (model == null) {
      throw new IllegalArgumentException("model must not be null");
    }
    this.model = model;
    this.index = index;
    this.name = model.fieldName(index);
    Kind actual = model.propertyKind(index);
    if (actual != kind) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " cannot describe field '" + name
          + "', whose type takes a " + className(actual) + "; rebuild the project so the processor regenerates "
          + model.type().getSimpleName());
    }
  }

  /** A column every document has ({@link #CREATED_AT} or {@link #UPDATED_AT}), described as a field. */
  Property(ModelType<T> model, int column, String name) {
    this.model = model;
    this.index = column;
    this.name = name;
  }

  /** The field's name, as declared in the model class. */
  public final String name() {
    return name;
  }

  /** Documents whose field is null. */
  public final Condition<T> isNull() {
    return Condition.criterion(this, QueryInternals.Operator.IS_NULL, false);
  }

  /** Documents whose field is not null. */
  public final Condition<T> isNotNull() {
    return Condition.criterion(this, QueryInternals.Operator.IS_NOT_NULL, false);
  }

  final ModelType<T> model() {
    return model;
  }

  final int index() {
    return index;
  }

  /** The value, or an error that says how to test for null instead. */
  final <X> X require(String operator, X value) {
    if (value == null) {
      throw new IllegalArgumentException(name() + "." + operator + "(null): query values must not be null; use "
          + name() + ".isNull() or isNotNull() to test for null");
    }
    return value;
  }

  private static String className(Kind kind) {
    return switch (kind) {
      case VALUE -> "ValueProperty";
      case COMPARABLE -> "ComparableProperty";
      case STRING -> "StringProperty";
      case JSON -> "JsonProperty";
    };
  }

  @Override
  public String toString() {
    return name();
  }
}
