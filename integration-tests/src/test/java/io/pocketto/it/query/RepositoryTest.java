package io.pocketto.it.query;

import io.pocketto.it.BackendTest;

import static io.pocketto.it.query.Fixtures.ids;
import static io.pocketto.it.query.Fixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.ConflictException;
import io.pocketto.CrudRepository;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.Repositories;
import io.pocketto.it.query.InvoiceModel.Status;
import io.pocketto.query.NoResultException;
import io.pocketto.query.NonUniqueResultException;
import io.pocketto.query.Page;
import io.pocketto.query.PageRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A generated repository: each return type, each keyword, and the CrudRepository operations. */
class RepositoryTest extends BackendTest {
  private static final UUID REF = UUID.fromString("00000000-0000-7000-8000-000000000001");
  private InvoiceRepository invoices;

  @BeforeEach
  void seed() {
    invoices = Repositories.of(InvoiceRepository.class, db);
    saved(db, "a", i -> {
      i.setNumber("INV-001");
      i.setCustomer("ACME");
      i.setTotal(new BigDecimal("100"));
      i.setIssuedOn(LocalDate.of(2024, 1, 10));
      i.setStatus(Status.SENT);
      i.setReference(REF);
      i.setGrade('A');
    });
    saved(db, "b", i -> {
      i.setNumber("INV-002");
      i.setCustomer("acme");
      i.setTotal(new BigDecimal("300"));
      i.setIssuedOn(LocalDate.of(2024, 3, 1));
      i.setStatus(Status.SENT);
      i.setQuantity(4);
      i.setPaid(true);
      i.setDueAt(Instant.parse("2024-04-01T00:00:00Z"));
    });
    saved(db, "c", i -> {
      i.setNumber("INV-003");
      i.setCustomer("ACME");
      i.setTotal(new BigDecimal("200"));
      i.setIssuedOn(LocalDate.of(2024, 2, 1));
      i.setStatus(Status.PAID);
      i.setPaid(true);
    });
    saved(db, "d", i -> {
      i.setNumber("INV-003");
      i.setCustomer("Globex");
      i.setStatus(Status.DRAFT);
    });
    saved(db, "e", i -> {
      i.setNumber("INV-005");
      i.setCustomer("ACME");
      i.setStatus(Status.DRAFT);
    }).delete();
  }

  @Test
  void repositoriesOfReturnsTheGeneratedImplementationForTheDatabase() {
    assertThat(invoices).isInstanceOf(InvoiceRepository_Impl.class);
    assertThat(invoices.database()).isSameAs(db);
  }

  @Test
  void repositoriesOfTheDefaultDatabaseUsesIt() {
    Pocketto.setDefault(db);
    assertThat(Repositories.of(InvoiceRepository.class).database()).isSameAs(db);
  }

  /** Has no @Repository, so no implementation was generated. */
  interface NotGenerated extends CrudRepository<Invoice> {}

  @Test
  void repositoriesOfAnInterfaceWithoutImplementationExplainsWhy() {
    assertThatThrownBy(() -> Repositories.of(NotGenerated.class, db))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RepositoryTest_NotGenerated_Impl")
        .hasMessageContaining("@io.pocketto.Repository");
  }

  @Test
  void listMethodReturnsMatchesInTheNamedOrder() {
    assertThat(ids(invoices.findByCustomerOrderByIssuedOnDesc("ACME"))).containsExactly("c", "a");
  }

  @Test
  void aMethodSortedByItsPinnedFieldFirstReturnsTheNamedOrderInBothDirections() {
    // The (customer, issuedOn) index makes both statements sort by customer first (QueryPlanTest).
    saved(db, "f", i -> {
      i.setCustomer("ACME");
      i.setIssuedOn(LocalDate.of(2024, 1, 10));
    });
    saved(db, "g", i -> i.setCustomer("ACME"));

    assertThat(ids(invoices.findTop20ByCustomerOrderByIssuedOnAsc("ACME"))).containsExactly("g", "a", "f", "c");
    assertThat(ids(invoices.findByCustomerOrderByIssuedOnDesc("ACME"))).containsExactly("c", "f", "a", "g");
    assertThat(ids(invoices.findTop20ByCustomerOrderByIssuedOnDesc("ACME"))).containsExactly("c", "f", "a", "g");
    assertThat(ids(invoices.findByCustomerOrderByIssuedOn("ACME", PageRequest.of(2, 2)).items()))
        .containsExactly("f", "c");
  }

  @Test
  void optionalMethodWithFirstTakesTheFirstMatch() {
    assertThat(invoices.findFirstByNumber("INV-003")).map(Invoice::getId).contains("c");
    assertThat(invoices.findFirstByNumber("INV-999")).isEmpty();
  }

  @Test
  void optionalMethodWithoutFirstRejectsSeveralMatches() {
    assertThat(invoices.findByNumber("INV-002")).map(Invoice::getId).contains("b");
    assertThat(invoices.findByNumber("INV-999")).isEmpty();
    assertThatThrownBy(() -> invoices.findByNumber("INV-003"))
        .isInstanceOf(NonUniqueResultException.class)
        .hasMessageContaining("findByNumber");
  }

  @Test
  void entityMethodReturnsTheOneMatchAndThrowsWhenAbsent() {
    assertThat(invoices.findByReference(REF).getId()).isEqualTo("a");
    assertThatThrownBy(() -> invoices.findByReference(UUID.randomUUID()))
        .isInstanceOf(NoResultException.class)
        .hasMessageContaining("findByReference")
        .satisfies(e -> assertThat(((NoResultException) e).status()).isEqualTo(404));
  }

  @Test
  void streamMethodReturnsMatchesLazilyInOrder() {
    try (Stream<Invoice> paid = invoices.findByPaidOrderByNumberDesc(true)) {
      assertThat(paid.map(Invoice::getId)).containsExactly("c", "b");
    }
  }

  @Test
  void pageMethodReturnsItemsTotalAndPageCount() {
    Page<Invoice> first = invoices.findByCustomer("ACME", PageRequest.of(1, 1));
    Page<Invoice> second = invoices.findByCustomer("ACME", PageRequest.of(2, 1));
    Page<Invoice> beyond = invoices.findByCustomer("ACME", PageRequest.of(3, 1));
    assertThat(ids(first.items())).containsExactly("a");
    assertThat(ids(second.items())).containsExactly("c");
    assertThat(beyond.items()).isEmpty();
    assertThat(second.total()).isEqualTo(2);
    assertThat(second.totalPages()).isEqualTo(2);
    assertThat(second.number()).isEqualTo(2);
  }

  @Test
  void pageMethodWithOrderingPagesInThatOrder() {
    Page<Invoice> page = invoices.findAllByOrderByNumber(PageRequest.of(2, 2));
    assertThat(ids(page.items())).containsExactly("c", "d");
    assertThat(page.total()).isEqualTo(4);
  }

  @Test
  void countMethodCountsLiveMatches() {
    assertThat(invoices.countByStatus(Status.SENT)).isEqualTo(2);
    assertThat(invoices.countByStatus(Status.DRAFT)).isEqualTo(1);
    assertThat(invoices.countByCustomerStartingWith("AC")).isEqualTo(2);
  }

  @Test
  void existsMethodTellsWhetherAnyLiveDocumentMatches() {
    assertThat(invoices.existsByNumber("INV-002")).isTrue();
    assertThat(invoices.existsByNumber("INV-005")).isFalse();
    assertThat(invoices.existsByStatusAndPaid(Status.PAID, true)).isTrue();
    assertThat(invoices.existsByStatusAndPaid(Status.PAID, false)).isFalse();
  }

  @Test
  void comparisonKeywordsFilterInSql() {
    assertThat(ids(invoices.findByStatusAndTotalGreaterThan(Status.SENT, new BigDecimal("100")))).containsExactly("b");
    assertThat(ids(invoices.findByTotalGreaterThanEqual(new BigDecimal("200")))).containsExactly("b", "c");
    assertThat(ids(invoices.findByTotalLessThan(new BigDecimal("200")))).containsExactly("a");
    assertThat(ids(invoices.findByTotalLessThanEqual(new BigDecimal("200")))).containsExactly("a", "c");
    assertThat(ids(invoices.findByQuantityGreaterThan(0))).containsExactly("b");
    assertThat(ids(invoices.findByDueAtLessThan(Instant.parse("2025-01-01T00:00:00Z")))).containsExactly("b");
    assertThat(ids(invoices.findByGrade('A'))).containsExactly("a");
  }

  @Test
  void betweenIncludesItsBounds() {
    assertThat(ids(invoices.findByIssuedOnBetween(LocalDate.of(2024, 1, 10), LocalDate.of(2024, 2, 1))))
        .containsExactly("a", "c");
  }

  @Test
  void inAndNotInTakeCollections() {
    assertThat(ids(invoices.findByStatusIn(Set.of(Status.PAID, Status.DRAFT)))).containsExactly("c", "d");
    assertThat(invoices.findByStatusIn(List.of())).isEmpty();
    assertThat(ids(invoices.findByStatusNotIn(List.of(Status.SENT)))).containsExactly("c", "d");
    assertThat(ids(invoices.findByIdIn(List.of("b", "e", "z")))).containsExactly("b");
  }

  @Test
  void nullKeywordsTestForMissingValues() {
    assertThat(ids(invoices.findByDueAtIsNull())).containsExactly("a", "c", "d");
    assertThat(ids(invoices.findByDueAtIsNotNull())).containsExactly("b");
    assertThat(ids(invoices.findByTagsIsNotNull())).containsExactly("a", "b", "c", "d");
  }

  @Test
  void textKeywordsMatchPatternsAndIgnoreCase() {
    assertThat(ids(invoices.findByCustomerIgnoreCase("Acme"))).containsExactly("a", "b", "c");
    assertThat(ids(invoices.findByCustomerNot("ACME"))).containsExactly("b", "d");
    assertThat(ids(invoices.findByCustomerNotIgnoreCase("ACME"))).containsExactly("d");
    assertThat(ids(invoices.findByNumberLike("INV-00_"))).containsExactly("a", "b", "c", "d");
    assertThat(ids(invoices.findByNumberStartingWith("INV-00"))).containsExactly("a", "b", "c", "d");
    assertThat(ids(invoices.findByNumberEndingWith("02"))).containsExactly("b");
    assertThat(ids(invoices.findByCustomerContaining("lob"))).containsExactly("d");
    assertThat(ids(invoices.findByCustomerContainingIgnoreCase("CM"))).containsExactly("a", "b", "c");
  }

  @Test
  void andBindsTighterThanOr() {
    assertThat(ids(invoices.findByCustomerOrNumber("Globex", "INV-001"))).containsExactly("a", "d");
    assertThat(ids(invoices.findByCustomerAndStatusOrNumber("ACME", Status.PAID, "INV-002"))).containsExactly("b", "c");
  }

  @Test
  void topAndOrderByWithoutCriteriaLimitTheOrderedResult() {
    assertThat(ids(invoices.findTop2ByOrderByTotalDesc())).containsExactly("b", "c");
    assertThat(ids(invoices.findAllByOrderByNumberAsc())).containsExactly("a", "b", "c", "d");
  }

  @Test
  void crudOperationsSeeLiveDocumentsOnly() {
    assertThat(invoices.findById("a")).map(Invoice::getNumber).contains("INV-001");
    assertThat(invoices.findById("e")).isEmpty();
    assertThat(ids(invoices.findAll())).containsExactly("a", "b", "c", "d");
    assertThat(invoices.count()).isEqualTo(4);
    assertThat(invoices.existsById("d")).isTrue();
    assertThat(invoices.existsById("e")).isFalse();
    assertThat(ids(invoices.query().where(Invoice.PAID.eq(true)).list())).containsExactly("b", "c");
  }

  @Test
  void saveKeepsRevisionsAndRejectsStaleRecords() {
    Invoice mine = invoices.findById("a").orElseThrow();
    Invoice theirs = invoices.findById("a").orElseThrow();
    theirs.setCustomer("Initech");
    invoices.save(theirs);
    assertThat(theirs.meta().rev()).startsWith("2-");

    mine.setCustomer("Umbrella");
    assertThatThrownBy(() -> invoices.save(mine))
        .isInstanceOf(ConflictException.class)
        .satisfies(e -> assertThat(((ConflictException) e).revision()).isEqualTo(theirs.meta().rev()));
  }

  @Test
  void saveAllSavesInOrderAndStopsAtTheFirstConflict() {
    Invoice fresh = new Invoice();
    fresh.setId("f");
    fresh.setCustomer("New");
    Invoice stale = invoices.findById("b").orElseThrow();
    Invoice moved = invoices.findById("b").orElseThrow();
    moved.setCustomer("Elsewhere");
    invoices.save(moved);
    stale.setCustomer("Mine");
    Invoice after = new Invoice();
    after.setId("g");
    after.setCustomer("Never");

    assertThatThrownBy(() -> invoices.saveAll(List.of(fresh, stale, after))).isInstanceOf(ConflictException.class);
    assertThat(invoices.findById("f")).isPresent();
    assertThat(invoices.findById("b")).map(Invoice::getCustomer).contains("Elsewhere");
    assertThat(invoices.findById("g")).isEmpty();
  }

  @Test
  void saveAllReturnsTheSavedRecords() {
    Invoice f = new Invoice();
    f.setCustomer("New");
    Invoice g = new Invoice();
    g.setCustomer("Newer");
    List<Invoice> saved = invoices.saveAll(List.of(f, g));
    assertThat(saved).containsExactly(f, g);
    assertThat(saved).allSatisfy(i -> assertThat(i.meta().rev()).startsWith("1-"));
    assertThat(invoices.count()).isEqualTo(6);
  }

  @Test
  void deleteWritesATombstoneTheFindersNoLongerSee() {
    invoices.delete(invoices.findById("d").orElseThrow());
    assertThat(invoices.findById("d")).isEmpty();
    assertThat(invoices.existsByNumber("INV-003")).isTrue();
    assertThat(invoices.findFirstByNumber("INV-003")).map(Invoice::getId).contains("c");
    assertThat(Invoice.in(db).query().onlyDeleted().count()).isEqualTo(2);
  }

  @Test
  void aDerivedOrderBySortsDecimalsByValue() {
    saved(db, "f", i -> i.setTotal(new BigDecimal("1000.00")));

    // As text, "1000.00" would sort below "300".
    assertThat(ids(invoices.findTop2ByOrderByTotalDesc())).containsExactly("f", "b");
  }

  @Test
  void trueAndFalseMatchBooleanProperties() {
    assertThat(ids(invoices.findByPaidTrue())).containsExactly("b", "c");
    assertThat(ids(invoices.findByPaidFalseOrderByNumber())).containsExactly("a", "d");
    assertThat(invoices.countByPaidIsTrue()).isEqualTo(2);
    assertThat(invoices.existsByCustomerAndPaidFalse("Globex")).isTrue();
    assertThat(invoices.existsByCustomerAndPaidFalse("acme")).isFalse();
  }

  @Test
  void notLikeMatchesWhatTheLikePatternDoesNot() {
    assertThat(ids(invoices.findByNumberNotLike("%3"))).containsExactly("a", "b");
    assertThat(ids(invoices.findByCustomerNotLikeIgnoreCase("acm_"))).containsExactly("d");
  }

  @Test
  void distinctFindsEachDocumentOnce() {
    assertThat(ids(invoices.findDistinctByCustomer("ACME"))).containsExactly("a", "c");
  }

  @Test
  void deleteByWritesATombstonePerMatchAndCountsThem() {
    assertThat(invoices.deleteByCustomer("ACME")).isEqualTo(2);

    assertThat(invoices.findById("a")).isEmpty();
    assertThat(invoices.findById("c")).isEmpty();
    assertThat(ids(invoices.findAll())).containsExactly("b", "d");
    assertThat(Invoice.in(db).query().onlyDeleted().list()).extracting(Invoice::getId)
        .containsExactlyInAnyOrder("a", "c", "e");
    assertThat(row(db, "query_invoices", "a").get("_rev").toString()).startsWith("2-");
    assertThat(invoices.deleteByCustomer("ACME")).isZero();
  }

  @Test
  void deleteByReturnsIntOrNothing() {
    assertThat(invoices.deleteByPaidTrue()).isEqualTo(2);
    invoices.deleteByNumber("INV-001");

    assertThat(ids(invoices.findAll())).containsExactly("d");
  }
}
