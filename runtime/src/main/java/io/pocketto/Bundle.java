package io.pocketto;

import java.sql.Connection;

/**
 * An open all-or-nothing write: see {@link Database#bundle(BundleWork)}. Valid only inside the work
 * it was given to, and only on that thread.
 */
public interface Bundle {
  /** The database the bundle writes to. */
  Database database();

  /**
   * The bundle's connection, for the application's own JDBC work in the same transaction: statements run
   * on it commit or roll back with the bundle's writes. Do not commit, roll back or close it; Pocketto does.
   */
  Connection connection();
}
