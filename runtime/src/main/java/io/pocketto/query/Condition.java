package io.pocketto.query;

import io.pocketto.ActiveRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A filter on one model, built from its property constants: {@code SalesInvoice.TOTAL.gt(min)}.
 * Conditions are immutable and combine into groups with {@link #and} and {@link #or}; each group is
 * parenthesised, so {@code a.or(b).and(c)} means {@code (a OR b) AND c}.
 *
 * @param <T> the model class the condition applies to
 */
public final class Condition<T extends ActiveRecord<T>> {
  /** Writes the condition's SQL and parameters. */
  @FunctionalInterface
  interface Renderer {
    void render(SqlWriter writer);
  }

  private final Renderer renderer;
  /**
   * The properties an equality in this condition's top-level AND fixes to one value, so they are constant
   * across its result; a query may sort by them first for free, which lets an index on them serve its order.
   */
  private final List<Property<T, ?>> pinned;

  Condition(Renderer renderer) {
    this(renderer, List.of());
  }

  private Condition(Renderer renderer, List<Property<T, ?>> pinned) {
    this.renderer = renderer;
    this.pinned = pinned;
  }

  /** {@code equality}, an equality on {@code property}, which pins the property to one value (see {@link #pinned()}). */
  static <T extends ActiveRecord<T>> Condition<T> pinning(Property<T, ?> property, Condition<T> equality) {
    return new Condition<>(equality.renderer, List.of(property));
  }

  /** Both this and {@code other}. */
  public Condition<T> and(Condition<T> other) {
    return allOf(List.of(this, require(other)));
  }

  /** This or {@code other} (or both). */
  public Condition<T> or(Condition<T> other) {
    return group(" OR ", List.of(this, require(other)));
  }

  /** All of the conditions; a group in parentheses. */
  @SafeVarargs
  public static <T extends ActiveRecord<T>> Condition<T> allOf(Condition<T>... conditions) {
    return allOf(list(conditions));
  }

  /** At least one of the conditions; a group in parentheses. */
  @SafeVarargs
  public static <T extends ActiveRecord<T>> Condition<T> anyOf(Condition<T>... conditions) {
    return group(" OR ", list(conditions));
  }

  void render(SqlWriter writer) {
    renderer.render(writer);
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
    return new Condition<>(group(" AND ", parts).renderer, List.copyOf(pinned));
  }

  private static <T extends ActiveRecord<T>> Condition<T> group(String operator, List<Condition<T>> parts) {
    return new Condition<>(w -> {
      w.append("(");
      for (int i = 0; i < parts.size(); i++) {
        if (i > 0) {
          w.append(operator);
        }
        parts.get(i).render(w);
      }
      w.append(")");
    });
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
