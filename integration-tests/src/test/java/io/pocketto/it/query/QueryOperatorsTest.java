package io.pocketto.it.query;

import io.pocketto.it.Backend;
import io.pocketto.it.BackendTest;

import static io.pocketto.it.query.Fixtures.ids;
import static io.pocketto.it.query.Fixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.it.query.InvoiceModel.Status;
import io.pocketto.query.Condition;
import io.pocketto.query.Query;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every operator of the typed query builder, against four invoices; "d" has null fields throughout. */
class QueryOperatorsTest extends BackendTest {
  private static final UUID REF_A = UUID.fromString("00000000-0000-7000-8000-00000000000a");

  @BeforeEach
  void seed() {
    saved(db, "a", i -> {
      i.setNumber("INV-001");
      i.setCustomer("ACME");
      i.setTotal(new BigDecimal("100"));
      i.setIssuedOn(LocalDate.of(2024, 1, 10));
      i.setStatus(Status.DRAFT);
      i.setQuantity(1);
      i.setReference(REF_A);
      i.setGrade('A');
      i.setTags(List.of("x"));
    });
    saved(db, "b", i -> {
      i.setNumber("INV-002");
      i.setCustomer("acme");
      i.setTotal(new BigDecimal("250.50"));
      i.setIssuedOn(LocalDate.of(2024, 2, 15));
      i.setStatus(Status.SENT);
      i.setQuantity(5);
      i.setPaid(true);
      i.setDueAt(Instant.parse("2024-03-01T00:00:00Z"));
      i.setGrade('B');
    });
    saved(db, "c", i -> {
      i.setNumber("INV-003");
      i.setCustomer("Globex");
      i.setTotal(new BigDecimal("250.5"));
      i.setIssuedOn(LocalDate.of(2024, 3, 20));
      i.setStatus(Status.PAID);
      i.setQuantity(10);
      i.setPaid(true);
      i.setDueAt(Instant.parse("2024-04-01T00:00:00Z"));
      i.setGrade('C');
    });
    saved(db, "d", i -> {
      i.setNumber("50%_off");
      i.setTags(null);
    });
  }

  private Query<Invoice> query() {
    return Invoice.in(db).query();
  }

  private List<String> where(Condition<Invoice> condition) {
    return ids(query().where(condition).list());
  }

  @Test
  void eqMatchesEqualValuesOnly() {
    assertThat(where(Invoice.CUSTOMER.eq("ACME"))).containsExactly("a");
  }

  @Test
  void eqComparesDecimalsByValue() {
    assertThat(where(Invoice.TOTAL.eq(new BigDecimal("250.5000")))).containsExactly("b", "c");
  }

  @Test
  void neMatchesDifferentValuesAndNulls() {
    assertThat(where(Invoice.CUSTOMER.ne("ACME"))).containsExactly("b", "c", "d");
  }

  @Test
  void gtAndGteCompareByValue() {
    assertThat(where(Invoice.TOTAL.gt(new BigDecimal("100")))).containsExactly("b", "c");
    assertThat(where(Invoice.TOTAL.gte(new BigDecimal("100")))).containsExactly("a", "b", "c");
  }

  @Test
  void ltAndLteCompareByValue() {
    assertThat(where(Invoice.TOTAL.lt(new BigDecimal("250.5")))).containsExactly("a");
    assertThat(where(Invoice.TOTAL.lte(new BigDecimal("250.5")))).containsExactly("a", "b", "c");
  }

  @Test
  void betweenIncludesBothBounds() {
    assertThat(where(Invoice.ISSUED_ON.between(LocalDate.of(2024, 1, 10), LocalDate.of(2024, 2, 15))))
        .containsExactly("a", "b");
  }

  @Test
  void betweenWithReversedBoundsMatchesNothing() {
    assertThat(where(Invoice.ISSUED_ON.between(LocalDate.of(2024, 12, 31), LocalDate.of(2024, 1, 1)))).isEmpty();
  }

  @Test
  void inMatchesAnyListedValue() {
    assertThat(where(Invoice.STATUS.in(Status.DRAFT, Status.PAID))).containsExactly("a", "c");
  }

  @Test
  void inWithNoValuesMatchesNothing() {
    assertThat(where(Invoice.STATUS.in(List.of()))).isEmpty();
  }

  @Test
  void notInMatchesOtherValuesAndNulls() {
    assertThat(where(Invoice.STATUS.notIn(Status.DRAFT))).containsExactly("b", "c", "d");
  }

  @Test
  void notInWithNoValuesMatchesEverything() {
    assertThat(where(Invoice.STATUS.notIn(List.of()))).containsExactly("a", "b", "c", "d");
  }

  @Test
  void likeUsesPercentAndUnderscoreWildcards() {
    assertThat(where(Invoice.NUMBER.like("INV-00_"))).containsExactly("a", "b", "c");
    assertThat(where(Invoice.NUMBER.like("%3"))).containsExactly("c");
  }

  @Test
  void likeTreatsBackslashEscapedWildcardsLiterally() {
    assertThat(where(Invoice.NUMBER.like("50\\%\\_%"))).containsExactly("d");
  }

  @Test
  void likeIgnoreCaseFoldsCase() {
    assertThat(where(Invoice.CUSTOMER.likeIgnoreCase("aC%"))).containsExactly("a", "b");
  }

  @Test
  void eqIgnoreCaseFoldsCase() {
    assertThat(where(Invoice.CUSTOMER.eqIgnoreCase("Acme"))).containsExactly("a", "b");
  }

  @Test
  void startsWithEndsWithAndContainsTakeTextLiterally() {
    assertThat(where(Invoice.NUMBER.startsWith("INV-00"))).containsExactly("a", "b", "c");
    assertThat(where(Invoice.NUMBER.startsWith("50%_"))).containsExactly("d");
    assertThat(where(Invoice.NUMBER.startsWith("5_"))).isEmpty();
    assertThat(where(Invoice.NUMBER.endsWith("-003"))).containsExactly("c");
    assertThat(where(Invoice.NUMBER.contains("%"))).containsExactly("d");
  }

  @Test
  void ignoreCaseVariantsOfTextMatchingFoldCase() {
    assertThat(where(Invoice.CUSTOMER.startsWithIgnoreCase("ac"))).containsExactly("a", "b");
    assertThat(where(Invoice.CUSTOMER.endsWithIgnoreCase("BEX"))).containsExactly("c");
    assertThat(where(Invoice.CUSTOMER.containsIgnoreCase("LOB"))).containsExactly("c");
  }

  @Test
  void isNullAndIsNotNullSplitTheDocuments() {
    assertThat(where(Invoice.DUE_AT.isNull())).containsExactly("a", "d");
    assertThat(where(Invoice.DUE_AT.isNotNull())).containsExactly("b", "c");
  }

  @Test
  void jsonFieldsCanBeTestedForNull() {
    assertThat(where(Invoice.TAGS.isNull())).containsExactly("d");
    assertThat(where(Invoice.TAGS.isNotNull())).containsExactly("a", "b", "c");
  }

  @Test
  void operatorsWorkOnEveryScalarType() {
    assertThat(where(Invoice.QUANTITY.gt(1))).containsExactly("b", "c");
    assertThat(where(Invoice.PAID.eq(true))).containsExactly("b", "c");
    assertThat(where(Invoice.REFERENCE.eq(REF_A))).containsExactly("a");
    assertThat(where(Invoice.REFERENCE.in(List.of(REF_A, UUID.randomUUID())))).containsExactly("a");
    assertThat(where(Invoice.GRADE.gte('B'))).containsExactly("b", "c");
    assertThat(where(Invoice.GRADE.in('A', 'C'))).containsExactly("a", "c");
    assertThat(where(Invoice.DUE_AT.lt(Instant.parse("2024-03-15T00:00:00Z")))).containsExactly("b");
    assertThat(where(Invoice.DUE_AT.in(Instant.parse("2024-04-01T00:00:00Z")))).containsExactly("c");
    assertThat(where(Invoice.TOTAL.in(new BigDecimal("100.00")))).containsExactly("a");
    assertThat(where(Invoice.ISSUED_ON.in(LocalDate.of(2024, 3, 20)))).containsExactly("c");
  }

  @Test
  void whereAndOrCombineLeftToRight() {
    List<String> found = ids(query()
        .where(Invoice.CUSTOMER.eq("ACME"))
        .or(Invoice.CUSTOMER.eq("Globex"))
        .and(Invoice.PAID.eq(true))
        .list());
    assertThat(found).containsExactly("c");
  }

  @Test
  void conditionsGroupExplicitly() {
    Condition<Invoice> paidGlobex = Invoice.CUSTOMER.eq("Globex").and(Invoice.PAID.eq(true));
    assertThat(where(Invoice.CUSTOMER.eq("ACME").or(paidGlobex))).containsExactly("a", "c");
    assertThat(where(Condition.anyOf(Invoice.STATUS.eq(Status.DRAFT), Invoice.STATUS.eq(Status.SENT))))
        .containsExactly("a", "b");
    assertThat(where(Condition.allOf(Invoice.PAID.eq(true), Invoice.QUANTITY.lt(10)))).containsExactly("b");
  }

  @Test
  void repeatedWhereNarrowsTheResult() {
    assertThat(ids(query().where(Invoice.PAID.eq(true)).where(Invoice.QUANTITY.eq(10)).list())).containsExactly("c");
  }

  @Test
  void queriesAreImmutableAndReusable() {
    Query<Invoice> paid = query().where(Invoice.PAID.eq(true));
    Query<Invoice> paidGlobex = paid.and(Invoice.CUSTOMER.eq("Globex"));
    assertThat(ids(paid.list())).containsExactly("b", "c");
    assertThat(ids(paidGlobex.list())).containsExactly("c");
  }

  @Test
  void generatedQueryUsesTheDefaultDatabase() {
    Pocketto.setDefault(db);
    assertThat(ids(Invoice.query().where(Invoice.NUMBER.eq("INV-002")).list())).containsExactly("b");
  }

  @Test
  void statementHoldsPlaceholdersAndAlwaysEndsOrderingWithTheId() {
    String sql = query().where(Invoice.CUSTOMER.eq("ACME")).orderBy(Invoice.ISSUED_ON.desc()).limit(5).sql();
    assertThat(sql)
        .doesNotContain("ACME")
        .contains("\"customer\" = ?")
        // customer is pinned by the equality and first in the (customer, issuedOn) index: sorted by first (QueryPlanTest).
        .contains("ORDER BY \"customer\" DESC NULLS LAST, \"issued_on\" DESC NULLS LAST, \"_id\" DESC")
        // PostgreSQL's statement carries the row limit, so that one plan made knowing it serves every run.
        .endsWith(backend == Backend.POSTGRES ? "FETCH FIRST 5 ROWS ONLY" : "FETCH FIRST ? ROWS ONLY");
  }

  @Test
  void decimalsSortByValueEvenWhereTheyAreStoredAsText() {
    String sql = query().orderBy(Invoice.TOTAL.asc()).sql();

    // H2 keeps a decimal's scale only as text; PostgreSQL's numeric sorts by value as it is.
    assertThat(sql).contains(backend == Backend.POSTGRES
        ? "ORDER BY \"total\" ASC NULLS FIRST" : "ORDER BY CAST(\"total\" AS DECFLOAT) ASC NULLS FIRST");
    assertThat(ids(query().where(Invoice.TOTAL.isNotNull()).orderBy(Invoice.TOTAL.asc()).list()))
        .as("250.50 and 250.5 tie by value, and the id breaks the tie; as text 250.5 would come first")
        .containsExactly("a", "b", "c");
  }
}
