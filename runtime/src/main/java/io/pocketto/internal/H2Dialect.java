package io.pocketto.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;

/** H2 2.x, the embedded default, in memory or in a file. */
public final class H2Dialect implements Dialect {
  /** H2's largest numeric precision and scale. */
  static final int MAX_DECIMAL_DIGITS = 100_000;

  @Override
  public String name() {
    return "H2";
  }

  @Override
  public boolean accepts(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:h2:");
  }

  /**
   * An unnamed in-memory database would be a different one on each pooled connection, so it is given
   * a name; a named one is kept open until {@link io.pocketto.Database#close()}. A file database
   * writes each commit to the file before the commit returns ({@code WRITE_DELAY=0}), so that an
   * acknowledged write survives the process being killed; the operating system flushes it to disk.
   */
  @Override
  public String prepareUrl(String jdbcUrl) {
    refuseSharedModes(jdbcUrl);
    String url = jdbcUrl;
    if (url.equals("jdbc:h2:mem:") || url.startsWith("jdbc:h2:mem:;")) {
      url = "jdbc:h2:mem:pocketto-" + Ids.uuidV7() + url.substring("jdbc:h2:mem:".length());
    }
    if (isInMemory(url) && !url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_DELAY")) {
      url = url + ";DB_CLOSE_DELAY=-1";
    }
    if (!isInMemory(url) && !url.toUpperCase(Locale.ROOT).contains("WRITE_DELAY")) {
      // H2 writes committed changes to the file up to 500 ms later by default, so a killed process
      // loses writes that save() already acknowledged. 0 writes them before the commit returns.
      url = url + ";WRITE_DELAY=0";
    }
    return url;
  }

  /**
   * The changes feed numbers H2's writes in this process ({@link LocalSequence}), which is only correct
   * while no other process writes to the database. An embedded URL guarantees that (H2 locks the file);
   * a server or auto-server URL does not.
   */
  private static void refuseSharedModes(String jdbcUrl) {
    String upper = jdbcUrl.toUpperCase(Locale.ROOT);
    boolean server = upper.startsWith("JDBC:H2:TCP:") || upper.startsWith("JDBC:H2:SSL:");
    if (server || upper.replace(" ", "").contains(";AUTO_SERVER=TRUE")) {
      throw new IllegalArgumentException("Pocketto does not open H2 databases that other processes write to ('"
          + jdbcUrl + "'): it numbers the changes feed in this process, and a write from another process could be "
          + "skipped by a reader. Open the database embedded (jdbc:h2:file:... without AUTO_SERVER) in the one process "
          + "that writes it, or use PostgreSQL for several processes");
    }
  }

  @Override
  public String shutdownStatement(String jdbcUrl) {
    // Frees an in-memory database that prepareUrl kept alive. A file database closes by itself when
    // its last connection does, and must not be shut under another Database open on the same file.
    return isInMemory(jdbcUrl) ? "SHUTDOWN" : null;
  }

  private static boolean isInMemory(String url) {
    return url.startsWith("jdbc:h2:mem:");
  }

  @Override
  public String columnType(ColumnType type) {
    return switch (type) {
      case STRING, ENUM -> "CHARACTER VARYING";
      case CHAR -> "CHARACTER(1)";
      case BOOLEAN -> "BOOLEAN";
      case BYTE -> "TINYINT";
      case SHORT -> "SMALLINT";
      case INT -> "INTEGER";
      case LONG -> "BIGINT";
      case FLOAT -> "REAL";
      case DOUBLE -> "DOUBLE PRECISION";
      // DECFLOAT keeps any precision a BigDecimal has, where NUMERIC would round to scale 0. It drops
      // trailing zeros (360.00 comes back as 360), which changes no value and no revision hash.
      case DECIMAL -> "DECFLOAT";
      case UUID -> "UUID";
      case INSTANT -> "TIMESTAMP(9) WITH TIME ZONE";
      case LOCAL_DATE -> "DATE";
      case LOCAL_DATE_TIME -> "TIMESTAMP(9)";
      // Plain text, not H2's JSON type: that one rewrites numbers (120.00 becomes 1.2E+2).
      case JSON -> "CHARACTER VARYING";
    };
  }

  @Override
  public String timestampType() {
    return "TIMESTAMP(6) WITH TIME ZONE";
  }

  @Override
  public String leaseEnd() {
    return "DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP)";
  }

  /**
   * H2 cannot tell a reader which transactions are still running, so numbers are drawn in this process,
   * which must be the only one writing to the database: see {@link #prepareUrl}.
   */
  @Override
  public boolean drawsPositionsInProcess() {
    return true;
  }

  @Override
  public String positionAssignments(String collection) {
    return quote("_seq") + " = ?";
  }

  @Override
  public String[] positionInsert(String collection) {
    return new String[] {quote("_seq"), "?"};
  }

  @Override
  public String positionIndex(String table, String collection) {
    return "CREATE INDEX IF NOT EXISTS " + quote(collection + "_pos_idx") + " ON " + table + " (" + quote("_seq") + ")";
  }

  @Override
  public String changesAfter(String table, String columns) {
    return "SELECT " + columns + ", 0, " + quote("_seq") + " FROM " + table + " WHERE " + quote("_seq") + " > ? AND "
        + quote("_seq") + " <= ? ORDER BY " + quote("_seq") + " FETCH FIRST ? ROWS ONLY";
  }

  @Override
  public void bindChangesAfter(PreparedStatement ps, long major, long minor, long readableUpTo, int limit)
      throws SQLException {
    ps.setLong(1, minor);
    ps.setLong(2, readableUpTo);
    ps.setInt(3, limit);
  }

  @Override
  public String changesHeldBack(String table) {
    return "SELECT COUNT(*) FROM " + table + " WHERE " + quote("_seq") + " > ?";
  }

  /** Also H2's lock timeout (HYT00), which a contended transaction meets where PostgreSQL would wait or detect a deadlock. */
  @Override
  public boolean isTransient(SQLException e) {
    return Dialect.hasSqlState(e, "HYT00") || Dialect.super.isTransient(e);
  }

  /** H2 refuses decimals past its limits with an error of its own; this one names the field first. */
  @Override
  public void checkStorable(String model, FieldSpec field, Object value) {
    if (field.type() == ColumnType.DECIMAL && value != null) {
      BigDecimal d = (BigDecimal) value;
      long integerDigits = (long) d.precision() - d.scale();
      if (integerDigits > MAX_DECIMAL_DIGITS || Math.abs((long) d.scale()) > MAX_DECIMAL_DIGITS) {
        throw new IllegalArgumentException(model + " field '" + field.name() + "' holds a decimal with "
            + Math.max(integerDigits, 0) + " digits before the point and scale " + d.scale()
            + ", which H2 cannot store: it holds at most " + MAX_DECIMAL_DIGITS + " digits on either side");
      }
    }
  }

  @Override
  public boolean preservesJsonText() {
    return true;
  }
}
