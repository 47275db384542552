package io.pocketto;

import java.util.function.Function;

/**
 * Hands out the implementations the processor generates for {@link Repository} interfaces. This is
 * the one way to obtain a repository:
 *
 * <pre>{@code
 * SalesInvoiceRepository invoices = Repositories.of(SalesInvoiceRepository.class, db);
 * }</pre>
 *
 * <p>The generated class is looked up once per interface and its factory cached; after that, creating
 * a repository and calling its methods involves no reflection. Repositories are cheap and thread-safe.
 */
public final class Repositories {
  /**
   * The generated factory of each repository interface, found on first use: its {@code FACTORY}, which is a
   * function from a database to a repository.
   */
  private static final ClassValue<Function<Database, ?>> FACTORIES = new ClassValue<>() {
    @Override
    protected Function<Database, ?> computeValue(Class<?> type) {
      return lookUp(type);
    }
  };

  private Repositories() {}

  /**
   * The repository {@code type} working on {@code database}.
   *
   * @throws IllegalArgumentException if {@code type} is not a {@link Repository} interface the
   *     processor implemented (is {@code pocketto-processor} on the annotation processor path?)
   */
  public static <R extends CrudRepository<?>> R of(Class<R> type, Database database) {
    if (type == null || database == null) {
      throw new IllegalArgumentException("Repositories.of needs a repository interface and a database");
    }
    Object repository = FACTORIES.get(type).apply(database);
    return type.cast(repository);
  }

  /** The repository {@code type} working on the default database; see {@link Pocketto#defaultDatabase()}. */
  public static <R extends CrudRepository<?>> R of(Class<R> type) {
    return of(type, Pocketto.defaultDatabase());
  }

  /** The generated implementation's name: {@code SalesInvoiceRepository_Impl}, nesting joined by {@code _}. */
  static String implementationName(Class<?> type) {
    String name = type.getName();
    int dot = name.lastIndexOf('.');
    return name.substring(0, dot + 1) + name.substring(dot + 1).replace('$', '_') + "_Impl";
  }

  @SuppressWarnings("unchecked") // a generated FACTORY is a function of a Database; its result is cast by of()
  private static Function<Database, ?> lookUp(Class<?> type) {
    if (!type.isInterface() || !CrudRepository.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(type.getName() + " is not a repository: declare it as "
          + "@Repository interface " + type.getSimpleName() + " extends CrudRepository<YourModel>");
    }
    String name = implementationName(type);
    Class<?> implementation;
    try {
      implementation = Class.forName(name, true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("no generated implementation " + name + " for " + type.getName()
          + ": annotate the interface with @io.pocketto.Repository and put pocketto-processor on the "
          + "compiler's annotationProcessorPaths", e);
    }
    try {
      Object factory = implementation.getField("FACTORY").get(null);
      if (factory instanceof Function<?, ?> f) {
        return (Function<Database, ?>) f;
      }
      throw new IllegalArgumentException(name + ".FACTORY is not a repository factory; rebuild the project");
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(name + " has no public FACTORY; rebuild the project so that "
          + "the current processor generates it", e);
    }
  }
}
