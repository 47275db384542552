package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SQL type names each dialect gives a column type, where the JDBC driver reads them. */
class DialectColumnTypeTest {

  @Test
  void postgresNamesEveryArrayElementTypeByTheDriversInternalName() {
    Map<ColumnType, String> expected = new EnumMap<>(ColumnType.class);
    for (ColumnType type : ColumnType.values()) {
      expected.put(type, "text");
    }
    expected.put(ColumnType.CHAR, "bpchar");
    expected.put(ColumnType.BOOLEAN, "bool");
    expected.put(ColumnType.BYTE, "int2");
    expected.put(ColumnType.SHORT, "int2");
    expected.put(ColumnType.INT, "int4");
    expected.put(ColumnType.YEAR, "int4");
    expected.put(ColumnType.LONG, "int8");
    expected.put(ColumnType.FLOAT, "float4");
    expected.put(ColumnType.DOUBLE, "float8");
    expected.put(ColumnType.DECIMAL, "numeric");
    expected.put(ColumnType.BIG_INTEGER, "numeric");
    expected.put(ColumnType.DURATION, "numeric");
    expected.put(ColumnType.UUID, "uuid");
    expected.put(ColumnType.INSTANT, "timestamptz");
    expected.put(ColumnType.LOCAL_DATE, "date");
    expected.put(ColumnType.YEAR_MONTH, "date");
    expected.put(ColumnType.LOCAL_DATE_TIME, "timestamp");
    expected.put(ColumnType.LOCAL_TIME, "time");
    expected.put(ColumnType.BYTES, "bytea");
    expected.put(ColumnType.JSON, "jsonb");

    Dialect postgres = new PostgresDialect();
    Map<ColumnType, String> actual = new EnumMap<>(ColumnType.class);
    for (ColumnType type : ColumnType.values()) {
      actual.put(type, postgres.arrayElementType(type));
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void h2ComparesAListOfDecimalsWithItsTextColumnAsDecfloatAndNamesOtherElementsByTheirColumnType() {
    Dialect h2 = new H2Dialect();
    assertThat(h2.arrayElementType(ColumnType.DECIMAL)).isEqualTo("DECFLOAT");
    assertThat(h2.arrayElementType(ColumnType.INT)).isEqualTo("INTEGER");
    assertThat(h2.arrayElementType(ColumnType.STRING)).isEqualTo("CHARACTER VARYING");
  }
}
