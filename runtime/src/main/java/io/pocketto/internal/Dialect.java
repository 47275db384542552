package io.pocketto.internal;

import java.sql.SQLException;

/**
 * The one place where SQL text differs between databases. Everything else builds statements from
 * these pieces, once per model and database.
 */
public interface Dialect {

  /** A short name for logs and errors, e.g. {@code "H2"}. */
  String name();

  /** Whether this dialect serves the JDBC URL. */
  boolean accepts(String jdbcUrl);

  /** The URL to open, with settings the runtime relies on (e.g. keeping an in-memory H2 alive). */
  default String prepareUrl(String jdbcUrl) {
    return jdbcUrl;
  }

  /** SQL run when the database is closed, or {@code null}. */
  default String shutdownStatement(String jdbcUrl) {
    return null;
  }

  /** A quoted identifier. */
  default String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** The SQL type of a column. */
  String columnType(ColumnType type);

  /** The placeholder for a parameter of this type, e.g. {@code ? FORMAT JSON}. */
  default String placeholder(ColumnType type) {
    return "?";
  }

  /** The SQL type of {@code _created_at} and {@code _updated_at}. */
  String timestampType();

  /** Creates the change sequence of a table if it does not exist. */
  String createSequence(String sequence);

  /** The expression that draws the next value of a sequence. */
  String nextValue(String sequence);

  /** Whether the error is a primary-key or unique violation. */
  default boolean isUniqueViolation(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if ("23505".equals(x.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** Whether JSON text comes back exactly as written; if not, the runtime canonicalises it on load. */
  boolean preservesJsonText();
}
