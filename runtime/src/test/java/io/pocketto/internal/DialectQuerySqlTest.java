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
  void h2RunsThePortableSqlOfRepositoriesUnchanged() {
    String portable = "SELECT 1 FROM \"t\" WHERE LOWER(\"c\") LIKE LOWER(?) ESCAPE '\\' OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    assertThat(h2.nativeSql(portable)).isSameAs(portable);
  }
}
