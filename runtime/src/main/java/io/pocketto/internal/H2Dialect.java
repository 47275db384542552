package io.pocketto.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;

/** H2 2.x, the embedded default, in memory or in a file. */
public final class H2Dialect implements Dialect {
  /** H2's largest numeric precision and scale. */
  static final int MAX_DECIMAL_DIGITS = 100_000;
  /** Seconds with nanoseconds: every {@link java.time.Duration} fits (a long has 19 digits). */
  static final String DURATION_TYPE = "NUMERIC(28, 9)";
  /** Rows a file database may sort in memory per GiB of heap; see {@link #maxMemoryRows}. */
  static final int MEMORY_ROWS_PER_GIB = 250_000;
  /** H2's own limit for a 1 GiB heap. */
  private static final int H2_DEFAULT_MEMORY_ROWS = 40_000;
  /** KiB of page cache a file database gets per GiB of heap; see {@link #cacheKib}. */
  static final int CACHE_KIB_PER_GIB = 256 * 1024;
  /** H2's own lock timeout, when the URL sets none. */
  static final long DEFAULT_LOCK_TIMEOUT_MILLIS = 2_000;
  /** H2's own page cache, whatever the heap: 16 MiB. */
  private static final int H2_DEFAULT_CACHE_KIB = 16 * 1024;

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
   * A file database also sorts more rows in memory ({@link #maxMemoryRows}) and keeps more of its pages
   * in memory ({@link #cacheKib}) than H2's defaults. A setting already in the URL is kept.
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
    if (!isInMemory(url) && !url.toUpperCase(Locale.ROOT).contains("MAX_MEMORY_ROWS")) {
      url = url + ";MAX_MEMORY_ROWS=" + maxMemoryRows(Runtime.getRuntime().maxMemory());
    }
    if (!isInMemory(url) && !setsOption(url, "CACHE_SIZE")) {
      url = url + ";CACHE_SIZE=" + cacheKib(Runtime.getRuntime().maxMemory());
    }
    if (!isInMemory(url) && !url.toUpperCase(Locale.ROOT).contains("WRITE_DELAY")) {
      // H2 writes committed changes to the file up to 500 ms later by default, so a killed process
      // loses writes that save() already acknowledged. 0 writes them before the commit returns.
      url = url + ";WRITE_DELAY=0";
    }
    return url;
  }

  /**
   * How many rows a file database sorts in memory before it sorts on disk, which is tens of times
   * slower: {@value #MEMORY_ROWS_PER_GIB} per GiB of maximum heap (a quarter of the heap for one sort of
   * rows of about 1 KiB), never less than H2's own default for a 1 GiB heap. H2's default is 40,000 per
   * GiB, so a query that sorts 300,000 rows without an index spills to disk on a 4 GiB heap.
   */
  static int maxMemoryRows(long maxHeapBytes) {
    double gib = maxHeapBytes == Long.MAX_VALUE ? 1 : maxHeapBytes / (double) (1L << 30);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(H2_DEFAULT_MEMORY_ROWS, (long) (gib * MEMORY_ROWS_PER_GIB)));
  }

  /**
   * The page cache of a file database, in KiB (H2's {@code CACHE_SIZE}): a quarter of the maximum heap,
   * never less than H2's default of 16 MiB. H2's default does not grow with the heap, so past a few
   * tens of thousands of documents every read of a row or index page not read lately decodes it from
   * the file again: at a million documents a lookup by id cost six times what it did at ten thousand.
   * The cache fills only as pages are read, so a small database takes no more than before.
   */
  static int cacheKib(long maxHeapBytes) {
    double gib = maxHeapBytes == Long.MAX_VALUE ? 1 : maxHeapBytes / (double) (1L << 30);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(H2_DEFAULT_CACHE_KIB, (long) (gib * CACHE_KIB_PER_GIB)));
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

  /** H2 converts its timestamp straight to an {@link Instant}, without an {@code OffsetDateTime} and its zone lookup. */
  @Override
  public Instant readTimestamp(ResultSet rs, int i) throws SQLException {
    return rs.getObject(i, Instant.class);
  }

  @Override
  public String shutdownStatement(String jdbcUrl) {
    // Frees an in-memory database that prepareUrl kept alive. A file database closes by itself when
    // its last connection does, and must not be shut under another Database open on the same file.
    return isInMemory(jdbcUrl) ? "SHUTDOWN" : null;
  }

  /**
   * On a file database, the URL's {@code LOCK_TIMEOUT}, else H2's default of 2 s: there two transactions that write
   * one row at once can both pass its revision check, or leave it unwritable ({@link DocumentTurns} says how). An
   * in-memory database has not been seen to, and relies on its row locks.
   */
  @Override
  public long documentTurnWaitMillis(String jdbcUrl) {
    if (isInMemory(jdbcUrl)) {
      return -1;
    }
    String set = option(jdbcUrl, "LOCK_TIMEOUT");
    try {
      return set == null ? DEFAULT_LOCK_TIMEOUT_MILLIS : Long.parseLong(set);
    } catch (NumberFormatException e) {
      return DEFAULT_LOCK_TIMEOUT_MILLIS;
    }
  }

  /** Whether the URL sets {@code option} itself (not merely one whose name ends the same, as QUERY_CACHE_SIZE). */
  private static boolean setsOption(String url, String option) {
    return option(url, option) != null;
  }

  /** The value the URL gives {@code option}, trimmed, or {@code null} if it sets none. */
  private static String option(String url, String option) {
    String[] parts = url.split(";");
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase(option)) {
        return parts[i].substring(eq + 1).trim();
      }
    }
    return null;
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
      // trailing zeros (19.90 would come back as 19.9). As text the value stays exactly as written; queries
      // compare and sort it as a number (valueExpression).
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
  public String feedQuery(String table, String columns, String extra, String and) {
    return "SELECT " + columns + ", 0, " + quote("_seq") + extra + " FROM " + table + " WHERE " + quote("_seq")
        + " > ? AND " + quote("_seq") + " <= ?" + and + " ORDER BY " + quote("_seq") + " " + window(false, true);
  }

  @Override
  public int bindChangesPosition(PreparedStatement ps, int index, long major, long minor, long readableUpTo) throws SQLException {
    ps.setLong(index, minor);
    ps.setLong(index + 1, readableUpTo);
    return index + 2;
  }

  @Override
  public String lastInFeed(String table) {
    return quote("_seq") + " = (SELECT MAX(" + quote("_seq") + ") FROM " + table + ")";
  }

  @Override
  public String upsert(String table, java.util.List<String> columns, int keyColumns) {
    return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", columns.subList(0, keyColumns))
        + ") VALUES (" + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
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
