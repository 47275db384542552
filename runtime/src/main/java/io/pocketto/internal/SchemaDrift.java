package io.pocketto.internal;

import io.pocketto.SchemaMismatchException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares an existing table with its model on the model's first use in a database, before anything
 * is written: a field whose column has another type is a {@link SchemaMismatchException} (otherwise the
 * first write would fail with the driver's conversion error, or worse, convert silently), and a column
 * no field maps to (a renamed or removed field) is logged as a warning and left alone with its data.
 *
 * <p>Types are compared as the database names them, without a table of equivalences: the column's
 * type as a query over it reports it, against the type of {@code CAST(NULL AS <the type the dialect
 * creates>)}. So the check knows every type the dialect can create, and nothing else.
 */
final class SchemaDrift {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaDrift.class);

  private SchemaDrift() {}

  /**
   * Checks the table; {@code existing} holds its column names in lower case (other entries, such as
   * {@code "_seq not null"}, are ignored). Columns whose names start with {@code _} are Pocketto's own.
   *
   * @throws SchemaMismatchException for the first field whose column has another type
   */
  static void check(Connection c, Dialect dialect, ModelBinding<?> binding, String quotedTable, Set<String> existing)
      throws SQLException {
    List<FieldSpec> mapped = new ArrayList<>();
    Set<String> fieldColumns = new HashSet<>();
    for (FieldSpec f : binding.fields()) {
      String column = f.column().toLowerCase(Locale.ROOT);
      fieldColumns.add(column);
      if (existing.contains(column)) {
        mapped.add(f);
      }
    }
    if (!mapped.isEmpty()) {
      compareTypes(c, dialect, binding, quotedTable, mapped);
    }
    for (String column : existing) {
      if (!column.startsWith("_") && !column.contains(" ") && !fieldColumns.contains(column)) {
        LOG.warn("Table {} has column {}, which no field of {} maps to (a renamed or removed field?); it is left "
            + "as it is, with its data", binding.collection(), column, binding.modelName());
      }
    }
  }

  private static void compareTypes(Connection c, Dialect dialect, ModelBinding<?> binding, String quotedTable,
      List<FieldSpec> fields) throws SQLException {
    StringJoiner actual = new StringJoiner(", ", "SELECT ", " FROM " + quotedTable + " WHERE 1 = 0");
    StringJoiner expected = new StringJoiner(", ", "SELECT ", "");
    for (FieldSpec f : fields) {
      actual.add(dialect.quote(f.column()));
      expected.add("CAST(NULL AS " + dialect.columnType(f) + ")");
    }
    List<String> actualTypes = typeNames(c, actual.toString());
    List<String> expectedTypes = typeNames(c, expected.toString());
    for (int i = 0; i < fields.size(); i++) {
      if (!actualTypes.get(i).equalsIgnoreCase(expectedTypes.get(i))) {
        FieldSpec f = fields.get(i);
        throw new SchemaMismatchException(binding.modelName(), binding.collection(), f.name(), f.column(),
            actualTypes.get(i), expectedTypes.get(i));
      }
    }
  }

  /** The type name of each column of a query's result, as the driver reports it. */
  private static List<String> typeNames(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> names = new ArrayList<>(meta.getColumnCount());
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        names.add(meta.getColumnTypeName(i));
      }
      return names;
    }
  }
}
