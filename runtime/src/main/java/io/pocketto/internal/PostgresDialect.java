package io.pocketto.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL 13 and later (for {@code xid8} and {@code pg_current_xact_id}), for many application servers sharing one database: {@code jsonb} for JSON
 * fields, {@code numeric} for decimals, {@code timestamptz} for instants.
 *
 * <p>PostgreSQL cannot hold some values Java can, and would otherwise change them without an error:
 * nanoseconds are rounded to microseconds, a number beyond {@code numeric}'s range becomes 0, a time
 * before 4713 BC becomes {@code -infinity}. {@link #checkStorable} rejects those values before
 * anything is written, as it does NUL characters, which {@code text} and {@code jsonb} refuse.
 */
public final class PostgresDialect implements Dialect {
  /** {@code numeric} holds at most this many digits before the decimal point... */
  static final int MAX_INTEGER_DIGITS = 131_072;
  /** ...and this many after it. */
  static final int MAX_FRACTION_DIGITS = 16_383;
  /** The first instant both {@code timestamptz} and the JDBC driver carry faithfully (4713 BC). */
  static final Instant MIN_INSTANT = Instant.parse("-4712-01-01T00:00:00Z");
  /** The first instant past {@code timestamptz}'s range. */
  static final Instant END_INSTANT = Instant.parse("+294277-01-01T00:00:00Z");
  private static final LocalDate MIN_DATE = LocalDate.parse("-4712-01-01");
  private static final LocalDate MAX_DATE = LocalDate.parse("+5874897-12-31");
  /** The internal names of the {@link #columnType} names that differ from theirs; a duration's is plain numeric. */
  private static final Map<String, String> INTERNAL_NAMES = Map.of("character(1)", "bpchar", "boolean", "bool",
      "smallint", "int2", "integer", "int4", "bigint", "int8", "real", "float4", "double precision", "float8",
      H2Dialect.DURATION_TYPE, "numeric");

  @Override
  public String name() {
    return "PostgreSQL";
  }

  @Override
  public boolean accepts(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  /** Checks that the driver is there: the runtime does not bring it, so that H2 users do not carry it. */
  @Override
  public String prepareUrl(String jdbcUrl) {
    try {
      Class.forName("org.postgresql.Driver");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the PostgreSQL JDBC driver is not on the class path: add the dependency "
          + "org.postgresql:postgresql (42.7 or later) to open " + jdbcUrl, e);
    }
    return jdbcUrl;
  }

  /** The changes feed needs {@code xid8}, {@code pg_current_xact_id()} and {@code pg_snapshot_xmin}, new in 13. */
  @Override
  public void checkServer(DatabaseMetaData meta) throws SQLException {
    if (meta.getDatabaseMajorVersion() < 13) {
      throw new IllegalStateException("PostgreSQL " + meta.getDatabaseProductVersion() + " is too old for Pocketto: "
          + "it needs 13 or later, whose transaction ids (xid8, pg_current_xact_id) keep the changes feed from "
          + "skipping a write");
    }
  }

  /**
   * PostgreSQL plans a prepared statement once for every run only while that plan costs about what a plan for the
   * run's values would. A bound limit is unknown to the one plan, which then expects a tenth of the matches: for a
   * filter on an indexed field with hundreds of matches per value, it looks dearer than a plan for {@code LIMIT
   * 20}, and the statement is planned again on every run (0.08 ms of planning for a 0.04 ms read, at a million
   * documents). With the limit in the text, the one plan is the same index scan, and it is kept.
   */
  @Override
  public boolean writesRowLimit() {
    return true;
  }

  @Override
  public String columnType(ColumnType type) {
    return switch (type) {
      case STRING, ENUM -> "text";
      case CHAR -> "character(1)";
      case BOOLEAN -> "boolean";
      case BYTE, SHORT -> "smallint";
      case INT -> "integer";
      case LONG -> "bigint";
      case FLOAT -> "real";
      case DOUBLE -> "double precision";
      // Unconstrained numeric keeps every digit and the scale of a BigDecimal (360.00 stays 360.00).
      case DECIMAL -> "numeric";
      case BIG_INTEGER -> "numeric";
      case UUID -> "uuid";
      case INSTANT -> "timestamptz";
      case LOCAL_DATE, YEAR_MONTH -> "date";
      case LOCAL_DATE_TIME -> "timestamp";
      case LOCAL_TIME -> "time";
      case DURATION -> H2Dialect.DURATION_TYPE;
      case YEAR -> "integer";
      // timestamptz and timetz would keep the instant but not the zone or offset, so these are text.
      case ZONED_DATE_TIME, OFFSET_DATE_TIME, OFFSET_TIME, PERIOD, MONTH_DAY, ZONE_ID, ZONE_OFFSET, URI, CURRENCY ->
          "text";
      case BYTES -> "bytea";
      // Queryable and indexable; it reorders keys and drops whitespace, hence preservesJsonText() = false.
      case JSON -> "jsonb";
    };
  }

  /** The driver knows array element types by their internal names only ({@code int4}, not {@code integer}). */
  @Override
  public String arrayElementType(ColumnType type) {
    String sqlType = columnType(type);
    return INTERNAL_NAMES.getOrDefault(sqlType, sqlType);
  }

  /** JSON travels as text and is cast by the server, so the driver needs no jsonb type of its own. */
  @Override
  public String placeholder(ColumnType type) {
    return type == ColumnType.JSON ? "?::jsonb" : "?";
  }

  @Override
  public String timestampType() {
    return "timestamptz";
  }

  /**
   * {@code ON CONFLICT DO NOTHING}: a unique violation would abort the whole transaction on
   * PostgreSQL, and with it the bundle the insert is part of.
   */
  @Override
  public String insertNew(String table, String columns, String values) {
    return "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ") ON CONFLICT (" + quote("_id")
        + ") DO NOTHING";
  }

  @Override
  public String leaseEnd() {
    return "(CURRENT_TIMESTAMP + CAST(? AS DOUBLE PRECISION) * INTERVAL '1 millisecond')";
  }

  /**
   * The write statement places its row itself: {@code _xid} is the writing transaction's id and
   * {@code _seq} a number from the collection's sequence. A reader takes rows in {@code (_xid, _seq)}
   * order below the oldest transaction still running ({@code pg_snapshot_xmin}), so no write can
   * commit behind what it has read, and no write queues behind another's commit.
   */
  @Override
  public boolean drawsPositionsInProcess() {
    return false;
  }

  @Override
  public List<String> positionColumns() {
    // NOT NULL: a row comparison with NULL is never true, and the feed would never hand the row out.
    return List.of(quote("_xid") + " xid8 DEFAULT '0' NOT NULL");
  }

  @Override
  public List<String> preparePositions(String collection) {
    return List.of("CREATE SEQUENCE IF NOT EXISTS " + quote(sequenceName(collection)),
        // Rows from before the sequence (numbered by an older version's counter) keep their order.
        "SELECT setval(" + sequenceLiteral(collection) + ", GREATEST((SELECT COALESCE(MAX(" + quote("_seq") + "), 0) FROM "
            + quote(collection) + "), (SELECT last_value FROM " + quote(sequenceName(collection)) + ")))");
  }

  private static String sequenceName(String collection) {
    return collection + "_pos_seq";
  }

  /** The sequence as a string literal for {@code nextval}, which takes the quoted name as text. */
  private String sequenceLiteral(String collection) {
    return "'" + quote(sequenceName(collection)).replace("'", "''") + "'";
  }

  @Override
  public String positionAssignments(String collection) {
    return quote("_seq") + " = nextval(" + sequenceLiteral(collection) + "), " + quote("_xid") + " = pg_current_xact_id()";
  }

  @Override
  public String[] positionInsert(String collection) {
    return new String[] {quote("_seq") + ", " + quote("_xid"), "nextval(" + sequenceLiteral(collection) + "), pg_current_xact_id()"};
  }

  @Override
  public String positionIndex(String table, String collection) {
    return "CREATE INDEX IF NOT EXISTS " + quote(collection + "_pos_idx") + " ON " + table + " (" + quote("_xid") + ", "
        + quote("_seq") + ")";
  }

  @Override
  public String feedQuery(String table, String columns, String extra, String and) {
    // Aliased: ORDER BY "_xid" would otherwise sort by the text in the select list, where "10" < "9".
    return "SELECT " + columns + ", " + quote("_xid") + "::text AS " + quote("_feed_xid") + ", " + quote("_seq") + extra
        + " FROM " + table + " WHERE (" + quote("_xid") + ", " + quote("_seq") + ") > (?::xid8, ?) AND " + quote("_xid")
        + " < pg_snapshot_xmin(pg_current_snapshot())" + and + " ORDER BY " + quote("_xid") + ", " + quote("_seq") + " LIMIT ?";
  }

  @Override
  public String lastInFeed(String table) {
    return "(" + quote("_xid") + ", " + quote("_seq") + ") = (SELECT " + quote("_xid") + ", " + quote("_seq") + " FROM " + table
        + " ORDER BY " + quote("_xid") + " DESC, " + quote("_seq") + " DESC LIMIT 1)";
  }

  @Override
  public int bindChangesPosition(PreparedStatement ps, int index, long major, long minor, long readableUpTo) throws SQLException {
    ps.setString(index, Long.toString(major));
    ps.setLong(index + 1, minor);
    return index + 2;
  }

  @Override
  public String upsert(String table, java.util.List<String> columns, int keyColumns) {
    java.util.StringJoiner sets = new java.util.StringJoiner(", ");
    for (String column : columns.subList(keyColumns, columns.size())) {
      sets.add(column + " = EXCLUDED." + column);
    }
    return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
        + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ") ON CONFLICT ("
        + String.join(", ", columns.subList(0, keyColumns)) + ") DO UPDATE SET " + sets;
  }

  @Override
  public String changesHeldBack(String table) {
    return "SELECT COUNT(*) FROM " + table + " WHERE " + quote("_xid") + " >= pg_snapshot_xmin(pg_current_snapshot())";
  }

  @Override
  public void checkStorable(String model, FieldSpec field, Object value) {
    if (value == null) {
      return;
    }
    switch (field.type()) {
      case STRING -> checkNoNul(model, field, (String) value);
      case CHAR -> {
        // A primitive char's '\0' is stored as NULL, which reads back as '\0'; a Character has no such slot.
        if ((Character) value == '\0' && !field.primitive()) {
          throw refused(model, field, "the NUL character", "PostgreSQL text cannot hold U+0000");
        }
      }
      case JSON -> {
        // Canonical JSON escapes NUL as \u0000, which jsonb refuses; look closer only when it may be there.
        if (((String) value).contains("\\u0000") && Json.containsNul((String) value)) {
          throw refused(model, field, "a NUL character inside its JSON", "PostgreSQL jsonb cannot hold U+0000");
        }
      }
      case DECIMAL -> checkDecimal(model, field, (BigDecimal) value);
      case INSTANT -> checkInstant(model, field, (Instant) value);
      case LOCAL_DATE_TIME -> checkLocalDateTime(model, field, (LocalDateTime) value);
      case LOCAL_DATE -> checkLocalDate(model, field, (LocalDate) value);
      case YEAR_MONTH -> checkLocalDate(model, field, ((YearMonth) value).atDay(1));
      case LOCAL_TIME -> checkLocalTime(model, field, (LocalTime) value);
      case BIG_INTEGER -> checkDecimal(model, field, new BigDecimal((BigInteger) value));
      default -> {
        // Every other type is held exactly.
      }
    }
  }

  private static void checkNoNul(String model, FieldSpec field, String value) {
    int at = value.indexOf('\0');
    if (at >= 0) {
      throw refused(model, field, "a NUL character at index " + at, "PostgreSQL text cannot hold U+0000");
    }
  }

  private static void checkDecimal(String model, FieldSpec field, BigDecimal value) {
    int scale = value.scale();
    long integerDigits = (long) value.precision() - scale;
    if (scale > MAX_FRACTION_DIGITS) {
      throw refused(model, field, "a decimal with " + scale + " digits after the point",
          "PostgreSQL numeric holds at most " + MAX_FRACTION_DIGITS + "; round it with setScale()");
    }
    if (integerDigits > MAX_INTEGER_DIGITS) {
      throw refused(model, field, "a decimal with " + integerDigits + " digits before the point",
          "PostgreSQL numeric holds at most " + MAX_INTEGER_DIGITS);
    }
  }

  private static void checkInstant(String model, FieldSpec field, Instant value) {
    if (value.getNano() % 1_000 != 0) {
      throw refused(model, field, "the instant " + value + " with nanoseconds",
          "PostgreSQL timestamptz keeps microseconds; truncate it with truncatedTo(ChronoUnit.MICROS)");
    }
    if (value.isBefore(MIN_INSTANT) || !value.isBefore(END_INSTANT)) {
      throw refused(model, field, "the instant " + value,
          "PostgreSQL timestamptz holds " + MIN_INSTANT + " up to " + END_INSTANT + " (exclusive)");
    }
  }

  private static void checkLocalDateTime(String model, FieldSpec field, LocalDateTime value) {
    if (value.getNano() % 1_000 != 0) {
      throw refused(model, field, "the date-time " + value + " with nanoseconds",
          "PostgreSQL timestamp keeps microseconds; truncate it with truncatedTo(ChronoUnit.MICROS)");
    }
    Instant asUtc = value.toInstant(ZoneOffset.UTC);
    if (asUtc.isBefore(MIN_INSTANT) || !asUtc.isBefore(END_INSTANT)) {
      throw refused(model, field, "the date-time " + value, "PostgreSQL timestamp holds "
          + LocalDateTime.ofInstant(MIN_INSTANT, ZoneOffset.UTC) + " up to "
          + LocalDateTime.ofInstant(END_INSTANT, ZoneOffset.UTC) + " (exclusive)");
    }
  }

  private static void checkLocalTime(String model, FieldSpec field, LocalTime value) {
    if (value.getNano() % 1_000 != 0) {
      throw refused(model, field, "the time " + value + " with nanoseconds",
          "PostgreSQL time keeps microseconds; truncate it with truncatedTo(ChronoUnit.MICROS)");
    }
  }

  private static void checkLocalDate(String model, FieldSpec field, LocalDate value) {
    // MIN and MAX travel as -infinity and infinity and come back as themselves.
    if (value.equals(LocalDate.MIN) || value.equals(LocalDate.MAX)) {
      return;
    }
    if (value.isBefore(MIN_DATE) || value.isAfter(MAX_DATE)) {
      throw refused(model, field, "the date " + value,
          "PostgreSQL date holds " + MIN_DATE + " up to " + MAX_DATE + ", and LocalDate.MIN and MAX");
    }
  }

  private static IllegalArgumentException refused(String model, FieldSpec field, String what, String why) {
    return new IllegalArgumentException(model + " field '" + field.name() + "' holds " + what
        + ", which PostgreSQL would not store as it is: " + why);
  }

  /**
   * Also the server's 57P0x codes, which end the session: 57P01 (terminated by an administrator, e.g.
   * {@code pg_terminate_backend}), 57P02 (crash shutdown), 57P03 (cannot connect now), 57P04 (database
   * dropped), 57P05 (idle session timeout).
   */
  @Override
  public boolean isConnectionLost(SQLException e) {
    return Dialect.hasSqlState(e, "57P0") || Dialect.super.isConnectionLost(e);
  }

  /** Every decimal is a {@code numeric} column here, which compares and sorts by value as it is. */
  @Override
  public String valueExpression(ColumnType type, int precision, String quotedColumn) {
    return quotedColumn;
  }

  /**
   * The standard SQL sorts a decimal by value as {@code DECFLOAT} ({@link SqlSyntax#decimalByValue}), which
   * PostgreSQL calls {@code numeric}; every other piece of {@link SqlSyntax#STANDARD} is PostgreSQL's too.
   */
  @Override
  public String nativeSql(String portableSql) {
    return portableSql.replace(" AS DECFLOAT)", " AS numeric)");
  }

  @Override
  public boolean preservesJsonText() {
    return false;
  }
}
