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
  private final String counters;

  TableSchema(Dialect dialect, ModelBinding<?> binding) {
    this.dialect = dialect;
    this.binding = binding;
    this.table = dialect.quote(binding.collection());
    this.counters = dialect.quote(DocumentTable.COUNTERS);
  }

  private String q(String identifier) {
    return dialect.quote(identifier);
  }

  /** The table of per-collection change counters, shared by every model. */
  String createCounters() {
    return "CREATE TABLE IF NOT EXISTS " + counters + " (" + q("collection") + " CHARACTER VARYING(255) NOT NULL"
        + " PRIMARY KEY, " + q("last_seq") + " BIGINT NOT NULL)";
  }

  /** The model's table with its bookkeeping columns and one column per field. */
  String createTable() {
    StringJoiner ddl = new StringJoiner(",\n  ", "CREATE TABLE IF NOT EXISTS " + table + " (\n  ", "\n)");
    ddl.add(q("_id") + " CHARACTER VARYING(" + Ids.MAX_LENGTH + ") NOT NULL PRIMARY KEY");
    ddl.add(q("_rev") + " CHARACTER VARYING(64) NOT NULL");
    ddl.add(q("_deleted") + " BOOLEAN DEFAULT FALSE NOT NULL");
    // NULL only inside an uncommitted write: a committed row always has its change number.
    ddl.add(q("_seq") + " BIGINT");
    ddl.add(q("_created_at") + " " + dialect.timestampType() + " DEFAULT CURRENT_TIMESTAMP NOT NULL");
    ddl.add(q("_updated_at") + " " + dialect.timestampType() + " DEFAULT CURRENT_TIMESTAMP NOT NULL");
    for (FieldSpec f : binding.fields()) {
      ddl.add(q(f.column()) + " " + dialect.columnType(f.type()));
    }
    return ddl.toString();
  }

  /** The unique index on change numbers, which {@link DocumentTable#changesSince} reads by. */
  String createChangeNumberIndex() {
    return "CREATE UNIQUE INDEX IF NOT EXISTS " + q(binding.collection() + "_seq_idx") + " ON " + table + " ("
        + q("_seq") + ")";
  }

  /** The {@code @Index} declarations of the model. */
  List<String> createIndexes() {
    List<String> out = new ArrayList<>();
    for (List<String> index : binding.indexes()) {
      out.add(Indexes.createStatement(dialect, binding, index));
    }
    return out;
  }

  /**
   * Adds the collection's counter row, starting above any change number already in the table, unless it
   * is there; {@code collection} is the SQL for the collection's name (a placeholder or a literal), used
   * twice. The maximum is taken in a derived table: an aggregate over the table itself would yield its
   * one row even when the {@code NOT EXISTS} filters everything, and insert a duplicate.
   */
  String insertCounter(String collection) {
    return "INSERT INTO " + counters + " (" + q("collection") + ", " + q("last_seq") + ") SELECT " + collection + ", "
        + q("max_seq") + " FROM (SELECT COALESCE(MAX(" + q("_seq") + "), 0) AS " + q("max_seq") + " FROM " + table
        + ") " + q("existing") + " WHERE NOT EXISTS (SELECT 1 FROM " + counters + " WHERE " + q("collection") + " = "
        + collection + ")";
  }

  /** Everything a new database needs for this model, in order, as a migration would run it. */
  List<String> statements() {
    List<String> out = new ArrayList<>();
    out.add(createCounters());
    out.add(createTable());
    out.add(createChangeNumberIndex());
    out.addAll(createIndexes());
    out.add(insertCounter("'" + binding.collection().replace("'", "''") + "'"));
    return out;
  }
}
