package io.pocketto.internal;

import java.math.BigDecimal;
import java.util.Locale;

/** H2 2.x, the embedded default, in memory or in a file. */
public final class H2Dialect implements Dialect {
  /** H2's largest numeric precision and scale. */
  static final int MAX_DECIMAL_DIGITS = 100_000;
  /** Seconds with nanoseconds: every {@link java.time.Duration} fits (a long has 19 digits). */
  static final String DURATION_TYPE = "NUMERIC(28, 9)";

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
      // H2 has no numeric type that keeps any scale: NUMERIC rounds to a fixed one and DECFLOAT drops
      // trailing zeros (19.90 would come back as 19.9). As text the value stays exactly as written; H2
      // compares the text with a decimal parameter as a number, and sortKey sorts it as one.
      case DECIMAL -> "CHARACTER VARYING";
      case BIG_INTEGER -> "NUMERIC(" + MAX_DECIMAL_DIGITS + ")";
      case UUID -> "UUID";
      case INSTANT -> "TIMESTAMP(9) WITH TIME ZONE";
      case LOCAL_DATE, YEAR_MONTH -> "DATE";
      case LOCAL_DATE_TIME -> "TIMESTAMP(9)";
      case LOCAL_TIME -> "TIME(9)";
      case DURATION -> DURATION_TYPE;
      case YEAR -> "INTEGER";
      case ZONED_DATE_TIME, OFFSET_DATE_TIME, OFFSET_TIME, PERIOD, MONTH_DAY, ZONE_ID, ZONE_OFFSET, URI, CURRENCY ->
          "CHARACTER VARYING";
      case BYTES -> "BINARY VARYING";
      // Plain text, not H2's JSON type: that one rewrites numbers (120.00 becomes 1.2E+2).
      case JSON -> "CHARACTER VARYING";
    };
  }

  /** Undeclared decimals are text here (see {@link #columnType}); they sort by value as DECFLOAT. */
  @Override
  public String sortKey(FieldSpec field, String quotedColumn) {
    if (field.type() == ColumnType.DECIMAL && field.precision() == 0) {
      return "CAST(" + quotedColumn + " AS DECFLOAT)";
    }
    return quotedColumn;
  }

  /** A list of decimals is compared with the text column by value, as one parameter is. */
  @Override
  public String arrayElementType(ColumnType type) {
    return type == ColumnType.DECIMAL ? "DECFLOAT" : columnType(type);
  }

  @Override
  public String timestampType() {
    return "TIMESTAMP(6) WITH TIME ZONE";
  }

  @Override
  public String assignChangeNumber(String table, String counters) {
    // A data change delta table draws the number inside the statement that hands it out.
    return "UPDATE " + table + " SET " + quote("_seq") + " = (SELECT " + quote("last_seq") + " FROM FINAL TABLE ("
        + "UPDATE " + counters + " SET " + quote("last_seq") + " = " + quote("last_seq") + " + 1 WHERE "
        + quote("collection") + " = ?)) WHERE " + quote("_id") + " = ?";
  }

  /** H2 refuses numbers past its limits with an error of its own; this one names the field first. */
  @Override
  public void checkStorable(String model, FieldSpec field, Object value) {
    if (value == null) {
      return;
    }
    BigDecimal d = switch (field.type()) {
      case DECIMAL -> (BigDecimal) value;
      case BIG_INTEGER -> new BigDecimal((java.math.BigInteger) value);
      default -> null;
    };
    if (d != null) {
      long integerDigits = (long) d.precision() - d.scale();
      if (integerDigits > MAX_DECIMAL_DIGITS || Math.abs((long) d.scale()) > MAX_DECIMAL_DIGITS) {
        throw new IllegalArgumentException(model + " field '" + field.name() + "' holds a number with "
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
