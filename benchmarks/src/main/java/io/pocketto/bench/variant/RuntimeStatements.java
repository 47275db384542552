package io.pocketto.bench.variant;

import java.util.List;

/**
 * The statements Pocketto's runtime sends for the benchmark model, copied as text per database, for the
 * hand-written JDBC limit. The smoke tests compare them with what the runtime really sends (H2's query
 * statistics, PostgreSQL's statement log is how the PostgreSQL set was taken).
 *
 * @param ddl the change counter, the table, its indexes and the counter's first row
 * @param selectById the find
 * @param selectLatestOfCustomer the typed query of the query benchmark
 * @param insert the insert (guarded by the primary key)
 * @param update the conditional update, guarded by the revision
 * @param assignChangeNumber the change number, drawn as the last statement of a write's transaction
 * @param storesJsonText whether the database returns the JSON text as written (H2), or its own form of it
 *     (PostgreSQL's {@code jsonb}), which must be canonicalised again before it is hashed
 */
public record RuntimeStatements(List<String> ddl, String selectById, String selectLatestOfCustomer, String insert,
    String update, String assignChangeNumber, boolean storesJsonText) {

  private static final String COLUMNS = "SELECT \"_id\", \"_rev\", \"_deleted\", \"number\", \"customer\", "
      + "\"total\", \"issued_on\", \"status\", \"reminders\", \"lines\" FROM \"sales_invoices\" ";

  /** The runtime's DDL for the model's {@code @Index({"customer", "issuedOn"})}, the same on both. */
  public static final String INDEX_CUSTOMER_ISSUED_ON = "CREATE INDEX IF NOT EXISTS "
      + "\"sales_invoices_customer_issued_on_idx\" ON \"sales_invoices\" (\"customer\", \"issued_on\")";

  private static final String SEQUENCES = "CREATE TABLE IF NOT EXISTS \"pocketto_sequences\" (\"collection\" "
      + "CHARACTER VARYING(255) NOT NULL PRIMARY KEY, \"last_seq\" BIGINT NOT NULL)";
  private static final String SEQ_INDEX =
      "CREATE UNIQUE INDEX IF NOT EXISTS \"sales_invoices_seq_idx\" ON \"sales_invoices\" (\"_seq\")";
  private static final String SELECT_LATEST = COLUMNS + "WHERE \"_deleted\" = FALSE AND (\"customer\" = ?) "
      + "ORDER BY \"issued_on\" DESC NULLS LAST, \"_id\" ASC FETCH FIRST ? ROWS ONLY";
  private static final String SELECT_BY_ID = COLUMNS + "WHERE \"_id\" = ? AND \"_deleted\" = FALSE";

  /** H2 2.x. */
  public static final RuntimeStatements H2 = new RuntimeStatements(
      List.of(SEQUENCES, table("CHARACTER VARYING", "TIMESTAMP(6) WITH TIME ZONE", "DECFLOAT", "DATE", "INTEGER",
              "CHARACTER VARYING"),
          SEQ_INDEX, INDEX_CUSTOMER_ISSUED_ON,
          "MERGE INTO \"pocketto_sequences\" KEY (\"collection\") VALUES ('sales_invoices', 0)"),
      SELECT_BY_ID, SELECT_LATEST,
      insert("?", ""),
      update("?"),
      "UPDATE \"sales_invoices\" SET \"_seq\" = (SELECT \"last_seq\" FROM FINAL TABLE (UPDATE \"pocketto_sequences\" "
          + "SET \"last_seq\" = \"last_seq\" + 1 WHERE \"collection\" = ?)) WHERE \"_id\" = ?",
      true);

  /** PostgreSQL: {@code jsonb} for JSON, {@code ON CONFLICT} on insert, the change number in one statement. */
  public static final RuntimeStatements POSTGRES = new RuntimeStatements(
      List.of(SEQUENCES, table("text", "timestamptz", "numeric", "date", "integer", "jsonb"),
          SEQ_INDEX, INDEX_CUSTOMER_ISSUED_ON,
          "INSERT INTO \"pocketto_sequences\" VALUES ('sales_invoices', 0) ON CONFLICT DO NOTHING"),
      SELECT_BY_ID, SELECT_LATEST,
      insert("?::jsonb", " ON CONFLICT (\"_id\") DO NOTHING"),
      update("?::jsonb"),
      "WITH s AS (UPDATE \"pocketto_sequences\" SET \"last_seq\" = \"last_seq\" + 1 WHERE \"collection\" = ? "
          + "RETURNING \"last_seq\") UPDATE \"sales_invoices\" SET \"_seq\" = (SELECT \"last_seq\" FROM s) "
          + "WHERE \"_id\" = ?",
      false);

  /** The statements for the database of a JDBC URL. */
  public static RuntimeStatements of(String url) {
    return url.startsWith("jdbc:postgresql:") ? POSTGRES : H2;
  }

  private static String table(String text, String timestamp, String decimal, String date, String integer,
      String json) {
    return "CREATE TABLE IF NOT EXISTS \"sales_invoices\" (\n"
        + "  \"_id\" CHARACTER VARYING(255) NOT NULL PRIMARY KEY,\n"
        + "  \"_rev\" CHARACTER VARYING(64) NOT NULL,\n"
        + "  \"_deleted\" BOOLEAN DEFAULT FALSE NOT NULL,\n"
        + "  \"_writer\" CHARACTER VARYING(255),\n"
        + "  \"_lock_holder\" CHARACTER VARYING(255),\n"
        + "  \"_lock_expires\" " + timestamp + ",\n"
        + "  \"_seq\" BIGINT,\n"
        + "  \"_created_at\" " + timestamp + " DEFAULT CURRENT_TIMESTAMP NOT NULL,\n"
        + "  \"_updated_at\" " + timestamp + " DEFAULT CURRENT_TIMESTAMP NOT NULL,\n"
        + "  \"number\" " + text + ",\n"
        + "  \"customer\" " + text + ",\n"
        + "  \"total\" " + decimal + ",\n"
        + "  \"issued_on\" " + date + ",\n"
        + "  \"status\" " + text + ",\n"
        + "  \"reminders\" " + integer + ",\n"
        + "  \"lines\" " + json + "\n"
        + ")";
  }

  private static String insert(String jsonParameter, String onConflict) {
    return "INSERT INTO \"sales_invoices\" (\"_id\", \"_rev\", \"_deleted\", \"number\", \"customer\", \"total\", "
        + "\"issued_on\", \"status\", \"reminders\", \"lines\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, " + jsonParameter + ")"
        + onConflict;
  }

  private static String update(String jsonParameter) {
    return "UPDATE \"sales_invoices\" SET \"_rev\" = ?, \"_deleted\" = ?, \"_updated_at\" = CURRENT_TIMESTAMP, "
        + "\"number\" = ?, \"customer\" = ?, \"total\" = ?, \"issued_on\" = ?, \"status\" = ?, \"reminders\" = ?, "
        + "\"lines\" = " + jsonParameter + " WHERE \"_id\" = ? AND \"_rev\" = ?";
  }
}
