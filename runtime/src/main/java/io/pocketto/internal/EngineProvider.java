package io.pocketto.internal;

import io.pocketto.Database;
import io.pocketto.DatabaseProvider;
import io.pocketto.DatabaseSettings;

/**
 * The JDBC engine as the API finds it: registered in {@code META-INF/services/io.pocketto.DatabaseProvider}, so
 * that {@link io.pocketto.Pocketto} opens an {@link EngineDatabase} without naming it.
 */
public final class EngineProvider implements DatabaseProvider {

  /** Made by {@link java.util.ServiceLoader}. */
  public EngineProvider() {}

  @Override
  public Database open(DatabaseSettings settings) {
    return new EngineDatabase(settings);
  }
}
