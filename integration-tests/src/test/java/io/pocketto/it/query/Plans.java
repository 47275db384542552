package io.pocketto.it.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Database;
import io.pocketto.it.Backend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the plan tests share: fresh statistics for a filled table, the plan of a repository method's statement, and
 * what they read in a plan, a query read in order through one index with no sort.
 */
final class Plans {
  private Plans() {}

  /**
   * Gathers statistics on {@code table}, as autovacuum would on a table that grew: PostgreSQL picks a sequential scan
   * and a sort for a table it believes empty.
   */
  static void analyze(Backend backend, Database db, String table) throws SQLException {
    try (Connection c = backend.jdbc(db); Statement s = c.createStatement()) {
      s.execute(backend == Backend.POSTGRES ? "ANALYZE \"" + table + "\"" : "ANALYZE");
    }
  }

  /** The database's plan for a repository method's statement with these parameters, a line per row. */
  static String explain(Backend backend, Database db, String sql, Object... parameters) throws SQLException {
    try (Connection c = backend.jdbc(db); PreparedStatement s = c.prepareStatement("EXPLAIN " + sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      return plan.toString();
    }
  }

  /** Asserts that {@code plan}, on {@code backend}, reads {@code index} in the query's order and sorts nothing. */
  static void assertIndexOrdered(Backend backend, String index, String plan) {
    if (backend == Backend.POSTGRES) {
      // One index scan, forward or backward, and no Sort node anywhere in the plan.
      assertThat(plan).as(plan).containsPattern("Index Scan( Backward)? using " + index).doesNotContain("Sort");
    } else {
      // H2 names the index it reads and says when its order is the query's order, so nothing is sorted.
      assertThat(plan).as(plan).contains(index).contains("/* index sorted */");
    }
  }
}
