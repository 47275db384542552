package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.ModelStore;
import io.pocketto.query.Condition;

/**
 * The engine's door for the runtime's other packages (replication) and the tests: the table behind a
 * {@link ModelStore} and a condition's SQL, which no public signature of {@code io.pocketto} or
 * {@code io.pocketto.query} may offer. Neither API package imports the engine: {@code io.pocketto}'s interfaces
 * are implemented by the engine, so the table behind a store is the engine's own; and a typed query is a
 * description the engine reads through {@code query.QueryInternals}, writes and runs itself ({@link QueryRunner},
 * {@link SqlWriter}).
 */
public final class ApiAccess {
  private ApiAccess() {}

  /**
   * A condition's predicate over the model's table (unqualified columns) and its parameters: for the sync
   * server's scopes, which put it into a feed statement of their own.
   */
  public static <T extends ActiveRecord<T>> SqlFragment render(Condition<T> condition, Dialect dialect) {
    return SqlWriter.render(condition, dialect);
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
