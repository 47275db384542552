package io.pocketto.internal;

import java.util.Collection;
import java.util.List;

/**
 * One value bound to a {@code ?} of a query: how to bind it and, for {@code IN}, a whole list bound as
 * one array parameter (so that the statement text never depends on the number of values).
 *
 * @param type how each value is bound
 * @param value the value, or the list of values when {@code array}; never {@code null}
 * @param array whether {@code value} is a list bound as one SQL array
 */
public record SqlParameter(ColumnType type, Object value, boolean array) {

  /** One value. */
  public static SqlParameter of(ColumnType type, Object value) {
    return new SqlParameter(type, value, false);
  }

  /** A list of values bound as one array, for {@code column = ANY(?)}. */
  public static SqlParameter array(ColumnType type, Collection<?> values) {
    return new SqlParameter(type, List.copyOf(values), true);
  }

  /** A row count or offset. */
  public static SqlParameter rows(long count) {
    return new SqlParameter(ColumnType.LONG, count, false);
  }

  @Override
  public String toString() {
    // Values stay out of logs and exception messages: they may be personal data.
    return "SqlParameter{" + type + (array ? "[]" : "") + "}";
  }
}
