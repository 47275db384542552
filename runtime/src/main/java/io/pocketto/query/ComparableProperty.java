package io.pocketto.query;

import io.pocketto.ActiveRecord;
import io.pocketto.ModelType;
import io.pocketto.query.QueryInternals.Operator;
import java.time.Instant;

/**
 * A field with a natural order: numbers, decimals, characters, dates, times and durations. Comparisons never match a
 * document whose field is null.
 *
 * @param <T> the model class
 * @param <V> the field's type, boxed
 */
public sealed class ComparableProperty<T extends ActiveRecord<T>, V extends Comparable<? super V>>
    extends ValueProperty<T, V> permits StringProperty {
  /**
   * The field at position {@code index} of the model's field list; generated code creates these
   * constants.
   */
  public ComparableProperty(ModelType<T> model, int index) {
    this(model, index, Kind.COMPARABLE);
  }

  ComparableProperty(ModelType<T> model, int index, Kind kind) {
    super(model, index, kind);
  }

  private ComparableProperty(ModelType<T> model, int column, String name) {
    super(model, column, name);
  }

  /**
   * When a document was created ({@code _created_at}, set by the database), for queries and ordering;
   * generated classes offer it as {@code CREATED_AT} unless a field of that name takes the constant.
   */
  public static <T extends ActiveRecord<T>> ComparableProperty<T, Instant> createdAt(ModelType<T> model) {
    return new ComparableProperty<>(model, CREATED_AT, "createdAt");
  }

  /** When a document was last written ({@code _updated_at}); generated classes offer it as {@code UPDATED_AT}. */
  public static <T extends ActiveRecord<T>> ComparableProperty<T, Instant> updatedAt(ModelType<T> model) {
    return new ComparableProperty<>(model, UPDATED_AT, "updatedAt");
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
    return Condition.criterion(this, Operator.BETWEEN, false, require("between", from), require("between", to));
  }
}
