package io.pocketto.query;

import io.pocketto.internal.Dialect;
import io.pocketto.internal.SqlParameter;
import java.util.ArrayList;
import java.util.List;

/** SQL text with its parameters, written in one pass so that each {@code ?} gets its value in order. */
final class SqlWriter {
  private final Dialect dialect;
  private final StringBuilder sql = new StringBuilder(256);
  private final List<SqlParameter> params = new ArrayList<>();

  SqlWriter(Dialect dialect) {
    this.dialect = dialect;
  }

  Dialect dialect() {
    return dialect;
  }

  SqlWriter append(String text) {
    sql.append(text);
    return this;
  }

  SqlWriter column(Property<?, ?> property) {
    sql.append(dialect.quote(property.field().column()));
    return this;
  }

  /** The expression a property sorts by, which the dialect may adapt (see {@code Dialect.sortKey}). */
  SqlWriter sortKey(Property<?, ?> property) {
    sql.append(dialect.sortKey(property.field(), dialect.quote(property.field().column())));
    return this;
  }

  /** Records the parameter of a {@code ?} the caller has just appended. */
  SqlWriter param(SqlParameter parameter) {
    params.add(parameter);
    return this;
  }

  /** Appends {@code ?} for one parameter. */
  SqlWriter value(SqlParameter parameter) {
    sql.append('?');
    params.add(parameter);
    return this;
  }

  /** Appends {@code ?} for one value. */
  SqlWriter value(Property<?, ?> property, Object value) {
    sql.append('?');
    params.add(SqlParameter.of(property.field().type(), value));
    return this;
  }

  String sql() {
    return sql.toString();
  }

  List<SqlParameter> params() {
    return List.copyOf(params);
  }
}
