package io.pocketto.bench.variant;

import io.pocketto.bench.Contender;
import java.util.List;

/**
 * The statements Pocketto's runtime sends for the benchmark model, copied as text per database, for the
 * hand-written JDBC limit. The smoke tests compare them with what the runtime really sends (H2's query
 * statistics, PostgreSQL's statement log is how the PostgreSQL set was taken).
 *
 * <p>Every write stores a random id of its own in {@code _attempt} (the runtime uses it to tell its own write
 * from another's after a lost answer). Every write is one auto-committed statement that also places the row in the changes feed: on H2
 * {@code "_seq" = ?}, a number the writer draws in its own process; on PostgreSQL the collection's
 * sequence and the writing transaction's id, both set by the server.
 *
 * @param ddl the table, its changes-feed index (and on PostgreSQL its sequence), and the query's index, as
 *     the runtime creates them in a fresh database (it also drops the unique {@code _seq} index of older
 *     versions, which a fresh database does not have)
 * @param selectById the find
 * @param selectLatestOfCustomer the typed query of the query benchmark; its row limit is written into the
 *     statement on PostgreSQL (so that the server's one plan for it knows the limit) and bound on H2
 * @param insert the insert (guarded by the primary key), with the row's place in the changes feed
 * @param update the conditional update, guarded by the revision, with the row's place in the changes feed
 * @param drawsPositionsInProcess whether the writer binds {@code _seq} itself, as the last parameter before
 *     the update's {@code WHERE} (H2), or the statement draws it from the server (PostgreSQL)
 * @param storesJsonText whether the database returns the JSON text as written (H2), or its own form of it
 *     (PostgreSQL's {@code jsonb}), which must be canonicalised again before it is hashed
 * @param bindsRowLimit whether {@code selectLatestOfCustomer} takes its row limit as its last parameter (H2)
 */
public record RuntimeStatements(List<String> ddl, String selectById, String selectLatestOfCustomer, String insert,
    String update, boolean drawsPositionsInProcess, boolean storesJsonText, boolean bindsRowLimit) {

  private static final String COLUMNS = "SELECT \"_id\", \"_rev\", \"_deleted\", \"_writer\", \"number\", \"customer\", "
      + "\"total\", \"issued_on\", \"status\", \"reminders\", \"lines\", \"_created_at\", \"_updated_at\" "
      + "FROM \"sales_invoices\" ";

  /**
   * The runtime's DDL for the model's {@code @Index({"customer", "issuedOn"})}, the same on both: nulls
   * first, as queries sort, and the id last, so that one scan serves either direction.
   */
  public static final String INDEX_CUSTOMER_ISSUED_ON = "CREATE INDEX IF NOT EXISTS "
      + "\"sales_invoices_customer_issued_on__id_idx\" ON \"sales_invoices\" (\"customer\" NULLS FIRST, "
      + "\"issued_on\" NULLS FIRST, \"_id\")";

  /** The changes feed's index on H2, where {@code _seq} alone orders the feed. */
  static final String H2_POSITION_INDEX =
      "CREATE INDEX IF NOT EXISTS \"sales_invoices_pos_idx\" ON \"sales_invoices\" (\"_seq\")";
  /** The changes feed's index on PostgreSQL: the writing transaction, then the sequence's number. */
  static final String POSTGRES_POSITION_INDEX =
      "CREATE INDEX IF NOT EXISTS \"sales_invoices_pos_idx\" ON \"sales_invoices\" (\"_xid\", \"_seq\")";
  private static final String POSTGRES_SEQUENCE = "CREATE SEQUENCE IF NOT EXISTS \"sales_invoices_pos_seq\"";
  /** The runtime's {@code SET} of the feed position on PostgreSQL: both drawn by the server. */
  private static final String POSTGRES_POSITION = "\"_seq\" = nextval('\"sales_invoices_pos_seq\"'), "
      + "\"_xid\" = pg_current_xact_id()";
  /** The customer, pinned by the equality and first in the index, is sorted by first so that H2 reads the index in order. */
  private static final String SELECT_LATEST = COLUMNS + "WHERE \"_deleted\" = FALSE AND (\"customer\" = ?) "
      + "ORDER BY \"customer\" DESC NULLS LAST, \"issued_on\" DESC NULLS LAST, \"_id\" DESC FETCH FIRST ";
  private static final String SELECT_BY_ID = COLUMNS + "WHERE \"_id\" = ? AND \"_deleted\" = FALSE";

  /** H2 2.x: the feed position is a number drawn in the writing process, bound as {@code _seq}. */
  public static final RuntimeStatements H2 = new RuntimeStatements(
      List.of(table("CHARACTER VARYING", "TIMESTAMP(6) WITH TIME ZONE", "CHARACTER VARYING", "DATE", "INTEGER",
              "CHARACTER VARYING", ""),
          H2_POSITION_INDEX, INDEX_CUSTOMER_ISSUED_ON),
      SELECT_BY_ID, SELECT_LATEST + "? ROWS ONLY",
      insert("?", ", \"_seq\"", ", ?", ""),
      update("?", "\"_seq\" = ?"),
      true, true, true);

  /** PostgreSQL: {@code jsonb} for JSON, {@code ON CONFLICT} on insert, the feed position from the server. */
  public static final RuntimeStatements POSTGRES = new RuntimeStatements(
      List.of(table("text", "timestamptz", "numeric", "date", "integer", "jsonb",
              "  \"_xid\" xid8 DEFAULT '0' NOT NULL,\n"),
          POSTGRES_POSITION_INDEX, POSTGRES_SEQUENCE,
          "SELECT setval('\"sales_invoices_pos_seq\"', GREATEST((SELECT COALESCE(MAX(\"_seq\"), 0) FROM "
              + "\"sales_invoices\"), (SELECT last_value FROM \"sales_invoices_pos_seq\")))",
          INDEX_CUSTOMER_ISSUED_ON),
      SELECT_BY_ID, SELECT_LATEST + Contender.QUERY_LIMIT + " ROWS ONLY",
      insert("?::jsonb", ", \"_seq\", \"_xid\"", ", nextval('\"sales_invoices_pos_seq\"'), pg_current_xact_id()",
          " ON CONFLICT (\"_id\") DO NOTHING"),
      update("?::jsonb", POSTGRES_POSITION),
      false, false, false);

  /** The statements for the database of a JDBC URL. */
  public static RuntimeStatements of(String url) {
    return url.startsWith("jdbc:postgresql:") ? POSTGRES : H2;
  }

  private static String table(String text, String timestamp, String decimal, String date, String integer,
      String json, String positionColumns) {
    return "CREATE TABLE IF NOT EXISTS \"sales_invoices\" (\n"
        + "  \"_id\" CHARACTER VARYING(255) NOT NULL PRIMARY KEY,\n"
        + "  \"_rev\" CHARACTER VARYING(64) NOT NULL,\n"
        + "  \"_deleted\" BOOLEAN DEFAULT FALSE NOT NULL,\n"
        + "  \"_writer\" CHARACTER VARYING(255),\n"
        + "  \"_lock_holder\" CHARACTER VARYING(255),\n"
        + "  \"_lock_expires\" " + timestamp + ",\n"
        + "  \"_seq\" BIGINT,\n"
        + positionColumns
        + "  \"_attempt\" BIGINT,\n"
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

  private static String insert(String jsonParameter, String positionColumns, String positionValues,
      String onConflict) {
    return "INSERT INTO \"sales_invoices\" (\"_id\", \"_rev\", \"_deleted\", \"_writer\", \"number\", \"customer\", "
        + "\"total\", \"issued_on\", \"status\", \"reminders\", \"lines\", \"_attempt\"" + positionColumns + ") VALUES (?, ?, ?, ?, ?, "
        + "?, ?, ?, ?, ?, " + jsonParameter + ", ?" + positionValues + ")" + onConflict;
  }

  private static String update(String jsonParameter, String position) {
    return "UPDATE \"sales_invoices\" SET \"_rev\" = ?, \"_deleted\" = ?, \"_writer\" = ?, \"_updated_at\" = CURRENT_TIMESTAMP, "
        + "\"number\" = ?, \"customer\" = ?, \"total\" = ?, \"issued_on\" = ?, \"status\" = ?, \"reminders\" = ?, "
        + "\"lines\" = " + jsonParameter + ", \"_attempt\" = ?, " + position + " WHERE \"_id\" = ? AND \"_rev\" = ? "
        + "AND (\"_lock_holder\" IS NULL OR \"_lock_holder\" = ? OR NOT (\"_lock_expires\" > CURRENT_TIMESTAMP))";
  }
}
