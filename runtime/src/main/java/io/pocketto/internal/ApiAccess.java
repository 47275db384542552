package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.ChangeBatch;
import io.pocketto.Checkpoint;
import io.pocketto.ModelStore;
import io.pocketto.query.Condition;
import io.pocketto.query.Query;

/**
 * How the engine reaches what the API packages keep to themselves, so that no engine type appears in a
 * public signature of {@code io.pocketto} or {@code io.pocketto.query}. Like the JDK's {@code SharedSecrets}:
 * each API class lends its accessor from its static initialiser, and the getter initialises that class
 * first, so an accessor is there whenever the engine asks.
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

  /** What {@code io.pocketto} lends the engine. */
  public interface Stores {
    /** The engine's table behind a store. */
    <T extends ActiveRecord<T>> DocumentTable<T> table(ModelStore<T> store);

    /**
     * The store's changes after {@code since} of the documents {@code match} selects, the checkpoint moved
     * past the rows that did not match too: replication's push (see {@code ModelStore.storedChanges}).
     */
    <T extends ActiveRecord<T>> ChangeBatch<Object[]> storedChanges(ModelStore<T> store, Checkpoint since, int limit,
        SqlFragment match);
  }

  private static volatile Queries queries;
  private static volatile Stores stores;

  /** Called once, by {@link Query}'s static initialiser. */
  public static void lend(Queries accessor) {
    queries = accessor;
  }

  /** Called once, by {@link ModelStore}'s static initialiser. */
  public static void lend(Stores accessor) {
    stores = accessor;
  }

  public static Queries queries() {
    Queries q = queries;
    if (q == null) {
      initialise(Query.class);
      q = queries;
    }
    return q;
  }

  public static Stores stores() {
    Stores s = stores;
    if (s == null) {
      initialise(ModelStore.class);
      s = stores;
    }
    return s;
  }

  /** A store's table: {@code stores().table(store)}. */
  public static <T extends ActiveRecord<T>> DocumentTable<T> table(ModelStore<T> store) {
    return stores().table(store);
  }

  private static void initialise(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the runtime's own " + type.getName() + " cannot be loaded", e);
    }
  }
}
