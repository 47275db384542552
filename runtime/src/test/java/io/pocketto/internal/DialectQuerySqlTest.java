package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The query pieces every dialect inherits, which the processor also writes into repositories. */
class DialectQuerySqlTest {
  private final Dialect h2 = new H2Dialect();

  @Test
  void escapeLikeMakesWildcardsAndTheEscapeLiteral() {
    assertThat(h2.escapeLike("50%_off\\now")).isEqualTo("50\\%\\_off\\\\now");
    assertThat(h2.escapeLike("plain")).isEqualTo("plain");
  }

  @Test
  void likeEscapeNamesTheBackslash() {
    assertThat(h2.likeEscape()).isEqualTo(" ESCAPE '\\'");
  }

  @Test
  void windowUsesStandardOffsetAndFetch() {
    assertThat(h2.window(true, true)).isEqualTo("OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
    assertThat(h2.window(true, false)).isEqualTo("OFFSET ? ROWS");
    assertThat(h2.window(false, true)).isEqualTo("FETCH FIRST ? ROWS ONLY");
    assertThat(h2.window(false, false)).isEmpty();
  }

  @Test
  void onlyPostgresWritesAQuerysRowLimitIntoTheStatement() {
    assertThat(new PostgresDialect().writesRowLimit()).as("so that one plan, made knowing the limit, is kept").isTrue();
    assertThat(h2.writesRowLimit()).isFalse();
  }

  @Test
  void h2RunsThePortableSqlOfRepositoriesUnchanged() {
    String portable = "SELECT 1 FROM \"t\" WHERE LOWER(\"c\") LIKE LOWER(?) ESCAPE '\\' OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    assertThat(h2.nativeSql(portable)).isSameAs(portable);
  }

  @Test
  void indexColumnsSortNullsFirstOnEveryDialectSoOneIndexServesBothDirections() {
    assertThat(h2.indexColumn("\"issued_on\"")).isEqualTo("\"issued_on\" NULLS FIRST");
    assertThat(new PostgresDialect().indexColumn("\"issued_on\"")).isEqualTo("\"issued_on\" NULLS FIRST");
  }

  @Test
  void aBareDecimalIsComparedByValueWhereItsColumnMayHoldTextAndEveryOtherFieldByItsColumn() {
    assertThat(h2.valueExpression(ColumnType.DECIMAL, 0, "\"fee\"")).isEqualTo("CAST(\"fee\" AS DECFLOAT)");
    assertThat(SqlSyntax.STANDARD.valueExpression(ColumnType.DECIMAL, 0, "\"fee\"")).isEqualTo("CAST(\"fee\" AS DECFLOAT)");
    assertThat(h2.valueExpression(ColumnType.DECIMAL, 12, "\"amount\"")).as("@Decimal: NUMERIC").isEqualTo("\"amount\"");
    assertThat(h2.valueExpression(ColumnType.STRING, 0, "\"customer\"")).isEqualTo("\"customer\"");
    assertThat(h2.valueExpression(FieldSpec.scalar("fee", "fee", ColumnType.DECIMAL, false), "\"fee\""))
        .isEqualTo("CAST(\"fee\" AS DECFLOAT)");
    assertThat(new PostgresDialect().valueExpression(ColumnType.DECIMAL, 0, "\"fee\"")).as("numeric").isEqualTo("\"fee\"");
  }

  @Test
  void explainPrefixesTheStatement() {
    assertThat(h2.explain("SELECT 1")).isEqualTo("EXPLAIN SELECT 1");
    assertThat(new PostgresDialect().explain("SELECT 1")).isEqualTo("EXPLAIN SELECT 1");
  }

  @Test
  void h2FileDatabasesSortAQuarterOfTheHeapInMemoryAndKeepAGivenLimit() {
    assertThat(H2Dialect.maxMemoryRows(4L << 30)).isEqualTo(1_000_000);
    assertThat(H2Dialect.maxMemoryRows(512L << 20)).isEqualTo(125_000);
    assertThat(H2Dialect.maxMemoryRows(64L << 20)).isEqualTo(40_000);
    assertThat(h2.prepareUrl("jdbc:h2:file:/tmp/x")).contains(";MAX_MEMORY_ROWS=");
    assertThat(h2.prepareUrl("jdbc:h2:file:/tmp/x;MAX_MEMORY_ROWS=7")).contains("MAX_MEMORY_ROWS=7")
        .doesNotContain("MAX_MEMORY_ROWS=7;MAX_MEMORY_ROWS");
    assertThat(h2.prepareUrl("jdbc:h2:mem:x")).doesNotContain("MAX_MEMORY_ROWS");
  }

  @Test
  void h2FileDatabasesCacheAQuarterOfTheHeapAndKeepAGivenCacheSize() {
    assertThat(H2Dialect.cacheKib(4L << 30)).isEqualTo(1024 * 1024);
    assertThat(H2Dialect.cacheKib(512L << 20)).isEqualTo(128 * 1024);
    assertThat(H2Dialect.cacheKib(32L << 20)).isEqualTo(16 * 1024);
    assertThat(h2.prepareUrl("jdbc:h2:file:/tmp/x")).contains(";CACHE_SIZE=");
    assertThat(h2.prepareUrl("jdbc:h2:file:/tmp/x;cache_size=7")).contains("cache_size=7")
        .doesNotContain(";CACHE_SIZE=");
    assertThat(h2.prepareUrl("jdbc:h2:file:/tmp/x;QUERY_CACHE_SIZE=7")).contains(";CACHE_SIZE=");
    assertThat(h2.prepareUrl("jdbc:h2:mem:x")).doesNotContain("CACHE_SIZE");
  }
}
