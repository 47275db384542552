package io.pocketto.query;

import io.pocketto.ActiveRecord;
import io.pocketto.ModelType;
import io.pocketto.internal.ColumnType;
import io.pocketto.internal.CriteriaSql.Operator;
import io.pocketto.internal.FieldSpec;
import io.pocketto.internal.SqlParameter;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A field with a natural order: numbers, decimals, characters, dates, times and durations. Comparisons never match a
 * document whose field is null.
 *
 * @param <T> the model class
 * @param <V> the field's type, boxed
 */
public sealed class ComparableProperty<T extends ActiveRecord<T>, V extends Comparable<? super V>>
    extends ValueProperty<T, V> permits StringProperty {
  private static final Set<ColumnType> TYPES = ColumnType.offering(ColumnType.Operators.COMPARABLE);

  private static final FieldSpec CREATED_AT = FieldSpec.scalar("createdAt", "_created_at", ColumnType.INSTANT, false);
  private static final FieldSpec UPDATED_AT = FieldSpec.scalar("updatedAt", "_updated_at", ColumnType.INSTANT, false);

  /**
   * The field at position {@code index} of the model's field list; generated code creates these
   * constants.
   */
  public ComparableProperty(ModelType<T> model, int index) {
    this(model, index, TYPES);
  }

  ComparableProperty(ModelType<T> model, int index, Set<ColumnType> types) {
    super(model, index, types);
  }

  private ComparableProperty(FieldSpec column) {
    super(column);
  }

  /**
   * When a document was created ({@code _created_at}, set by the database), for queries and ordering;
   * generated classes offer it as {@code CREATED_AT} unless a field of that name takes the constant.
   */
  public static <T extends ActiveRecord<T>> ComparableProperty<T, Instant> createdAt(ModelType<T> model) {
    return new ComparableProperty<>(CREATED_AT);
  }

  /** When a document was last written ({@code _updated_at}); generated classes offer it as {@code UPDATED_AT}. */
  public static <T extends ActiveRecord<T>> ComparableProperty<T, Instant> updatedAt(ModelType<T> model) {
    return new ComparableProperty<>(UPDATED_AT);
  }

  /** Documents whose field is greater than {@code value}. */
  public final Condition<T> gt(V value) {
    return compare(Operator.GT, "gt", value);
  }

  /** Documents whose field is greater than or equal to {@code value}. */
  public final Condition<T> gte(V value) {
    return compare(Operator.GTE, "gte", value);
  }

  /** Documents whose field is less than {@code value}. */
  public final Condition<T> lt(V value) {
    return compare(Operator.LT, "lt", value);
  }

  /** Documents whose field is less than or equal to {@code value}. */
  public final Condition<T> lte(V value) {
    return compare(Operator.LTE, "lte", value);
  }

  /** Documents whose field lies between {@code from} and {@code to}, both included; none when {@code from > to}. */
  public final Condition<T> between(V from, V to) {
    SqlParameter low = parameter(require("between", from));
    SqlParameter high = parameter(require("between", to));
    return new Condition<>(w -> w.criterion(this, Operator.BETWEEN, false, low, high));
  }
}
