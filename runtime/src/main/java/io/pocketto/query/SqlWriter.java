package io.pocketto.query;

import io.pocketto.internal.Dialect;
import io.pocketto.internal.SqlParameter;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL text with its parameters, written in one pass so that each {@code ?} gets its value in order. A
 * writer for {@linkplain #paramsOnly parameters only} runs the same rendering and drops the text, for a
 * statement whose text is already known.
 */
final class SqlWriter {
  private final Dialect dialect;
  /** {@code null} when only the parameters are wanted. */
  private final StringBuilder sql;
  private final List<SqlParameter> params = new ArrayList<>();

  SqlWriter(Dialect dialect) {
    this(dialect, new StringBuilder(256));
  }

  private SqlWriter(Dialect dialect, StringBuilder sql) {
    this.dialect = dialect;
    this.sql = sql;
  }

  /** A writer that collects the parameters and no text. */
  static SqlWriter paramsOnly(Dialect dialect) {
    return new SqlWriter(dialect, null);
  }

  Dialect dialect() {
    return dialect;
  }

  SqlWriter append(String text) {
    if (sql != null) {
      sql.append(text);
    }
    return this;
  }

  SqlWriter column(Property<?, ?> property) {
    if (sql != null) {
      sql.append(dialect.quote(property.field().column()));
    }
    return this;
  }

  /**
   * One key of an {@code ORDER BY}, nulls smallest (see {@code SqlSyntax.orderKey}), by the expression the
   * dialect sorts the property by (see {@code Dialect.sortKey}).
   */
  SqlWriter orderKey(Property<?, ?> property, boolean descending) {
    if (sql != null) {
      String column = dialect.quote(property.field().column());
      sql.append(dialect.orderKey(dialect.sortKey(property.field(), column), descending));
    }
    return this;
  }

  /** Records the parameter of a {@code ?} the caller has just appended. */
  SqlWriter param(SqlParameter parameter) {
    params.add(parameter);
    return this;
  }

  /** Appends {@code ?} for one parameter. */
  SqlWriter value(SqlParameter parameter) {
    append("?");
    params.add(parameter);
    return this;
  }

  /** Appends {@code ?} for one value. */
  SqlWriter value(Property<?, ?> property, Object value) {
    append("?");
    params.add(SqlParameter.of(property.field().type(), value));
    return this;
  }

  String sql() {
    if (sql == null) {
      throw new IllegalStateException("this writer collected parameters only");
    }
    return sql.toString();
  }

  List<SqlParameter> params() {
    return List.copyOf(params);
  }
}
