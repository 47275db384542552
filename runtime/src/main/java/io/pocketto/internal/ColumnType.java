package io.pocketto.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pocketto.query.Property;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one home of each field type, shared by the processor and the runtime: which Java type it holds,
 * how it is bound and read by column index, its canonical form (hashed into revisions), how two values
 * compare for dirty tracking, and which query operators it allows. The processor picks the constant for
 * a field by {@link #forJavaType}; the {@link Dialect} names its SQL type. Enums are stored by name, and
 * collections, maps, records and POJOs as JSON text.
 *
 * <p>Adding a type means one constant here (and its case in {@link #read}, which the compiler asks for),
 * its SQL type in each {@code Dialect}, and a test in the round-trip suite; nothing in the processor.
 */
@ForGeneratedCode
public enum ColumnType {
  STRING(Types.VARCHAR, String.class, Property.Kind.STRING, text -> text,
      (ps, i, v) -> ps.setString(i, (String) v)),
  /**
   * An enum stored by {@link Enum#name()} (its {@link #text}, which the shared setter binds); read back as
   * that name, which the field's {@link FieldSpec#enumType()} turns into the constant.
   */
  ENUM(Types.VARCHAR, Enum.class, Property.Kind.VALUE, null, null) {
    @Override String text(Object v) {
      return ((Enum<?>) v).name();
    }
  },
  CHAR(Types.CHAR, Character.class, Property.Kind.COMPARABLE, text -> text.length() == 1 ? text.charAt(0) : null,
      (ps, i, v) -> ps.setString(i, String.valueOf((char) (Character) v))) {
    @Override Object toJdbc(Object v) {
      return String.valueOf((char) (Character) v);
    }
  },
  BOOLEAN(Types.BOOLEAN, Boolean.class, Property.Kind.VALUE, null,
      (ps, i, v) -> ps.setBoolean(i, (Boolean) v)),
  BYTE(Types.SMALLINT, Byte.class, Property.Kind.COMPARABLE, null,
      (ps, i, v) -> ps.setShort(i, (Byte) v)) {
    @Override Object toJdbc(Object v) {
      return ((Byte) v).shortValue();
    }
  },
  SHORT(Types.SMALLINT, Short.class, Property.Kind.COMPARABLE, null,
      (ps, i, v) -> ps.setShort(i, (Short) v)),
  INT(Types.INTEGER, Integer.class, Property.Kind.COMPARABLE, null,
      (ps, i, v) -> ps.setInt(i, (Integer) v)),
  LONG(Types.BIGINT, Long.class, Property.Kind.COMPARABLE, null,
      (ps, i, v) -> ps.setLong(i, (Long) v)),
  FLOAT(Types.REAL, Float.class, Property.Kind.COMPARABLE, null,
      (ps, i, v) -> ps.setFloat(i, (Float) v)),
  DOUBLE(Types.DOUBLE, Double.class, Property.Kind.COMPARABLE, null,
      (ps, i, v) -> ps.setDouble(i, (Double) v)),
  /**
   * A decimal, kept with its scale ({@code 19.90} stays {@code 19.90}); a field may declare a precision
   * and scale with {@link io.pocketto.Decimal}. Two values compare by value for dirty tracking, and the
   * canonical form drops trailing zeros, so a rescaled value is neither dirty nor a new revision.
   */
  DECIMAL(Types.NUMERIC, BigDecimal.class, Property.Kind.COMPARABLE, BigDecimal::new,
      (ps, i, v) -> ps.setBigDecimal(i, (BigDecimal) v)) {
    @Override boolean same(Object a, Object b) {
      return ((BigDecimal) a).compareTo((BigDecimal) b) == 0;
    }
  },
  /** An arbitrary-size integer, in a numeric column without a fraction. */
  BIG_INTEGER(Types.NUMERIC, BigInteger.class, Property.Kind.COMPARABLE, BigInteger::new,
      (ps, i, v) -> ps.setBigDecimal(i, new BigDecimal((BigInteger) v))) {
    @Override Object toJdbc(Object v) {
      return new BigDecimal((BigInteger) v);
    }
  },
  UUID(Types.OTHER, java.util.UUID.class, Property.Kind.VALUE, java.util.UUID::fromString),
  INSTANT(Types.TIMESTAMP_WITH_TIMEZONE, Instant.class, Property.Kind.COMPARABLE, Instant::parse, null) {
    @Override Object toJdbc(Object v) {
      return OffsetDateTime.ofInstant((Instant) v, ZoneOffset.UTC);
    }
  },
  LOCAL_DATE(Types.DATE, LocalDate.class, Property.Kind.COMPARABLE, LocalDate::parse),
  LOCAL_DATE_TIME(Types.TIMESTAMP, LocalDateTime.class, Property.Kind.COMPARABLE, LocalDateTime::parse),
  LOCAL_TIME(Types.TIME, LocalTime.class, Property.Kind.COMPARABLE, LocalTime::parse),
  /**
   * Date, time and zone, as ISO text ({@code 2026-12-04T10:15+08:00[Asia/Singapore]}): no SQL type keeps
   * a region, and PostgreSQL's {@code timestamptz} not even the offset. Matched by equality only, since
   * the text does not sort in time order.
   */
  ZONED_DATE_TIME(Types.VARCHAR, ZonedDateTime.class, Property.Kind.VALUE, ZonedDateTime::parse),
  /** Date, time and offset, as ISO text: PostgreSQL's {@code timestamptz} would keep the instant but not the offset. */
  OFFSET_DATE_TIME(Types.VARCHAR, OffsetDateTime.class, Property.Kind.VALUE, OffsetDateTime::parse),
  /** Time and offset, as ISO text. */
  OFFSET_TIME(Types.VARCHAR, OffsetTime.class, Property.Kind.VALUE, OffsetTime::parse),
  /** A duration as seconds with nine fraction digits, so that it sorts and compares as a length of time. */
  DURATION(Types.NUMERIC, Duration.class, Property.Kind.COMPARABLE, Duration::parse,
      (ps, i, v) -> ps.setBigDecimal(i, seconds((Duration) v))) {
    @Override Object toJdbc(Object v) {
      return seconds((Duration) v);
    }
  },
  /** Years, months and days as ISO text ({@code P1Y2M3D}); periods have no total order. */
  PERIOD(Types.VARCHAR, Period.class, Property.Kind.VALUE, Period::parse),
  YEAR(Types.INTEGER, Year.class, Property.Kind.COMPARABLE, Year::parse,
      (ps, i, v) -> ps.setInt(i, ((Year) v).getValue())) {
    @Override Object toJdbc(Object v) {
      return ((Year) v).getValue();
    }
  },
  /** A month of a year, stored as the date of its first day so that it sorts in time order. */
  YEAR_MONTH(Types.DATE, YearMonth.class, Property.Kind.COMPARABLE, YearMonth::parse, null) {
    @Override Object toJdbc(Object v) {
      return ((YearMonth) v).atDay(1);
    }
  },
  /** A day of the year as ISO text ({@code --12-04}), which has a fixed width and so sorts in calendar order. */
  MONTH_DAY(Types.VARCHAR, MonthDay.class, Property.Kind.COMPARABLE, MonthDay::parse),
  /** A region or offset by its id ({@code Asia/Singapore}, {@code +08:00}). */
  ZONE_ID(Types.VARCHAR, ZoneId.class, Property.Kind.VALUE, ZoneId::of),
  ZONE_OFFSET(Types.VARCHAR, ZoneOffset.class, Property.Kind.VALUE, ZoneOffset::of),
  URI(Types.VARCHAR, java.net.URI.class, Property.Kind.VALUE, java.net.URI::create),
  /** A currency by its ISO 4217 code. */
  CURRENCY(Types.VARCHAR, Currency.class, Property.Kind.VALUE, Currency::getInstance),
  /**
   * A {@code byte[]} in a binary column. Compared, copied and printed by content (base64), never by
   * identity: the record and its dirty-tracking snapshot never share one array.
   */
  BYTES(Types.VARBINARY, byte[].class, Property.Kind.VALUE, text -> Base64.getDecoder().decode(text),
      (ps, i, v) -> ps.setBytes(i, (byte[]) v)) {
    @Override Object toJdbc(Object v) {
      return v;
    }
    @Override boolean same(Object a, Object b) {
      return Arrays.equals((byte[]) a, (byte[]) b);
    }
    @Override Object copy(Object v) {
      return ((byte[]) v).clone();
    }
    @Override String text(Object v) {
      return Base64.getEncoder().encodeToString((byte[]) v);
    }
  },
  /** Collections, maps, records and POJOs, held in a field's value array as canonical JSON text. */
  JSON(Types.VARCHAR, Object.class, Property.Kind.JSON, null,
      (ps, i, v) -> ps.setString(i, (String) v)) {
    @Override String text(Object v) {
      // An array field (int[], String[]) prints its elements, not [I@1b6d3586.
      return v.getClass().isArray() ? Arrays.deepToString(new Object[] {v}).replaceAll("^\\[|\\]$", "") : v.toString();
    }
  };

  /** Binds a non-null stored-form value to a parameter by index: the JDBC setter of one column type. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps, int index, Object value) throws SQLException;
  }

  private static final Map<String, ColumnType> BY_JAVA_TYPE = new HashMap<>();

  static {
    for (ColumnType t : values()) {
      if (t != ENUM && t != JSON) {
        BY_JAVA_TYPE.put(t.javaType.getCanonicalName(), t);
      }
    }
  }

  private final int sqlType;
  private final Class<?> javaType;
  private final Property.Kind operators;
  private final Function<String, ?> parser;
  private final Binder binder;

  /** A type stored as its ISO text, or one that JDBC carries as itself (UUID, dates, times); see {@link #sharedBinder}. */
  ColumnType(int sqlType, Class<?> javaType, Property.Kind operators, Function<String, ?> parser) {
    this(sqlType, javaType, operators, parser, null);
  }

  /**
   * A type with its own JDBC setter; {@code null} takes the shared one. {@code parser} is {@code null} for a
   * type without a text form to read back (enums read theirs through the field, numbers bind natively).
   */
  ColumnType(int sqlType, Class<?> javaType, Property.Kind operators, Function<String, ?> parser, Binder binder) {
    this.sqlType = sqlType;
    this.javaType = javaType;
    this.operators = operators;
    this.parser = parser;
    this.binder = binder != null ? binder : sharedBinder();
  }

  /**
   * Text-stored types bind their ISO text, and the types JDBC carries as themselves their {@link #toJdbc}
   * form (through this constant's {@link #text} and {@code toJdbc}, which its body may override).
   */
  private Binder sharedBinder() {
    if (sqlType == Types.VARCHAR) {
      return (ps, i, v) -> ps.setString(i, text(v));
    }
    return (ps, i, v) -> ps.setObject(i, toJdbc(v));
  }

  /**
   * The column type of a field declared with this (boxed, canonical) Java type name, e.g.
   * {@code "java.time.ZonedDateTime"} or {@code "byte[]"}; {@code null} when the type has no column of
   * its own (enums, JSON, or a type Pocketto does not store).
   */
  public static ColumnType forJavaType(String canonicalName) {
    return BY_JAVA_TYPE.get(canonicalName);
  }

  /** The boxed Java type a field of this type holds ({@code Enum} and {@code Object} for enums and JSON). */
  public Class<?> javaType() {
    return javaType;
  }

  /** The query operators a field of this type offers: which {@link Property} class describes it. */
  public Property.Kind operators() {
    return operators;
  }

  /** Binds {@code value} (already in stored form) to parameter {@code index}, or SQL NULL for {@code null}. */
  public final void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    if (value == null) {
      ps.setNull(index, sqlType);
    } else {
      binder.bind(ps, index, value);
    }
  }

  /**
   * Reads the stored form of column {@code index}; {@code null} for SQL NULL. Text-stored types parse their
   * ISO text back, and the types JDBC carries as themselves read their class. One switch rather than a getter
   * function per constant: the columns of a row have many types, and calling another constant's function
   * for each column cost about 3% of a ten-row page on H2 (an interface call at a site with many targets).
   */
  public final Object read(ResultSet rs, int index) throws SQLException {
    return switch (this) {
      case STRING, ENUM, JSON -> rs.getString(index);
      case CHAR -> {
        String s = rs.getString(index);
        yield s == null || s.isEmpty() ? null : s.charAt(0);
      }
      case BOOLEAN -> orNull(rs, rs.getBoolean(index));
      case BYTE -> orNull(rs, (byte) rs.getShort(index));
      case SHORT -> orNull(rs, rs.getShort(index));
      case INT -> orNull(rs, rs.getInt(index));
      case LONG -> orNull(rs, rs.getLong(index));
      case FLOAT -> orNull(rs, rs.getFloat(index));
      case DOUBLE -> orNull(rs, rs.getDouble(index));
      case DECIMAL -> {
        BigDecimal d = rs.getBigDecimal(index);
        // A value stored before decimals kept their scale (H2's DECFLOAT) reads 360 as 3.6E+2; give it
        // back in plain notation.
        yield d != null && d.scale() < 0 ? d.setScale(0) : d;
      }
      case BIG_INTEGER -> {
        BigDecimal d = rs.getBigDecimal(index);
        yield d == null ? null : d.toBigIntegerExact();
      }
      case INSTANT -> {
        OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
        yield t == null ? null : t.toInstant();
      }
      case DURATION -> {
        BigDecimal seconds = rs.getBigDecimal(index);
        if (seconds == null) {
          yield null;
        }
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        yield Duration.ofSeconds(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).intValueExact());
      }
      case YEAR -> {
        int n = rs.getInt(index);
        yield rs.wasNull() ? null : Year.of(n);
      }
      case YEAR_MONTH -> {
        LocalDate d = rs.getObject(index, LocalDate.class);
        yield d == null ? null : YearMonth.from(d);
      }
      case BYTES -> rs.getBytes(index);
      case UUID, LOCAL_DATE, LOCAL_DATE_TIME, LOCAL_TIME -> rs.getObject(index, javaType);
      case ZONED_DATE_TIME, OFFSET_DATE_TIME, OFFSET_TIME, PERIOD, MONTH_DAY, ZONE_ID, ZONE_OFFSET, URI, CURRENCY -> {
        String s = rs.getString(index);
        yield s == null ? null : parse(s);
      }
    };
  }

  /** The value a primitive field of this type takes when its column is NULL (a column added by migration). */
  public Object primitiveDefault() {
    return switch (this) {
      case BOOLEAN -> Boolean.FALSE;
      case BYTE -> (byte) 0;
      case SHORT -> (short) 0;
      case INT -> 0;
      case LONG -> 0L;
      case FLOAT -> 0f;
      case DOUBLE -> 0d;
      case CHAR -> '\0';
      default -> throw new IllegalStateException(this + " has no primitive form");
    };
  }

  /** {@code value}, or {@code null} if the column just read was SQL NULL, which a primitive getter reads as 0. */
  private static Object orNull(ResultSet rs, Object value) throws SQLException {
    return rs.wasNull() ? null : value;
  }

  /** A duration as its stored form, seconds with nine fraction digits. */
  private static BigDecimal seconds(Duration d) {
    return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
  }

  /** A non-null value as JDBC binds it, e.g. as an element of an {@code IN} array. */
  Object toJdbc(Object value) {
    return sqlType == Types.VARCHAR ? text(value) : value;
  }

  /**
   * Writes a non-null value of the canonical body that revisions hash: numbers and booleans as JSON
   * numbers and booleans, JSON fields as their canonical JSON, every other type as its text.
   */
  void writeCanonical(JsonGenerator g, Object value) throws IOException {
    switch (this) {
      case BOOLEAN -> g.writeBoolean((Boolean) value);
      case BYTE, SHORT, INT, LONG -> g.writeNumber(((Number) value).longValue());
      case FLOAT, DOUBLE -> writeFloatingPoint(g, ((Number) value).doubleValue(), value.toString());
      case DECIMAL -> g.writeNumber(((BigDecimal) value).stripTrailingZeros().toString());
      case BIG_INTEGER -> g.writeNumber((BigInteger) value);
      case JSON -> g.writeRawValue((String) value);
      default -> g.writeString(text(value));
    }
  }

  /** Whether two non-null stored-form values mean the same, for dirty tracking and conflict merging. */
  boolean same(Object a, Object b) {
    return a.equals(b);
  }

  /** A copy that shares no mutable state with {@code value}; values are immutable except arrays. */
  Object copy(Object value) {
    return value;
  }

  /**
   * A value read from its {@linkplain #text text form}, or {@code null} if this type has none.
   *
   * @throws RuntimeException (a {@code DateTimeException}, {@code NumberFormatException}, ...) for malformed text
   */
  Object parse(String text) {
    return parser == null ? null : parser.apply(text);
  }

  /**
   * The text of a non-null value: its column content for text-stored types, and what {@code toString()} shows.
   * A zone's {@code toString()} is its id and a currency's its ISO code, so they need no override.
   */
  String text(Object value) {
    return value.toString();
  }

  /** Whether two stored-form values of this type mean the same; either may be null. */
  public final boolean sameValue(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    return same(a, b);
  }

  /** A value for {@code toString()}: arrays by content rather than {@code [B@1b6d3586}. */
  public final String display(Object value) {
    return value == null ? "null" : text(value);
  }

  private static void writeFloatingPoint(JsonGenerator g, double d, String text) throws IOException {
    if (d == 0) {
      // -0.0 hashes as 0.0: H2 stores it as 0.0, and the stored row must still match its revision.
      g.writeNumber("0.0");
    } else if (Double.isFinite(d)) {
      g.writeNumber(text);
    } else {
      g.writeString(Double.toString(d));
    }
  }

  /** Checks a value's Java type against this column type; for values handed in from outside (patches). */
  boolean holds(Object value) {
    return javaType.isInstance(value);
  }
}
