package io.pocketto.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The DDL of one model's table in one dialect: what Pocketto runs when it creates the table, and what
 * an application that owns its schema (Flyway, Liquibase) puts in its migrations instead.
 */
final class TableSchema {
  private final Dialect dialect;
  private final ModelBinding<?> binding;
  private final String table;

  TableSchema(Dialect dialect, ModelBinding<?> binding) {
    this.dialect = dialect;
    this.binding = binding;
    this.table = dialect.quote(binding.collection());
  }

  private String q(String identifier) {
    return dialect.quote(identifier);
  }

  /** The model's table with its bookkeeping columns, the changes feed's columns and one column per field. */
  /** The columns of who wrote a revision and who holds the document's lock, quoted name then type. */
  List<String> writerAndLockColumns() {
    return List.of(q("_writer") + " CHARACTER VARYING(" + Ids.MAX_LENGTH + ")",
        q("_lock_holder") + " CHARACTER VARYING(" + Ids.MAX_LENGTH + ")",
        q("_lock_expires") + " " + dialect.timestampType());
  }

  String createTable() {
    StringJoiner ddl = new StringJoiner(",\n  ", "CREATE TABLE IF NOT EXISTS " + table + " (\n  ", "\n)");
    ddl.add(q("_id") + " CHARACTER VARYING(" + Ids.MAX_LENGTH + ") NOT NULL PRIMARY KEY");
    ddl.add(q("_rev") + " CHARACTER VARYING(64) NOT NULL");
    ddl.add(q("_deleted") + " BOOLEAN DEFAULT FALSE NOT NULL");
    writerAndLockColumns().forEach(ddl::add);
    // Set by every write statement; see DocumentTable.changes(). NULL only in rows of versions before 0.1.
    ddl.add(q("_seq") + " BIGINT");
    dialect.positionColumns().forEach(ddl::add);
    // The attempt that wrote the revision, so that a write whose answer was lost can recognise itself.
    ddl.add(q("_attempt") + " BIGINT");
    ddl.add(q("_created_at") + " " + dialect.timestampType() + " DEFAULT CURRENT_TIMESTAMP NOT NULL");
    ddl.add(q("_updated_at") + " " + dialect.timestampType() + " DEFAULT CURRENT_TIMESTAMP NOT NULL");
    for (FieldSpec f : binding.fields()) {
      ddl.add(q(f.column()) + " " + dialect.columnType(f));
    }
    return ddl.toString();
  }

  /** The index the changes feed reads by. */
  String createPositionIndex() {
    return dialect.positionIndex(table, binding.collection());
  }

  /** What the dialect needs before the first write is placed in the feed (a sequence, on PostgreSQL). */
  List<String> preparePositions() {
    return dialect.preparePositions(binding.collection());
  }

  /** The {@code @Index} declarations of the model. */
  List<String> createIndexes() {
    List<String> out = new ArrayList<>();
    for (List<String> index : binding.indexes()) {
      out.add(Indexes.createStatement(dialect, binding, index));
    }
    return out;
  }

  /** Everything a new database needs for this model, in order, as a migration would run it. */
  List<String> statements() {
    List<String> out = new ArrayList<>();
    out.add(createTable());
    out.add(createPositionIndex());
    out.addAll(preparePositions());
    out.addAll(createIndexes());
    return out;
  }
}
