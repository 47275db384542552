package io.pocketto.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one model's table in one database to this version's schema on first use, with the DDL of
 * {@link TableSchema}: creates it or adds what an older table lacks, or, with table creation off, checks
 * that the application's migrations made it. Either way the columns already there are checked against
 * the fields ({@link SchemaDrift}). {@link DocumentTable} runs it once, before its first statement.
 */
final class TableMigration {
  /** The table's logger, as these messages always were. */
  private static final Logger LOG = LoggerFactory.getLogger(DocumentTable.class);
  /** Marks a column that is {@code NOT NULL} in {@link #existingColumns}. */
  private static final String NOT_NULL = " not null";

  private final Engine engine;
  private final ModelBinding<?> binding;
  private final Dialect dialect;
  private final String table;
  private final TableSchema schema;

  TableMigration(Engine engine, ModelBinding<?> binding) {
    this.engine = engine;
    this.binding = binding;
    this.dialect = engine.dialect();
    this.table = dialect.quote(binding.collection());
    this.schema = new TableSchema(dialect, binding);
  }

  private String q(String identifier) {
    return dialect.quote(identifier);
  }

  /**
   * With table creation off, the application's migrations own the table: a missing table or field column
   * is reported now, naming where its DDL comes from, rather than as a failed statement later, and the
   * columns there are checked against the fields ({@link SchemaDrift}) as when Pocketto creates them.
   */
  void requireTable() {
    engine.withOwnConnection("checking table " + binding.collection() + " (table creation is off)", c -> {
      dialect.checkServer(c.getMetaData());
      Set<String> existing = existingColumns(c);
      if (existing.isEmpty()) {
        throw new SQLException("the table " + binding.collection() + " does not exist and table creation is off: "
            + "create it with the statements Database.schemaStatements() gives", "42P01");
      }
      SchemaDrift.check(c, dialect, binding, table, existing);
      for (FieldSpec f : binding.fields()) {
        if (!existing.contains(f.column().toLowerCase(Locale.ROOT))) {
          throw new SQLException("the table " + binding.collection() + " has no column " + f.column() + " for field '"
              + f.name() + "' and table creation is off: add it with ALTER TABLE " + table + " ADD COLUMN "
              + q(f.column()) + " " + dialect.columnType(f), "42703");
        }
      }
      return null;
    });
  }

  /**
   * Creates the table, its change counter and indexes, checks the columns it already has against the
   * fields ({@link SchemaDrift}), and adds a column for every field that lacks one. Runs on a connection of
   * its own even inside a bundle, whose rollback must not undo it.
   */
  void createOrMigrate() {
    engine.withOwnConnection("creating table " + binding.collection(), c -> {
      dialect.checkServer(c.getMetaData());
      try (Statement s = SqlLog.plain(c.createStatement())) {
        s.execute(schema.createTable());
        Set<String> existing = existingColumns(c);
        SchemaDrift.check(c, dialect, binding, table, existing);
        migratePositions(s, existing);
        addMissing(s, existing, schema.writerAndLockColumns(), "the writer and lock column");
        for (FieldSpec f : binding.fields()) {
          if (!existing.contains(f.column().toLowerCase(Locale.ROOT))) {
            LOG.info("adding column {} to {}", f.column(), binding.collection());
            s.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + q(f.column()) + " "
                + dialect.columnType(f));
          }
        }
        for (String index : schema.createIndexes()) {
          s.execute(index);
        }
      }
      return null;
    });
  }

  /** Adds each of {@code columns} (quoted name, then type) the table lacks. */
  private void addMissing(Statement s, Set<String> existing, List<String> columns, String what) throws SQLException {
    for (String column : columns) {
      String name = column.substring(1, column.indexOf('"', 1));
      if (!existing.contains(name)) {
        LOG.info("adding {} {} to {}", what, name, binding.collection());
        s.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + column);
      }
    }
  }

  /** The table's column names in lower case, plus {@code "<name> not null"} for each non-nullable one. */
  private Set<String> existingColumns(Connection c) throws SQLException {
    Set<String> names = new HashSet<>();
    DatabaseMetaData meta = c.getMetaData();
    // Escaped: '_' in a collection name is a pattern wildcard. In the connection's schema only: another
    // schema may hold a table of the same name.
    String escape = meta.getSearchStringEscape();
    String pattern = escape == null ? binding.collection()
        : binding.collection().replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), pattern, null)) {
      while (rs.next()) {
        String name = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
        names.add(name);
        if ("NO".equals(rs.getString("IS_NULLABLE"))) {
          names.add(name + NOT_NULL);
        }
      }
    }
    return names;
  }

  /**
   * Brings the changes feed's columns and index to this version's. Tables of earlier versions kept a
   * unique index on {@code _seq}, which made a write update its row twice (the second time from a shared
   * counter row): that index goes, and their numbers stay as the start of the new order.
   */
  private void migratePositions(Statement s, Set<String> existing) throws SQLException {
    addMissing(s, existing, dialect.positionColumns(), "the changes feed's column");
    addMissing(s, existing, List.of(q("_attempt") + " BIGINT"), "the write attempt column");
    s.execute("DROP INDEX IF EXISTS " + q(binding.collection() + "_seq_idx"));
    s.execute(schema.createPositionIndex());
    for (String statement : schema.preparePositions()) {
      s.execute(statement);
    }
  }
}
