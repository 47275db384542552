package io.pocketto.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs a test class once per {@link Backend}, each test on a fresh database ({@link #db}) that is
 * also the default database, so {@code record.save()} and {@code SalesInvoice.find(id)} work as in an
 * application.
 *
 * <p>The default database is global, static state. The suite therefore runs sequentially (JUnit's
 * default; do not enable parallel execution for this module), every database a test opens through
 * {@link #open()} is closed after it, and a test that leaves a default behind fails.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
public abstract class BackendTest {
  @Parameter
  protected Backend backend;

  @TempDir
  protected Path scratchDir;

  /** This test's database, opened first and so the default. */
  protected Database db;

  private final List<Database> opened = new ArrayList<>();

  @BeforeEach
  final void openDatabase() {
    db = open();
    // Already the default when the previous test cleaned up; explicit so one leak cannot spread.
    Pocketto.setDefault(db);
  }

  @AfterEach
  final void closeDatabases() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    assertThatThrownBy(Pocketto::defaultDatabase)
        .as("closing every database must leave no default behind for the next test")
        .isInstanceOf(IllegalStateException.class);
  }

  /** Opens another fresh database on this test's backend, closed after the test. */
  protected Database open() {
    return track(backend.open(scratchDir));
  }

  /** Registers a database the test opened itself, so it is closed after the test. */
  protected Database track(Database database) {
    opened.add(database);
    return database;
  }

  /** Runs a statement on {@code database} through plain JDBC and returns the update count. */
  protected int execute(Database database, String sql, Object... params) {
    try (Connection c = backend.jdbc(database); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new AssertionError("raw SQL failed: " + sql, e);
    }
  }

  /** Runs a query on {@code database} through plain JDBC; each row maps lower-case column names to values. */
  protected List<Map<String, Object>> query(Database database, String sql, Object... params) {
    try (Connection c = backend.jdbc(database); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new AssertionError("raw query failed: " + sql, e);
    }
  }

  /** The raw row of a document, tombstones included; fails if there is none. */
  protected Map<String, Object> row(Database database, String collection, String id) {
    List<Map<String, Object>> rows =
        query(database, "SELECT * FROM \"" + collection + "\" WHERE \"_id\" = ?", id);
    if (rows.size() != 1) {
      throw new AssertionError("expected one row for " + collection + "/" + id + ", found " + rows.size());
    }
    return rows.get(0);
  }

  private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
  }
}
