package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.ModelStore;
import io.pocketto.query.Condition;
import io.pocketto.query.Query;

/**
 * How the engine reaches what the API keeps to itself, so that no engine type appears in a public signature of
 * {@code io.pocketto} or {@code io.pocketto.query}. Like the JDK's {@code SharedSecrets}: {@code io.pocketto.query}
 * lends its accessor from {@code Query}'s static initialiser, and the getter initialises that class first, so an
 * accessor is there whenever the engine asks. ({@code io.pocketto} lends nothing: it imports nothing from the engine,
 * whose classes implement its interfaces instead, so the table behind a {@link ModelStore} is the engine's own.)
 */
public final class ApiAccess {
  private ApiAccess() {}

  /** What {@code io.pocketto.query} lends the engine. */
  public interface Queries {
    /** A new query over every live document of {@code table}. */
    <T extends ActiveRecord<T>> Query<T> newQuery(DocumentTable<T> table);

    /** The condition's predicate over the model's table (unqualified columns) and its parameters. */
    <T extends ActiveRecord<T>> SqlFragment render(Condition<T> condition, Dialect dialect);
  }

  private static volatile Queries queries;

  /** Called once, by {@link Query}'s static initialiser. */
  public static void lend(Queries accessor) {
    queries = accessor;
  }

  public static Queries queries() {
    Queries q = queries;
    if (q == null) {
      initialise(Query.class);
      q = queries;
    }
    return q;
  }

  /**
   * The engine's table behind a store.
   *
   * @throws IllegalArgumentException if {@code store} is not one a database Pocketto opened handed out
   */
  public static <T extends ActiveRecord<T>> DocumentTable<T> table(ModelStore<T> store) {
    return EngineStore.of(store).table();
  }

  private static void initialise(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the runtime's own " + type.getName() + " cannot be loaded", e);
    }
  }
}
