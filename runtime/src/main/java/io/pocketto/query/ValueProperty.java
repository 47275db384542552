package io.pocketto.query;

import io.pocketto.ActiveRecord;
import io.pocketto.ModelType;
import io.pocketto.internal.ColumnType;
import io.pocketto.internal.CriteriaSql.Operator;
import io.pocketto.internal.FieldSpec;
import io.pocketto.internal.SqlParameter;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/**
 * A field that can be matched against values and sorted: booleans, enums (sorted by constant name),
 * UUIDs, and the types stored as text or bytes without a useful order ({@code ZonedDateTime},
 * {@code OffsetDateTime}, {@code Period}, {@code URI}, {@code byte[]}, ...); the base of every comparable field.
 *
 * @param <T> the model class
 * @param <V> the field's type, boxed
 */
public sealed class ValueProperty<T extends ActiveRecord<T>, V> extends Property<T, V> permits ComparableProperty {
  private static final Set<ColumnType> TYPES = ColumnType.offering(ColumnType.Operators.VALUE);

  /**
   * The field at position {@code index} of the model's field list; generated code creates these
   * constants.
   */
  public ValueProperty(ModelType<T> model, int index) {
    this(model, index, TYPES);
  }

  ValueProperty(ModelType<T> model, int index, Set<ColumnType> types) {
    super(model, index, types);
  }

  ValueProperty(FieldSpec column) {
    super(column);
  }

  /**
   * Documents whose field equals {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is null; use {@link #isNull()}
   */
  public final Condition<T> eq(V value) {
    return Condition.pinning(this, compare(Operator.EQ, "eq", value));
  }

  /**
   * Documents whose field differs from {@code value}, <b>including those whose field is null</b>, as
   * {@code !Objects.equals(field, value)} would say.
   *
   * @throws IllegalArgumentException if {@code value} is null; use {@link #isNotNull()}
   */
  public final Condition<T> ne(V value) {
    return compare(Operator.NE, "ne", value);
  }

  /** Documents whose field equals one of {@code values}; none when there are no values. */
  @SafeVarargs
  public final Condition<T> in(V... values) {
    return in(Arrays.asList(require("in", values)));
  }

  /** Documents whose field equals one of {@code values}; none when the collection is empty. */
  public final Condition<T> in(Collection<? extends V> values) {
    return anyOf(Operator.IN, "in", values);
  }

  /**
   * Documents whose field equals none of {@code values}, <b>including those whose field is null</b>;
   * every document when there are no values.
   */
  @SafeVarargs
  public final Condition<T> notIn(V... values) {
    return notIn(Arrays.asList(require("notIn", values)));
  }

  /** As {@link #notIn(Object[])}, for a collection. */
  public final Condition<T> notIn(Collection<? extends V> values) {
    return anyOf(Operator.NOT_IN, "notIn", values);
  }

  /** Ascending order, nulls first. */
  public final Order<T> asc() {
    return new Order<>(this, false);
  }

  /** Descending order, nulls last. */
  public final Order<T> desc() {
    return new Order<>(this, true);
  }

  /** {@code value} as the parameter of a comparison with this field. */
  final SqlParameter parameter(Object value) {
    return SqlParameter.of(field().type(), value);
  }

  /** A comparison of this field with one value, which must not be null. */
  final Condition<T> compare(Operator operator, String method, V value) {
    SqlParameter p = parameter(require(method, value));
    return new Condition<>(w -> w.criterion(this, operator, false, p));
  }

  /** A comparison with a list of values, bound as one array parameter. */
  private Condition<T> anyOf(Operator operator, String method, Collection<? extends V> values) {
    SqlParameter list = list(method, values);
    return new Condition<>(w -> w.criterion(this, operator, false, list));
  }

  private SqlParameter list(String operator, Collection<? extends V> values) {
    require(operator, values);
    for (V v : values) {
      if (v == null) {
        throw new IllegalArgumentException(name() + "." + operator + "(...) got a null element; query values must "
            + "not be null; combine with " + name() + ".isNull() to include null fields");
      }
    }
    return SqlParameter.array(field().type(), values);
  }
}
