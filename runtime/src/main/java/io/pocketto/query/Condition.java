package io.pocketto.query;

import io.pocketto.ActiveRecord;
import io.pocketto.query.QueryInternals.ConditionDescription;
import io.pocketto.query.QueryInternals.Criterion;
import io.pocketto.query.QueryInternals.Group;
import io.pocketto.query.QueryInternals.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * A filter on one model, built from its property constants: {@code SalesInvoice.TOTAL.gt(min)}.
 * Conditions are immutable and combine into groups with {@link #and} and {@link #or}; each group is
 * parenthesised, so {@code a.or(b).and(c)} means {@code (a OR b) AND c}.
 *
 * <p>A condition only describes the filter: an operator on a property with its values, or a group of
 * conditions. The engine writes it as SQL when a query runs.
 *
 * @param <T> the model class the condition applies to
 */
public final class Condition<T extends ActiveRecord<T>> {
  /** A criterion, or a group of conditions. */
  private final ConditionDescription<T> description;
  /**
   * The properties an equality in this condition's top-level AND fixes to one value, so they are constant
   * across its result; a query may sort by them first for free, which lets an index on them serve its order.
   */
  private final List<Property<T, ?>> pinned;

  private Condition(ConditionDescription<T> description, List<Property<T, ?>> pinned) {
    this.description = description;
    this.pinned = pinned;
  }

  /** {@code operator} on {@code property} with these values (already checked for null). */
  static <T extends ActiveRecord<T>> Condition<T> criterion(Property<T, ?> property, Operator operator,
      boolean ignoreCase, Object... operands) {
    if (operands.length != operator.operands()) {
      throw new IllegalArgumentException(operator + " takes " + operator.operands() + " values, got " + operands.length);
    }
    return new Condition<>(new Criterion<>(operator, property, ignoreCase, List.of(operands)), List.of());
  }

  /** {@code equality}, an equality on {@code property}, which pins the property to one value (see {@link #pinned()}). */
  static <T extends ActiveRecord<T>> Condition<T> pinning(Property<T, ?> property, Condition<T> equality) {
    return new Condition<>(equality.description, List.of(property));
  }

  /** Both this and {@code other}. */
  public Condition<T> and(Condition<T> other) {
    return allOf(List.of(this, require(other)));
  }

  /** This or {@code other} (or both). */
  public Condition<T> or(Condition<T> other) {
    return group(true, List.of(this, require(other)), List.of());
  }

  /** All of the conditions; a group in parentheses. */
  @SafeVarargs
  public static <T extends ActiveRecord<T>> Condition<T> allOf(Condition<T>... conditions) {
    return allOf(list(conditions));
  }

  /** At least one of the conditions; a group in parentheses. */
  @SafeVarargs
  public static <T extends ActiveRecord<T>> Condition<T> anyOf(Condition<T>... conditions) {
    return group(true, list(conditions), List.of());
  }

  /** The description the engine reads through {@link QueryInternals#describe(Condition)}. */
  ConditionDescription<T> description() {
    return description;
  }

  /** The properties this condition holds to one value in every document it matches; none under an OR. */
  List<Property<T, ?>> pinned() {
    return pinned;
  }

  private static <T extends ActiveRecord<T>> Condition<T> allOf(List<Condition<T>> parts) {
    List<Property<T, ?>> pinned = new ArrayList<>();
    for (Condition<T> part : parts) {
      for (Property<T, ?> p : part.pinned) {
        if (!pinned.contains(p)) {
          pinned.add(p);
        }
      }
    }
    return group(false, parts, List.copyOf(pinned));
  }

  private static <T extends ActiveRecord<T>> Condition<T> group(boolean any, List<Condition<T>> parts,
      List<Property<T, ?>> pinned) {
    return new Condition<>(new Group<>(parts, any), pinned);
  }

  @SafeVarargs
  private static <T extends ActiveRecord<T>> List<Condition<T>> list(Condition<T>... conditions) {
    if (conditions == null || conditions.length == 0) {
      throw new IllegalArgumentException("a group needs at least one condition");
    }
    List<Condition<T>> parts = new ArrayList<>(conditions.length);
    for (Condition<T> c : conditions) {
      parts.add(require(c));
    }
    return parts;
  }

  static <T extends ActiveRecord<T>> Condition<T> require(Condition<T> condition) {
    if (condition == null) {
      throw new IllegalArgumentException("condition must not be null");
    }
    return condition;
  }
}
