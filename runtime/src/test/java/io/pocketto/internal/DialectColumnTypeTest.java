package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The SQL type names each dialect gives a column type, where the JDBC driver reads them. */
class DialectColumnTypeTest {

  @Test
  void postgresNamesEveryArrayElementTypeByTheDriversInternalName() {
    Dialect postgres = new PostgresDialect();
    assertThat(Arrays.stream(ColumnType.values()).map(t -> t + "=" + postgres.arrayElementType(t)).toList())
        .containsExactly("STRING=text", "ENUM=text", "CHAR=bpchar", "BOOLEAN=bool", "BYTE=int2", "SHORT=int2",
            "INT=int4", "LONG=int8", "FLOAT=float4", "DOUBLE=float8", "DECIMAL=numeric", "BIG_INTEGER=numeric",
            "UUID=uuid", "INSTANT=timestamptz", "LOCAL_DATE=date", "LOCAL_DATE_TIME=timestamp", "LOCAL_TIME=time",
            "ZONED_DATE_TIME=text", "OFFSET_DATE_TIME=text", "OFFSET_TIME=text", "DURATION=numeric", "PERIOD=text",
            "YEAR=int4", "YEAR_MONTH=date", "MONTH_DAY=text", "ZONE_ID=text", "ZONE_OFFSET=text", "URI=text",
            "CURRENCY=text", "BYTES=bytea", "JSON=jsonb");
  }

  @Test
  void h2ComparesAListOfDecimalsWithItsTextColumnAsDecfloatAndNamesOtherElementsByTheirColumnType() {
    Dialect h2 = new H2Dialect();
    assertThat(h2.arrayElementType(ColumnType.DECIMAL)).isEqualTo("DECFLOAT");
    assertThat(h2.arrayElementType(ColumnType.INT)).isEqualTo("INTEGER");
    assertThat(h2.arrayElementType(ColumnType.STRING)).isEqualTo("CHARACTER VARYING");
  }
}
