package io.pocketto.query;

import io.pocketto.ActiveRecord;

/**
 * One sort key of a query: {@code SalesInvoice.ISSUED_ON.desc()}. Nulls sort as the smallest value:
 * first when ascending, last when descending, in every database. The document id is always appended
 * as the last key, in the direction of the key before it, so equal keys come back in a stable order
 * and one index scan (forward or backward) serves the whole order.
 *
 * @param <T> the model class
 */
public final class Order<T extends ActiveRecord<T>> {
  private final Property<T, ?> property;
  private final boolean descending;

  Order(Property<T, ?> property, boolean descending) {
    this.property = property;
    this.descending = descending;
  }

  /** The property sorted by. */
  public Property<T, ?> property() {
    return property;
  }

  /** Whether the order is descending. */
  public boolean descending() {
    return descending;
  }

  @Override
  public String toString() {
    return property.name() + (descending ? " desc" : " asc");
  }
}
