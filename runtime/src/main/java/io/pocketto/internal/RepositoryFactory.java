package io.pocketto.internal;

import io.pocketto.Database;
import java.util.function.Function;

/**
 * Creates a generated repository for a database. Each generated {@code Xxx_Impl} holds one in its
 * {@code FACTORY} constant, which {@link io.pocketto.Repositories} reads once per interface and calls as the
 * {@link Function} it is, so the API names no engine type.
 *
 * @param <R> the repository interface
 */
@FunctionalInterface
@ForGeneratedCode
public interface RepositoryFactory<R> extends Function<Database, R> {

  /** A repository working on {@code database}. */
  R create(Database database);

  /** {@link #create(Database)}. */
  @Override
  default R apply(Database database) {
    return create(database);
  }
}
