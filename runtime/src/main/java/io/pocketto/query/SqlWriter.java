package io.pocketto.query;

import io.pocketto.internal.CriteriaSql;
import io.pocketto.internal.CriteriaSql.Operator;
import io.pocketto.internal.Dialect;
import io.pocketto.internal.FieldSpec;
import io.pocketto.internal.SqlParameter;
import java.util.ArrayList;
import java.util.Arrays;
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
   * One criterion on the property's column, as {@link CriteriaSql} renders the operator in the dialect's
   * spelling, with its parameters in order.
   */
  SqlWriter criterion(Property<?, ?> property, Operator operator, boolean ignoreCase, SqlParameter... parameters) {
    if (parameters.length != operator.parameters()) {
      throw new IllegalArgumentException(operator + " takes " + operator.parameters() + " parameters, got "
          + parameters.length);
    }
    if (sql != null) {
      sql.append(operator.render(dialect, dialect.quote(property.field().column()), ignoreCase));
    }
    params.addAll(Arrays.asList(parameters));
    return this;
  }

  /**
   * The {@code ORDER BY} of {@link CriteriaSql#orderBy}, each key by the expression the dialect sorts its
   * property by (see {@code Dialect.sortKey}).
   */
  SqlWriter orderBy(List<? extends Order<?>> orders) {
    if (sql != null) {
      List<CriteriaSql.Sort> sorts = new ArrayList<>(orders.size());
      for (Order<?> order : orders) {
        FieldSpec field = order.property().field();
        sorts.add(new CriteriaSql.Sort(dialect.sortKey(field, dialect.quote(field.column())), order.descending()));
      }
      sql.append(CriteriaSql.orderBy(dialect, sorts));
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
