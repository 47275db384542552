package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.internal.CriteriaSql.Match;
import io.pocketto.internal.CriteriaSql.Operator;
import io.pocketto.internal.CriteriaSql.Sort;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one renderer of criteria and of the SELECT around them, which the processor's repositories and the
 * runtime's typed queries both write through.
 */
class CriteriaSqlTest {
  private final SqlSyntax sql = SqlSyntax.STANDARD;
  private final String c = "\"c\"";

  @Test
  void comparisonsWithAValueAreThePlainSqlOperators() {
    assertThat(Operator.EQ.render(sql, c, false)).isEqualTo("\"c\" = ?");
    assertThat(Operator.GT.render(sql, c, false)).isEqualTo("\"c\" > ?");
    assertThat(Operator.GTE.render(sql, c, false)).isEqualTo("\"c\" >= ?");
    assertThat(Operator.LT.render(sql, c, false)).isEqualTo("\"c\" < ?");
    assertThat(Operator.LTE.render(sql, c, false)).isEqualTo("\"c\" <= ?");
    assertThat(Operator.BETWEEN.render(sql, c, false)).isEqualTo("\"c\" BETWEEN ? AND ?");
    assertThat(Operator.IN.render(sql, c, false)).isEqualTo("\"c\" = ANY(?)");
    assertThat(Operator.LIKE.render(sql, c, false)).isEqualTo("\"c\" LIKE ? ESCAPE '\\'");
  }

  @Test
  void negationsAlsoMatchANullColumn() {
    assertThat(Operator.NE.render(sql, c, false)).isEqualTo("(\"c\" <> ? OR \"c\" IS NULL)");
    assertThat(Operator.NOT_IN.render(sql, c, false)).isEqualTo("(NOT (\"c\" = ANY(?)) OR \"c\" IS NULL)");
    assertThat(Operator.NOT_LIKE.render(sql, c, false)).isEqualTo("(NOT (\"c\" LIKE ? ESCAPE '\\') OR \"c\" IS NULL)");
  }

  @Test
  void nullAndTruthTestsTakeNoParameter() {
    assertThat(Operator.IS_NULL.render(sql, c, false)).isEqualTo("\"c\" IS NULL");
    assertThat(Operator.IS_NOT_NULL.render(sql, c, false)).isEqualTo("\"c\" IS NOT NULL");
    assertThat(Operator.TRUE.render(sql, c, false)).isEqualTo("\"c\" = TRUE");
    assertThat(Operator.FALSE.render(sql, c, false)).isEqualTo("\"c\" = FALSE");
    for (Operator op : Operator.values()) {
      long marks = op.render(sql, c, false).chars().filter(ch -> ch == '?').count();
      assertThat(marks).as(op.name()).isEqualTo(op.parameters());
    }
  }

  @Test
  void ignoringCaseLowersColumnAndValueButTheNullTestKeepsTheColumn() {
    assertThat(Operator.EQ.render(sql, c, true)).isEqualTo("LOWER(\"c\") = LOWER(?)");
    assertThat(Operator.NE.render(sql, c, true)).isEqualTo("(LOWER(\"c\") <> LOWER(?) OR \"c\" IS NULL)");
    assertThat(Operator.LIKE.render(sql, c, true)).isEqualTo("LOWER(\"c\") LIKE LOWER(?) ESCAPE '\\'");
    assertThat(Operator.NOT_LIKE.render(sql, c, true))
        .isEqualTo("(NOT (LOWER(\"c\") LIKE LOWER(?) ESCAPE '\\') OR \"c\" IS NULL)");
  }

  @Test
  void anOperatorWithoutACaseRefusesToIgnoreIt() {
    assertThatThrownBy(() -> Operator.GT.render(sql, c, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("GT cannot ignore case");
    assertThat(Operator.IN.ignoresCase()).isFalse();
  }

  @Test
  void matchesEscapeTheTextAndPlaceTheWildcard() {
    assertThat(Match.STARTING_WITH.pattern(sql, "50%_off")).isEqualTo("50\\%\\_off%");
    assertThat(Match.ENDING_WITH.pattern(sql, "a\\b")).isEqualTo("%a\\\\b");
    assertThat(Match.CONTAINING.pattern(sql, "x")).isEqualTo("%x%");
  }

  @Test
  void theSelectListPutsTheFieldsBetweenTheHeadAndTheTimestamps() {
    assertThat(CriteriaSql.selectColumns(sql, List.of("total", "issued_on"))).isEqualTo(
        "\"_id\", \"_rev\", \"_deleted\", \"_writer\", \"total\", \"issued_on\", \"_created_at\", \"_updated_at\"");
  }

  @Test
  void theIdBreaksTiesInTheDirectionOfTheLastKey() {
    assertThat(CriteriaSql.orderBy(sql, List.of())).isEqualTo(" ORDER BY \"_id\" ASC");
    assertThat(CriteriaSql.orderBy(sql, List.of(new Sort("\"a\"", false), new Sort("\"b\"", true))))
        .isEqualTo(" ORDER BY \"a\" ASC NULLS FIRST, \"b\" DESC NULLS LAST, \"_id\" DESC");
    assertThat(CriteriaSql.orderBy(sql, List.of(new Sort("\"a\"", true), new Sort("\"b\"", false))))
        .isEqualTo(" ORDER BY \"a\" DESC NULLS LAST, \"b\" ASC NULLS FIRST, \"_id\" ASC");
  }

  @Test
  void theScopeTestKeepsLiveDocumentsOrTombstones() {
    assertThat(CriteriaSql.deleted(sql, false)).isEqualTo("\"_deleted\" = FALSE");
    assertThat(CriteriaSql.deleted(sql, true)).isEqualTo("\"_deleted\" = TRUE");
  }
}
