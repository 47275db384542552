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
 * SQL text with its parameters, each {@code ?} with its value in order; the engine's writer of a typed query's
 * description ({@link Condition}, {@link Order}), through {@link CriteriaSql}. A condition's text is written from its
 * {@link Shape}, which holds no value, and its parameters from its values, in the same order. A writer for
 * {@linkplain #paramsOnly parameters only} collects the values and writes no text, for a statement whose text is
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

  /**
   * What of a condition its SQL text depends on: how its conditions are grouped, and each criterion's property,
   * operator and case rule. Never a value: every value is a parameter. {@link #condition} writes the text from the
   * shape alone, so conditions of one shape have one text, and a statement's text may be kept by its shape.
   */
  sealed interface Shape permits CriterionShape, GroupShape {}

  /** A criterion's shape; properties are equal only as the same constant, so each stands for one field. */
  record CriterionShape(Property<?, ?> property, QueryInternals.Operator operator, boolean ignoreCase)
      implements Shape {}

  /** A group's shape. */
  record GroupShape(List<Shape> parts, boolean joinedByOr) implements Shape {}

  /** The shape of {@code condition}. */
  static <T extends ActiveRecord<T>> Shape shape(Condition<T> condition) {
    QueryInternals.ConditionDescription<T> description = QueryInternals.describe(condition);
    if (description instanceof QueryInternals.Group<T> group) {
      List<Condition<T>> parts = group.parts();
      List<Shape> shapes = new ArrayList<>(parts.size());
      for (Condition<T> part : parts) {
        shapes.add(shape(part));
      }
      return new GroupShape(shapes, group.joinedByOr());
    }
    QueryInternals.Criterion<T> criterion = (QueryInternals.Criterion<T>) description;
    return new CriterionShape(criterion.property(), criterion.operator(), criterion.ignoreCase());
  }

  /** A condition: a criterion, or a group of conditions in parentheses; its text from its {@link #shape}. */
  SqlWriter condition(Condition<?> condition) {
    if (sql != null) {
      text(shape(condition));
    }
    return parameters(condition);
  }

  /** The text of a condition of this shape, each operator as {@link CriteriaSql} renders it in the dialect's spelling. */
  private void text(Shape shape) {
    if (shape instanceof GroupShape group) {
      String joiner = group.joinedByOr() ? " OR " : " AND ";
      sql.append('(');
      for (int i = 0; i < group.parts().size(); i++) {
        if (i > 0) {
          sql.append(joiner);
        }
        text(group.parts().get(i));
      }
      sql.append(')');
      return;
    }
    CriterionShape criterion = (CriterionShape) shape;
    sql.append(CriteriaSql.render(criterion.operator(), dialect, value(field(criterion.property())),
        criterion.ignoreCase()));
  }

  /** The condition's values, in the order of its placeholders. */
  private <T extends ActiveRecord<T>> SqlWriter parameters(Condition<T> condition) {
    QueryInternals.ConditionDescription<T> description = QueryInternals.describe(condition);
    if (description instanceof QueryInternals.Group<T> group) {
      for (Condition<T> part : group.parts()) {
        parameters(part);
      }
      return this;
    }
    QueryInternals.Criterion<T> criterion = (QueryInternals.Criterion<T>) description;
    FieldSpec field = field(criterion.property());
    List<Object> operands = criterion.operands();
    QueryInternals.Operator operator = criterion.operator();
    return switch (operator) {
      case IN, NOT_IN -> parameters(operator, list(field, operands));
      case STARTS_WITH -> matching(field, operator, Match.STARTING_WITH, operands);
      case ENDS_WITH -> matching(field, operator, Match.ENDING_WITH, operands);
      case CONTAINS -> matching(field, operator, Match.CONTAINING, operands);
      default -> parameters(operator, values(field, operands));
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
  private SqlWriter matching(FieldSpec field, QueryInternals.Operator operator, Match match, List<Object> operands) {
    return parameters(operator, SqlParameter.of(field.type(), match.pattern(dialect, (String) operands.get(0))));
  }

  /** One criterion's parameters, in order: as many as its operator has placeholders. */
  private SqlWriter parameters(QueryInternals.Operator operator, SqlParameter... parameters) {
    if (parameters.length != operator.operands()) {
      throw new IllegalArgumentException(operator + " takes " + operator.operands() + " parameters, got "
          + parameters.length);
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
