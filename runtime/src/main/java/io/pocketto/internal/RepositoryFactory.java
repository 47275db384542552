package io.pocketto.internal;

import io.pocketto.Database;

/**
 * Creates a generated repository for a database. Each generated {@code Xxx_Impl} holds one in its
 * {@code FACTORY} constant, which {@link io.pocketto.Repositories} reads once per interface.
 *
 * @param <R> the repository interface
 */
@FunctionalInterface
@ForGeneratedCode
public interface RepositoryFactory<R> {

  /** A repository working on {@code database}. */
  R create(Database database);
}
