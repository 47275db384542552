package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.internal.CriteriaSql.Match;
import io.pocketto.query.Condition;
import io.pocketto.query.Order;
import io.pocketto.query.Property;
import io.pocketto.query.QueryInternals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * SQL text with its parameters, written in one pass so that each {@code ?} gets its value in order; the engine's
 * writer of a typed query's description ({@link Condition}, {@link Order}), through {@link CriteriaSql}. A writer for
 * {@linkplain #paramsOnly parameters only} runs the same rendering and drops the text, for a statement whose text is
 * already known.
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

  /** The field a property describes: the model's field at its position, or a column every document has. */
  static FieldSpec field(Property<?, ?> property) {
    int index = QueryInternals.index(property);
    return switch (index) {
      case QueryInternals.CREATED_AT -> FieldSpec.CREATED_AT;
      case QueryInternals.UPDATED_AT -> FieldSpec.UPDATED_AT;
      default -> ModelBinding.of(QueryInternals.model(property)).fields().get(index);
    };
  }

  /** The condition's predicate over the model's table (unqualified columns) and its parameters. */
  static SqlFragment render(Condition<?> condition, Dialect dialect) {
    if (condition == null) {
      throw new IllegalArgumentException("condition must not be null");
    }
    SqlWriter writer = new SqlWriter(dialect);
    writer.condition(condition);
    return new SqlFragment(writer.sql(), writer.params());
  }

  SqlWriter append(String text) {
    if (sql != null) {
      sql.append(text);
    }
    return this;
  }

  /** The property's value as the dialect compares it ({@link Dialect#valueExpression}), for a seek predicate. */
  SqlWriter column(Property<?, ?> property) {
    if (sql != null) {
      sql.append(value(field(property)));
    }
    return this;
  }

  /** What the dialect compares and sorts {@code field} by: its column, or its value where the column holds text. */
  private String value(FieldSpec field) {
    return dialect.valueExpression(field, dialect.quote(field.column()));
  }

  /** A condition: a criterion, or a group of conditions in parentheses. */
  SqlWriter condition(Condition<?> condition) {
    return write(condition);
  }

  private <T extends ActiveRecord<T>> SqlWriter write(Condition<T> condition) {
    QueryInternals.ConditionDescription<T> description = QueryInternals.describe(condition);
    if (description instanceof QueryInternals.Group<T> group) {
      String joiner = group.joinedByOr() ? " OR " : " AND ";
      List<Condition<T>> parts = group.parts();
      append("(");
      for (int i = 0; i < parts.size(); i++) {
        if (i > 0) {
          append(joiner);
        }
        write(parts.get(i));
      }
      return append(")");
    }
    QueryInternals.Criterion<T> criterion = (QueryInternals.Criterion<T>) description;
    FieldSpec field = field(criterion.property());
    boolean ignoreCase = criterion.ignoreCase();
    List<Object> operands = criterion.operands();
    QueryInternals.Operator operator = criterion.operator();
    return switch (operator) {
      case IN, NOT_IN -> criterion(field, operator, ignoreCase, list(field, operands));
      case STARTS_WITH -> matching(field, operator, Match.STARTING_WITH, ignoreCase, operands);
      case ENDS_WITH -> matching(field, operator, Match.ENDING_WITH, ignoreCase, operands);
      case CONTAINS -> matching(field, operator, Match.CONTAINING, ignoreCase, operands);
      default -> criterion(field, operator, ignoreCase, values(field, operands));
    };
  }

  private static SqlParameter[] values(FieldSpec field, List<Object> operands) {
    SqlParameter[] values = new SqlParameter[operands.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = SqlParameter.of(field.type(), operands.get(i));
    }
    return values;
  }

  /** The one list operand of IN and NOT IN, bound as one array parameter. */
  private static SqlParameter list(FieldSpec field, List<Object> operands) {
    return SqlParameter.array(field.type(), (Collection<?>) operands.get(0));
  }

  /** A LIKE whose pattern escapes the text in the dialect's way, so it is known only when written. */
  private SqlWriter matching(FieldSpec field, QueryInternals.Operator operator, Match match, boolean ignoreCase,
      List<Object> operands) {
    return criterion(field, operator, ignoreCase,
        SqlParameter.of(field.type(), match.pattern(dialect, (String) operands.get(0))));
  }

  /**
   * One criterion on the field's value ({@link #value}), as {@link CriteriaSql} renders the operator in the
   * dialect's spelling, with its parameters in order.
   */
  private SqlWriter criterion(FieldSpec field, QueryInternals.Operator operator, boolean ignoreCase,
      SqlParameter... parameters) {
    if (parameters.length != operator.operands()) {
      throw new IllegalArgumentException(operator + " takes " + operator.operands() + " parameters, got "
          + parameters.length);
    }
    if (sql != null) {
      sql.append(CriteriaSql.render(operator, dialect, value(field), ignoreCase));
    }
    params.addAll(Arrays.asList(parameters));
    return this;
  }

  /**
   * The {@code ORDER BY} of {@link CriteriaSql#orderBy}, each key by the expression the dialect sorts its
   * property by (see {@link Dialect#valueExpression}).
   */
  SqlWriter orderBy(List<? extends Order<?>> orders) {
    if (sql != null) {
      List<CriteriaSql.Sort> sorts = new ArrayList<>(orders.size());
      for (Order<?> order : orders) {
        FieldSpec field = field(order.property());
        sorts.add(new CriteriaSql.Sort(value(field), order.descending()));
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

  /** Appends {@code ?} for one value of the property. */
  SqlWriter value(Property<?, ?> property, Object value) {
    append("?");
    params.add(SqlParameter.of(field(property).type(), value));
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
