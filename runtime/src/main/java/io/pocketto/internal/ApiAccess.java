package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.ModelStore;
import io.pocketto.query.Condition;
import io.pocketto.query.Query;

/**
 * The engine's entry to what the API hands it, so that no engine type appears in a public signature of
 * {@code io.pocketto} or {@code io.pocketto.query}. Neither API package lends anything any more, and neither imports
 * the engine: {@code io.pocketto}'s interfaces are implemented by the engine, so the table behind a
 * {@link ModelStore} is the engine's own; and a typed query is a description the engine reads through
 * {@code query.QueryInternals}, writes and runs itself ({@link QueryRunner}, {@link SqlWriter}).
 */
public final class ApiAccess {
  private ApiAccess() {}

  /** The engine's side of {@code io.pocketto.query}: making a query and writing a condition as SQL. */
  public interface Queries {
    /** A new query over every live document of {@code table}. */
    <T extends ActiveRecord<T>> Query<T> newQuery(DocumentTable<T> table);

    /** The condition's predicate over the model's table (unqualified columns) and its parameters. */
    <T extends ActiveRecord<T>> SqlFragment render(Condition<T> condition, Dialect dialect);
  }

  private static final Queries QUERIES = new Queries() {
    @Override
    public <T extends ActiveRecord<T>> Query<T> newQuery(DocumentTable<T> table) {
      return QueryRunner.newQuery(table);
    }

    @Override
    public <T extends ActiveRecord<T>> SqlFragment render(Condition<T> condition, Dialect dialect) {
      return SqlWriter.render(condition, dialect);
    }
  };

  public static Queries queries() {
    return QUERIES;
  }

  /**
   * The engine's table behind a store.
   *
   * @throws IllegalArgumentException if {@code store} is not one a database Pocketto opened handed out
   */
  public static <T extends ActiveRecord<T>> DocumentTable<T> table(ModelStore<T> store) {
    return EngineStore.of(store).table();
  }
}
