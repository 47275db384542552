package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The standard spelling of query pieces, which the processor writes repositories in and which both
 * dialects inherit for typed queries.
 */
class SqlSyntaxTest {
  private final SqlSyntax standard = SqlSyntax.STANDARD;

  @Test
  void notEqualAlsoMatchesANullColumn() {
    assertThat(standard.notEqual("\"c\"", "?", "\"c\"")).isEqualTo("(\"c\" <> ? OR \"c\" IS NULL)");
    assertThat(standard.notEqual("LOWER(\"c\")", "LOWER(?)", "\"c\""))
        .isEqualTo("(LOWER(\"c\") <> LOWER(?) OR \"c\" IS NULL)");
  }

  @Test
  void notInIsTheNegatedArrayTestOrANullColumn() {
    assertThat(standard.notIn("\"c\"")).isEqualTo("(NOT (\"c\" = ANY(?)) OR \"c\" IS NULL)");
  }

  @Test
  void notLikeKeepsTheEscapeAndAlsoMatchesANullColumn() {
    assertThat(standard.notLike("\"c\"", "?", "\"c\"")).isEqualTo("(NOT (\"c\" LIKE ? ESCAPE '\\') OR \"c\" IS NULL)");
  }

  @Test
  void orderKeysSortNullsAsTheSmallestValue() {
    assertThat(standard.orderKey("\"c\"", false)).isEqualTo("\"c\" ASC NULLS FIRST");
    assertThat(standard.orderKey("\"c\"", true)).isEqualTo("\"c\" DESC NULLS LAST");
  }

  @Test
  void fetchFirstWritesAFixedRowCount() {
    assertThat(standard.fetchFirst(2)).isEqualTo("FETCH FIRST 2 ROWS ONLY");
  }

  @Test
  void aWindowOfRowsWritesTheCountAndKeepsThePlaceholderOfTheOffset() {
    assertThat(standard.windowOfRows(false, 20)).isEqualTo("FETCH FIRST 20 ROWS ONLY");
    assertThat(standard.windowOfRows(true, 21)).isEqualTo("OFFSET ? ROWS FETCH NEXT 21 ROWS ONLY");
  }

  @Test
  void aDecimalSortsByValueAsDecfloatOnH2AndAsNumericInPostgresRepositorySql() {
    assertThat(standard.decimalByValue("\"total\"")).isEqualTo("CAST(\"total\" AS DECFLOAT)");
    String portable = "SELECT 1 FROM \"t\" ORDER BY " + standard.orderKey(standard.decimalByValue("\"total\""), false);
    assertThat(new H2Dialect().nativeSql(portable)).isEqualTo(portable);
    assertThat(new PostgresDialect().nativeSql(portable))
        .isEqualTo("SELECT 1 FROM \"t\" ORDER BY CAST(\"total\" AS numeric) ASC NULLS FIRST");
  }

  @Test
  void bothDialectsSpellEveryOtherQueryPieceTheStandardWay() {
    for (Dialect dialect : new Dialect[] {new H2Dialect(), new PostgresDialect()}) {
      assertThat(dialect.notEqual("\"c\"", "?", "\"c\"")).isEqualTo(standard.notEqual("\"c\"", "?", "\"c\""));
      assertThat(dialect.notIn("\"c\"")).isEqualTo(standard.notIn("\"c\""));
      assertThat(dialect.orderKey("\"c\"", true)).isEqualTo(standard.orderKey("\"c\"", true));
      assertThat(dialect.window(true, true)).isEqualTo(standard.window(true, true));
      assertThat(dialect.fetchFirst(1)).isEqualTo(standard.fetchFirst(1));
      assertThat(dialect.lowerCase("\"c\"")).isEqualTo(standard.lowerCase("\"c\""));
      assertThat(dialect.likeEscape()).isEqualTo(standard.likeEscape());
    }
  }
}
