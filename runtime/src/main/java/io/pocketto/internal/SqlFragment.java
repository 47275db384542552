package io.pocketto.internal;

import java.util.List;

/**
 * A piece of SQL (a condition) with the parameters of its {@code ?} in order.
 *
 * @param sql the text, with {@code ?} for every value
 * @param params one per {@code ?}
 */
public record SqlFragment(String sql, List<SqlParameter> params) {
  /** Copies the parameters. */
  public SqlFragment {
    params = List.copyOf(params);
  }
}
