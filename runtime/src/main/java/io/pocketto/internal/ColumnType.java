package io.pocketto.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * How one field is stored: its JDBC binding and reading, by column index. Generated code names the
 * constant for each field; the {@link Dialect} names the SQL type. Enums are stored by name, and
 * everything that is not a scalar as JSON text.
 */
public enum ColumnType {
  STRING(Types.VARCHAR) {
    @Override void bindValue(PreparedStatement ps, int i, Object v) throws SQLException {
      ps.setString(i, (String) v);
    }
    @Override Object readValue(ResultSet rs, int i) throws SQLException {
      return rs.getString(i);
    }
  },
  /** An enum stored by {@link Enum#name()}; the field's {@link FieldSpec#enumType()} reads it back. */
  ENUM(Types.VARCHAR) {
    @Override void bindValue(PreparedStatement ps, int i, Object v) throws SQLException {
      ps.setString(i, ((Enum<?>) v).name());
    }
    @Override Object readValue(ResultSet rs, int i) throws SQLException {
      return rs.getString(i);
    }
  },
  CHAR(Types.CHAR) {
    @Override void bindValue(PreparedStatement ps, int i, Object v) throws SQLException {
      ps.setString(i, String.valueOf((char) (Character) v));
    }
    @Override Object readValue(ResultSet rs, int i) throws SQLException {
      String s = rs.getString(i);
      return s == null || s.isEmpty() ? null : s.charAt(0);
    }
  },
  BOOLEAN(Types.BOOLEAN) {
    @Override void bindValue(PreparedStatement ps, int i, Object v) throws SQLException {
      ps.setBoolean(i, (Boolean) v);
    }
    @Override Object readValue(ResultSet rs, int i) throws SQLException {
      boolean b = rs.getBoolean(i);
      return rs.wasNull() ? null : b;
    }
  },
  BYTE(Types.SMALLINT) {
    @Override void bindValue(PreparedStatement ps, int i, Object v) throws SQLException {
      ps.setShort(i, (Byte) v);
    }
    @Override Object readValue(ResultSet rs, int i) throws SQLException {
      short s = rs.getShort(i);
      return rs.wasNull() ? null : (byte) s;
    }
  },
  SHORT(Types.SMALLINT) {
    @Override void bindValue(PreparedStatement ps, int i, Object v) throws SQLException {
      ps.setShort(i, (Short) v);
    }
    @Override Object readValue(ResultSet rs, int i) throws SQLException {
      short s = rs.getShort(i);
      return rs.wasNull() ? null : s;
    }
  },
  INT(Types.INTEGER) {
    @Override void bindValue(PreparedStatement ps, int i, Object v) throws SQLException {
      ps.setInt(i, (Integer) v);
    }
    @Override Object readValue(ResultSet rs, int i) throws SQLException {
      int n = rs.getInt(i);
      return rs.wasNull() ? null : n;
    }
  },
  LONG(Types.BIGINT) {
    @Override void bindValue(PreparedStatement ps, int i, Object v) throws SQLException {
      ps.setLong(i, (Long) v);
    }
    @Override Object readValue(ResultSet rs, int i) throws SQLException {
      long n = rs.getLong(i);
      return rs.wasNull() ? null : n;
    }
  },
  FLOAT(Types.REAL) {
    @Override void bindValue(PreparedStatement ps, int i, Object v) throws SQLException {
      ps.setFloat(i, (Float) v);
    }
    @Override Object readValue(ResultSet rs, int i) throws SQLException {
      float n = rs.getFloat(i);
      return rs.wasNull() ? null : n;
    }
  },
  DOUBLE(Types.DOUBLE) {
    @Override void bindValue(PreparedStatement ps, int i, Object v) throws SQLException {
      ps.setDouble(i, (Double) v);
    }
    @Override Object readValue(ResultSet rs, int i) throws SQLException {
      double n = rs.getDouble(i);
      return rs.wasNull() ? null : n;
    }
  },
  DECIMAL(Types.NUMERIC) {
    @Override void bindValue(PreparedStatement ps, int i, Object v) throws SQLException {
      ps.setBigDecimal(i, (BigDecimal) v);
    }
    @Override Object readValue(ResultSet rs, int i) throws SQLException {
      BigDecimal d = rs.getBigDecimal(i);
      // Databases that normalise decimals return 360 as 3.6E+2; give it back in plain notation.
      return d != null && d.scale() < 0 ? d.setScale(0) : d;
    }
  },
  UUID(Types.OTHER) {
    @Override void bindValue(PreparedStatement ps, int i, Object v) throws SQLException {
      ps.setObject(i, v);
    }
    @Override Object readValue(ResultSet rs, int i) throws SQLException {
      return rs.getObject(i, java.util.UUID.class);
    }
  },
  INSTANT(Types.TIMESTAMP_WITH_TIMEZONE) {
    @Override void bindValue(PreparedStatement ps, int i, Object v) throws SQLException {
      ps.setObject(i, OffsetDateTime.ofInstant((Instant) v, ZoneOffset.UTC));
    }
    @Override Object readValue(ResultSet rs, int i) throws SQLException {
      OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
      return t == null ? null : t.toInstant();
    }
  },
  LOCAL_DATE(Types.DATE) {
    @Override void bindValue(PreparedStatement ps, int i, Object v) throws SQLException {
      ps.setObject(i, v);
    }
    @Override Object readValue(ResultSet rs, int i) throws SQLException {
      return rs.getObject(i, LocalDate.class);
    }
  },
  LOCAL_DATE_TIME(Types.TIMESTAMP) {
    @Override void bindValue(PreparedStatement ps, int i, Object v) throws SQLException {
      ps.setObject(i, v);
    }
    @Override Object readValue(ResultSet rs, int i) throws SQLException {
      return rs.getObject(i, LocalDateTime.class);
    }
  },
  /** Collections, maps, records and POJOs, held in a field's value array as canonical JSON text. */
  JSON(Types.VARCHAR) {
    @Override void bindValue(PreparedStatement ps, int i, Object v) throws SQLException {
      ps.setString(i, (String) v);
    }
    @Override Object readValue(ResultSet rs, int i) throws SQLException {
      return rs.getString(i);
    }
  };

  private final int sqlType;

  ColumnType(int sqlType) {
    this.sqlType = sqlType;
  }

  /** Binds {@code value} (already in stored form) to parameter {@code index}, or SQL NULL for {@code null}. */
  public final void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    if (value == null) {
      ps.setNull(index, sqlType);
    } else {
      bindValue(ps, index, value);
    }
  }

  /** Reads the stored form of column {@code index}; {@code null} for SQL NULL. */
  public final Object read(ResultSet rs, int index) throws SQLException {
    return readValue(rs, index);
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

  abstract void bindValue(PreparedStatement ps, int index, Object value) throws SQLException;

  abstract Object readValue(ResultSet rs, int index) throws SQLException;
}
