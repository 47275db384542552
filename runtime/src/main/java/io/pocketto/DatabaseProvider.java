package io.pocketto;

/**
 * What opens a {@link Database}: the seam between the API and the engine that implements it, found with
 * {@link java.util.ServiceLoader} when {@link Pocketto.Builder#connect()} first runs. The runtime's JDBC engine
 * implements it and registers itself in {@code META-INF/services/io.pocketto.DatabaseProvider} of the
 * {@code pocketto-runtime} jar; applications open databases through {@link Pocketto} and do not implement it.
 * A fat jar must keep that file (Maven Shade: {@code ServicesResourceTransformer}).
 */
public interface DatabaseProvider {

  /**
   * Opens a database as {@code settings} describe it.
   *
   * @throws IllegalArgumentException if the database is not one the engine supports
   * @throws StorageException if the database cannot be reached
   */
  Database open(DatabaseSettings settings);
}
