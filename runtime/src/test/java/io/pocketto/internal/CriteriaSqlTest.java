package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.internal.CriteriaSql.Match;
import io.pocketto.internal.CriteriaSql.Sort;
import io.pocketto.query.QueryInternals.Operator;
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
    assertThat(CriteriaSql.render(Operator.EQ, sql, c, false)).isEqualTo("\"c\" = ?");
    assertThat(CriteriaSql.render(Operator.GT, sql, c, false)).isEqualTo("\"c\" > ?");
    assertThat(CriteriaSql.render(Operator.GTE, sql, c, false)).isEqualTo("\"c\" >= ?");
    assertThat(CriteriaSql.render(Operator.LT, sql, c, false)).isEqualTo("\"c\" < ?");
    assertThat(CriteriaSql.render(Operator.LTE, sql, c, false)).isEqualTo("\"c\" <= ?");
    assertThat(CriteriaSql.render(Operator.BETWEEN, sql, c, false)).isEqualTo("\"c\" BETWEEN ? AND ?");
    assertThat(CriteriaSql.render(Operator.IN, sql, c, false)).isEqualTo("\"c\" = ANY(?)");
    assertThat(CriteriaSql.render(Operator.LIKE, sql, c, false)).isEqualTo("\"c\" LIKE ? ESCAPE '\\'");
  }

  @Test
  void negationsAlsoMatchANullColumn() {
    assertThat(CriteriaSql.render(Operator.NE, sql, c, false)).isEqualTo("(\"c\" <> ? OR \"c\" IS NULL)");
    assertThat(CriteriaSql.render(Operator.NOT_IN, sql, c, false)).isEqualTo("(NOT (\"c\" = ANY(?)) OR \"c\" IS NULL)");
    assertThat(CriteriaSql.render(Operator.NOT_LIKE, sql, c, false))
        .isEqualTo("(NOT (\"c\" LIKE ? ESCAPE '\\') OR \"c\" IS NULL)");
  }

  @Test
  void nullAndTruthTestsTakeNoParameter() {
    assertThat(CriteriaSql.render(Operator.IS_NULL, sql, c, false)).isEqualTo("\"c\" IS NULL");
    assertThat(CriteriaSql.render(Operator.IS_NOT_NULL, sql, c, false)).isEqualTo("\"c\" IS NOT NULL");
    assertThat(CriteriaSql.render(Operator.TRUE, sql, c, false)).isEqualTo("\"c\" = TRUE");
    assertThat(CriteriaSql.render(Operator.FALSE, sql, c, false)).isEqualTo("\"c\" = FALSE");
    for (Operator op : Operator.values()) {
      long marks = CriteriaSql.render(op, sql, c, false).chars().filter(ch -> ch == '?').count();
      assertThat(marks).as(op.name()).isEqualTo(op.operands());
    }
  }

  @Test
  void ignoringCaseLowersColumnAndValueButTheNullTestKeepsTheColumn() {
    assertThat(CriteriaSql.render(Operator.EQ, sql, c, true)).isEqualTo("LOWER(\"c\") = LOWER(?)");
    assertThat(CriteriaSql.render(Operator.NE, sql, c, true)).isEqualTo("(LOWER(\"c\") <> LOWER(?) OR \"c\" IS NULL)");
    assertThat(CriteriaSql.render(Operator.LIKE, sql, c, true)).isEqualTo("LOWER(\"c\") LIKE LOWER(?) ESCAPE '\\'");
    assertThat(CriteriaSql.render(Operator.NOT_LIKE, sql, c, true))
        .isEqualTo("(NOT (LOWER(\"c\") LIKE LOWER(?) ESCAPE '\\') OR \"c\" IS NULL)");
  }

  @Test
  void anOperatorWithoutACaseRefusesToIgnoreIt() {
    assertThatThrownBy(() -> CriteriaSql.render(Operator.GT, sql, c, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("GT cannot ignore case");
    assertThat(Operator.IN.ignoresCase()).isFalse();
  }

  @Test
  void textMatchesAreALikeOfTheirPatternAndCanIgnoreCase() {
    for (Operator op : List.of(Operator.STARTS_WITH, Operator.ENDS_WITH, Operator.CONTAINS)) {
      assertThat(CriteriaSql.render(op, sql, c, false)).as(op.name()).isEqualTo("\"c\" LIKE ? ESCAPE '\\'");
      assertThat(CriteriaSql.render(op, sql, c, true)).as(op.name())
          .isEqualTo("LOWER(\"c\") LIKE LOWER(?) ESCAPE '\\'");
    }
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
  void anIdKeyIsTheTieBreakerItselfWithNoNullOrderAndEndsTheOrder() {
    // The primary key's index serves "_id" DESC (scanned backward) but not "_id" DESC NULLS LAST on PostgreSQL.
    assertThat(CriteriaSql.orderBy(sql, List.of(new Sort("\"_id\"", true)))).isEqualTo(" ORDER BY \"_id\" DESC");
    assertThat(CriteriaSql.orderBy(sql, List.of(new Sort("\"_id\"", false)))).isEqualTo(" ORDER BY \"_id\" ASC");
    // No two documents share an id, so a key after it can change nothing.
    assertThat(CriteriaSql.orderBy(sql, List.of(new Sort("\"a\"", false), new Sort("\"_id\"", true),
        new Sort("\"b\"", false)))).isEqualTo(" ORDER BY \"a\" ASC NULLS FIRST, \"_id\" DESC");
  }

  @Test
  void theScopeTestKeepsLiveDocumentsOrTombstones() {
    assertThat(CriteriaSql.deleted(sql, false)).isEqualTo("\"_deleted\" = FALSE");
    assertThat(CriteriaSql.deleted(sql, true)).isEqualTo("\"_deleted\" = TRUE");
  }
}
