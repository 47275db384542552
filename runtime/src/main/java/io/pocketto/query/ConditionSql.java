package io.pocketto.query;

import io.pocketto.ActiveRecord;
import io.pocketto.internal.Dialect;
import io.pocketto.internal.SqlFragment;

/**
 * The SQL of a {@link Condition}, for engine code outside this package that puts a condition into a
 * statement of its own (the sync server's scopes). Not for applications: they pass conditions to a
 * {@link Query} or to the sync server's rules.
 */
public final class ConditionSql {
  private ConditionSql() {}

  /** The condition's predicate over the model's table (unqualified columns) and its parameters. */
  public static <T extends ActiveRecord<T>> SqlFragment render(Condition<T> condition, Dialect dialect) {
    SqlWriter writer = new SqlWriter(dialect);
    Condition.require(condition).render(writer);
    return new SqlFragment(writer.sql(), writer.params());
  }
}
