package io.pocketto.it.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Repositories;
import io.pocketto.it.Backend;
import io.pocketto.it.BackendTest;
import io.pocketto.query.Query;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ordered pages are read through their {@code @Index}, in both directions, with no sort of the table:
 * checked on each database's own plan ({@link Query#explain()}), never on timings.
 *
 * <p>PostgreSQL picks a sequential scan and a sort for a table of a few pages, where that is cheaper;
 * so the table holds {@value #ROWS} documents and is analysed first, the size at which a 20-row page
 * through the index is the cheaper plan, as it is for every larger table. No planner setting is changed.
 */
class QueryPlanTest extends BackendTest {
  private static final int ROWS = 3_000;
  private static final String NUMBER_INDEX = "query_invoices_number__id_idx";
  private static final String CUSTOMER_ISSUED_ON_INDEX = "query_invoices_customer_issued_on__id_idx";

  @BeforeEach
  void fill() throws Exception {
    db.bundle(bundle -> {
      for (int n = 0; n < ROWS; n++) {
        int k = n;
        Fixtures.saved(db, String.format("id-%05d", (k * 7919) % ROWS), i -> {
          i.setNumber(k % 97 == 0 ? null : String.format("INV-%05d", k / 3));
          i.setCustomer("customer-" + (k % 40));
          i.setIssuedOn(LocalDate.of(2026, 1, 1).plusDays(k % 300));
          i.setTotal(BigDecimal.valueOf(k % 50));
        });
      }
    });
    Plans.analyze(backend, db, "query_invoices");
  }

  private Query<Invoice> query() {
    return Invoice.in(db).query();
  }

  /**
   * The clause that limits a query to {@code rows}: PostgreSQL's statement carries the number, so that one plan,
   * made knowing it, serves every run; H2 binds it.
   */
  private String fetchFirst(int rows) {
    return backend == Backend.POSTGRES ? "FETCH FIRST " + rows + " ROWS ONLY" : "FETCH FIRST ? ROWS ONLY";
  }

  @Test
  void eachLimitOfOneQueryReadsItsOwnCountWhetherTheStatementCarriesItOrBindsIt() {
    Query<Invoice> byNumber = query().where(Invoice.NUMBER.isNotNull()).orderBy(Invoice.NUMBER.asc());
    List<String> all = byNumber.list().stream().map(Invoice::getId).toList();

    for (int round = 0; round < 2; round++) {
      assertThat(byNumber.limit(2).list()).extracting(Invoice::getId).containsExactlyElementsOf(all.subList(0, 2));
      assertThat(byNumber.limit(3).list()).extracting(Invoice::getId).containsExactlyElementsOf(all.subList(0, 3));
      assertThat(byNumber.offset(4).limit(2).list()).extracting(Invoice::getId)
          .containsExactlyElementsOf(all.subList(4, 6));
      assertThat(byNumber.offset(4).limit(5).list()).extracting(Invoice::getId)
          .containsExactlyElementsOf(all.subList(4, 9));
      assertThat(byNumber.slice(2).items()).extracting(Invoice::getId).containsExactlyElementsOf(all.subList(0, 2));
      assertThat(byNumber.slice(7).items()).extracting(Invoice::getId).containsExactlyElementsOf(all.subList(0, 7));
      assertThat(byNumber.page(2, 3).items()).extracting(Invoice::getId).containsExactlyElementsOf(all.subList(3, 6));
    }
    assertThat(byNumber.limit(3).sql()).endsWith(fetchFirst(3));
    assertThat(byNumber.offset(4).limit(5).sql()).endsWith(backend == Backend.POSTGRES
        ? "OFFSET ? ROWS FETCH NEXT 5 ROWS ONLY" : "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
  }

  @Test
  void anIndexedFieldIsReadInOrderThroughItsIndexAscending() {
    assertReadsInOrderThrough(NUMBER_INDEX, query().orderBy(Invoice.NUMBER.asc()).limit(20));
  }

  @Test
  void anIndexedFieldIsReadInOrderThroughItsIndexDescending() {
    assertReadsInOrderThrough(NUMBER_INDEX, query().orderBy(Invoice.NUMBER.desc()).limit(20));
  }

  @Test
  void deletedDocumentsIncludedTheSameIndexServesBothDirections() {
    assertReadsInOrderThrough(NUMBER_INDEX, query().withDeleted().orderBy(Invoice.NUMBER.asc()).limit(20));
    assertReadsInOrderThrough(NUMBER_INDEX, query().withDeleted().orderBy(Invoice.NUMBER.desc()).limit(20));
  }

  @Test
  void aRangeFilterOnTheIndexedFieldSeeksThroughTheSameIndex() {
    assertReadsInOrderThrough(NUMBER_INDEX,
        query().where(Invoice.NUMBER.gte("INV-00500")).orderBy(Invoice.NUMBER.asc()).limit(20));
    assertReadsInOrderThrough(NUMBER_INDEX,
        query().where(Invoice.NUMBER.lt("INV-00500")).orderBy(Invoice.NUMBER.desc()).limit(20));
  }

  @Test
  void aCompositeIndexServesAnEqualityOnItsFirstFieldAndTheOrderOfBoth() {
    assertReadsInOrderThrough(CUSTOMER_ISSUED_ON_INDEX, query().where(Invoice.CUSTOMER.eq("customer-7"))
        .orderBy(Invoice.CUSTOMER.asc(), Invoice.ISSUED_ON.asc()).limit(20));
    assertReadsInOrderThrough(CUSTOMER_ISSUED_ON_INDEX, query().where(Invoice.CUSTOMER.eq("customer-7"))
        .orderBy(Invoice.CUSTOMER.desc(), Invoice.ISSUED_ON.desc()).limit(20));
  }

  @Test
  void anEqualityOnAnIndexedFieldReadsItsFirstMatchesThroughTheIndexInIdOrder() {
    Query<Invoice> ofOneNumber = query().where(Invoice.NUMBER.eq("INV-00100")).limit(10);

    assertThat(ofOneNumber.sql()).endsWith("ORDER BY \"number\" ASC NULLS FIRST, \"_id\" ASC " + fetchFirst(10));
    assertReadsInOrderThrough(NUMBER_INDEX, ofOneNumber);
    assertReadsInOrderThrough(CUSTOMER_ISSUED_ON_INDEX, query().where(Invoice.CUSTOMER.eq("customer-7"))
        .and(Invoice.ISSUED_ON.eq(LocalDate.of(2026, 1, 8))).limit(10));
  }

  @Test
  void anEqualityOnTheFirstFieldOfACompositeIndexLetsItServeTheOrderOfTheSecond() {
    for (Query<Invoice> page : List.of(
        query().where(Invoice.CUSTOMER.eq("customer-7")).orderBy(Invoice.ISSUED_ON.asc()).limit(20),
        query().where(Invoice.CUSTOMER.eq("customer-7")).orderBy(Invoice.ISSUED_ON.desc()).limit(20))) {
      assertReadsInOrderThrough(CUSTOMER_ISSUED_ON_INDEX, page);
      Invoice middle = page.limit(5).list().get(4);
      assertThat(page.after(middle).explain().split("\n\n"))
          .allSatisfy(plan -> assertIndexOrdered(CUSTOMER_ISSUED_ON_INDEX, plan));
    }
  }

  @Test
  void aFieldIsSortedFirstOnlyWhereAnEqualityPinsItAndAnIndexServesTheResult() {
    // Under an OR the field is not one value across the result; with no index to serve it, sorting by it
    // first would only add a key (and on H2 keep an index on the declared key from serving the order).
    assertThat(query().where(Invoice.NUMBER.eq("INV-00100")).or(Invoice.TOTAL.eq(BigDecimal.ONE)).sql())
        .endsWith("ORDER BY \"_id\" ASC");
    assertThat(query().where(Invoice.CUSTOMER.eq("customer-7")).orderBy(Invoice.NUMBER.desc()).sql())
        .endsWith("ORDER BY \"number\" DESC NULLS LAST, \"_id\" DESC");
    assertThat(query().where(Invoice.TOTAL.eq(BigDecimal.ONE)).sql()).endsWith("ORDER BY \"_id\" ASC");
    assertThat(query().where(Invoice.CUSTOMER.eq("customer-7")).orderBy(Invoice.ISSUED_ON.desc()).sql())
        .endsWith("ORDER BY \"customer\" DESC NULLS LAST, \"issued_on\" DESC NULLS LAST, \"_id\" DESC");
  }

  @Test
  void aRepositoryPageWithAnEqualityOnTheFirstFieldOfACompositeIndexIsReadInOrderThroughIt() throws Exception {
    // The statements are the generated constants, which the methods run with their arguments bound.
    assertThat(InvoiceRepository_Impl.FIND_TOP20_BY_CUSTOMER_ORDER_BY_ISSUED_ON_DESC).endsWith(
        "ORDER BY \"customer\" DESC NULLS LAST, \"issued_on\" DESC NULLS LAST, \"_id\" DESC FETCH FIRST 20 ROWS ONLY");
    assertIndexOrdered(CUSTOMER_ISSUED_ON_INDEX,
        explain(InvoiceRepository_Impl.FIND_TOP20_BY_CUSTOMER_ORDER_BY_ISSUED_ON_DESC, "customer-7"));
    assertIndexOrdered(CUSTOMER_ISSUED_ON_INDEX,
        explain(InvoiceRepository_Impl.FIND_TOP20_BY_CUSTOMER_ORDER_BY_ISSUED_ON_ASC, "customer-7"));
    assertIndexOrdered(CUSTOMER_ISSUED_ON_INDEX,
        explain(InvoiceRepository_Impl.FIND_BY_CUSTOMER_ORDER_BY_ISSUED_ON, "customer-7", 0L, 20L));
  }

  @Test
  void aRepositoryListWithAnEqualityOnTheFirstFieldOfACompositeIndexIsReadInOrderThroughItOnH2() throws Exception {
    assertThat(InvoiceRepository_Impl.FIND_BY_CUSTOMER_ORDER_BY_ISSUED_ON_DESC)
        .endsWith("ORDER BY \"customer\" DESC NULLS LAST, \"issued_on\" DESC NULLS LAST, \"_id\" DESC");
    String plan = explain(InvoiceRepository_Impl.FIND_BY_CUSTOMER_ORDER_BY_ISSUED_ON_DESC, "customer-7");
    if (backend == Backend.POSTGRES) {
      // All 75 of the customer's documents and no limit: PostgreSQL, which sees the constant key by itself,
      // finds them through the index and sorts them when that costs less than reading them in order.
      assertThat(plan).as(plan).contains(CUSTOMER_ISSUED_ON_INDEX);
    } else {
      assertIndexOrdered(CUSTOMER_ISSUED_ON_INDEX, plan);
    }
  }

  @Test
  void aRepositoryMethodWithAnEqualityOnAnIndexedFieldReadsItsFirstMatchThroughTheIndex() throws Exception {
    assertThat(InvoiceRepository_Impl.FIND_FIRST_BY_NUMBER)
        .endsWith("ORDER BY \"number\" ASC NULLS FIRST, \"_id\" ASC FETCH FIRST 1 ROWS ONLY");
    assertIndexOrdered(NUMBER_INDEX, explain(InvoiceRepository_Impl.FIND_FIRST_BY_NUMBER, "INV-00100"));
  }

  @Test
  void aRepositoryOrderByTheIdIsReadThroughThePrimaryKeyOrThroughAnIndexOfThePinnedField() throws Exception {
    assertThat(InvoiceRepository_Impl.FIND_TOP20_BY_ORDER_BY_ID_DESC)
        .endsWith("WHERE \"_deleted\" = FALSE ORDER BY \"_id\" DESC FETCH FIRST 20 ROWS ONLY");
    assertIndexOrdered(primaryKey(), explain(InvoiceRepository_Impl.FIND_TOP20_BY_ORDER_BY_ID_DESC));
    assertThat(InvoiceRepository_Impl.FIND_BY_NUMBER_ORDER_BY_ID_DESC)
        .endsWith("ORDER BY \"number\" DESC NULLS LAST, \"_id\" DESC");
    assertIndexOrdered(NUMBER_INDEX, explain(InvoiceRepository_Impl.FIND_BY_NUMBER_ORDER_BY_ID_DESC, "INV-00100"));

    InvoiceRepository invoices = Repositories.of(InvoiceRepository.class, db);
    List<String> idsDescending = query().list().stream().map(Invoice::getId).sorted(Comparator.reverseOrder()).toList();
    assertThat(invoices.findTop20ByOrderByIdDesc()).extracting(Invoice::getId)
        .containsExactlyElementsOf(idsDescending.subList(0, 20));
    List<String> ofOneNumber = query().where(Invoice.NUMBER.eq("INV-00100")).list().stream().map(Invoice::getId)
        .sorted(Comparator.reverseOrder()).toList();
    assertThat(ofOneNumber).hasSize(3);
    assertThat(invoices.findByNumberOrderByIdDesc("INV-00100")).extracting(Invoice::getId)
        .containsExactlyElementsOf(ofOneNumber);
  }

  @Test
  void everyStatementOfASeekIsAnIndexRangeInBothDirections() {
    List<Query<Invoice>> orders = List.of(query().orderBy(Invoice.NUMBER.asc()), query().orderBy(Invoice.NUMBER.desc()));
    for (Query<Invoice> ordered : orders) {
      Invoice middle = ordered.offset(ROWS / 2).first().orElseThrow();
      Query<Invoice> next = ordered.after(middle).limit(20);
      String plans = next.explain();
      assertThat(plans.split("\n\n")).allSatisfy(plan -> assertIndexOrdered(NUMBER_INDEX, plan));
    }
  }

  @Test
  void theSqlOfAQueryIsTheStatementItsPlanDescribes() {
    Query<Invoice> page = query().orderBy(Invoice.NUMBER.desc()).limit(20);
    assertThat(page.sql()).endsWith("ORDER BY \"number\" DESC NULLS LAST, \"_id\" DESC " + fetchFirst(20));
    assertThat(page.explain()).isNotBlank();
  }

  /** The database's plan for a repository method's statement with these parameters. */
  private String explain(String sql, Object... parameters) throws Exception {
    return Plans.explain(backend, db, sql, parameters);
  }


  /** The name of the primary key's index, the one on the document id. */
  private String primaryKey() throws Exception {
    if (backend == Backend.POSTGRES) {
      return "query_invoices_pkey";
    }
    try (Connection c = backend.jdbc(db); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
        "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'query_invoices' "
            + "AND INDEX_TYPE_NAME = 'PRIMARY KEY'")) {
      assertThat(rows.next()).as("the table has a primary key").isTrue();
      return rows.getString(1);
    }
  }

  private void assertReadsInOrderThrough(String index, Query<Invoice> query) {
    assertIndexOrdered(index, query.explain());
  }

  private void assertIndexOrdered(String index, String plan) {
    Plans.assertIndexOrdered(backend, index, plan);
  }
}
