package io.pocketto.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of JDBC work on a borrowed connection. */
@FunctionalInterface
public interface SqlWork<R> {
  /** Runs the work; the connection is returned to the pool afterwards. */
  R run(Connection connection) throws SQLException;
}
