package io.pocketto.it.query;

import io.pocketto.it.BackendTest;

import static io.pocketto.it.query.Fixtures.ids;
import static io.pocketto.it.query.Fixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.query.Page;
import io.pocketto.query.Query;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ordering, windows and pages, all computed by the database. Seven invoices are saved out of id
 * order; their totals tie in pairs so that the id must break the ties.
 */
class QueryOrderingAndPagingTest extends BackendTest {

  @BeforeEach
  void seed() {
    String[][] rows = {
        {"g", "30", "ACME"}, {"c", "10", "ACME"}, {"e", "20", "Globex"}, {"a", "10", "Globex"},
        {"f", "30", "ACME"}, {"b", null, "ACME"}, {"d", "20", "Initech"}};
    for (String[] row : rows) {
      saved(db, row[0], i -> {
        i.setTotal(row[1] == null ? null : new BigDecimal(row[1]));
        i.setCustomer(row[2]);
      });
    }
  }

  private Query<Invoice> query() {
    return Invoice.in(db).query();
  }

  @Test
  void withoutOrderingDocumentsComeBackById() {
    assertThat(ids(query().list())).containsExactly("a", "b", "c", "d", "e", "f", "g");
  }

  @Test
  void tiesAreBrokenByIdInTheDirectionOfTheLastKey() {
    assertThat(ids(query().orderBy(Invoice.TOTAL.asc()).list())).containsExactly("b", "a", "c", "d", "e", "f", "g");
    assertThat(ids(query().orderBy(Invoice.TOTAL.desc()).list())).containsExactly("g", "f", "e", "d", "c", "a", "b");
  }

  @Test
  void nullsSortFirstAscendingAndLastDescending() {
    assertThat(ids(query().orderBy(Invoice.TOTAL.asc()).list())).startsWith("b");
    assertThat(ids(query().orderBy(Invoice.TOTAL.desc()).list())).endsWith("b");
  }

  @Test
  void laterKeysOrderWithinEarlierOnes() {
    List<String> found = ids(query().orderBy(Invoice.CUSTOMER.asc()).orderBy(Invoice.TOTAL.desc()).list());
    assertThat(found).containsExactly("g", "f", "c", "b", "e", "a", "d");
  }

  @Test
  void limitAndOffsetWindowTheOrderedResult() {
    assertThat(ids(query().orderBy(Invoice.TOTAL.desc()).offset(2).limit(3).list())).containsExactly("e", "d", "c");
    assertThat(ids(query().offset(5).list())).containsExactly("f", "g");
    assertThat(ids(query().limit(0).list())).isEmpty();
  }

  @Test
  void firstIsTheFirstInOrder() {
    assertThat(query().orderBy(Invoice.TOTAL.desc()).first()).map(Invoice::getId).contains("g");
    assertThat(query().where(Invoice.CUSTOMER.eq("Nobody")).first()).isEmpty();
  }

  @Test
  void countAndExistsAreComputedByTheDatabaseWithinTheWindow() {
    assertThat(query().count()).isEqualTo(7);
    assertThat(query().where(Invoice.CUSTOMER.eq("ACME")).count()).isEqualTo(4);
    assertThat(query().offset(5).count()).isEqualTo(2);
    assertThat(query().offset(2).limit(3).count()).isEqualTo(3);
    assertThat(query().offset(10).count()).isZero();
    assertThat(query().where(Invoice.CUSTOMER.eq("Initech")).exists()).isTrue();
    assertThat(query().where(Invoice.CUSTOMER.eq("Initech")).offset(1).exists()).isFalse();
    assertThat(query().where(Invoice.CUSTOMER.eq("Nobody")).exists()).isFalse();
  }

  @Test
  void pagesWalkTheWholeResultWithItsTotal() {
    Query<Invoice> byTotal = query().orderBy(Invoice.TOTAL.asc());
    Page<Invoice> first = byTotal.page(1, 3);
    Page<Invoice> second = byTotal.page(2, 3);
    Page<Invoice> third = byTotal.page(3, 3);
    Page<Invoice> beyond = byTotal.page(4, 3);

    assertThat(ids(first.items())).containsExactly("b", "a", "c");
    assertThat(ids(second.items())).containsExactly("d", "e", "f");
    assertThat(ids(third.items())).containsExactly("g");
    assertThat(beyond.items()).isEmpty();
    assertThat(List.of(first.total(), third.total(), beyond.total())).containsOnly(7L);
    assertThat(first.totalPages()).isEqualTo(3);
    assertThat(first.hasPrevious()).isFalse();
    assertThat(second.hasNext()).isTrue();
    assertThat(third.hasNext()).isFalse();
  }

  @Test
  void pagesKeepTheQuerysLimit() {
    Query<Invoice> topFive = query().orderBy(Invoice.TOTAL.desc()).limit(5);
    Page<Invoice> second = topFive.page(2, 3);
    assertThat(ids(second.items())).containsExactly("d", "c");
    assertThat(second.total()).isEqualTo(5);
    assertThat(second.totalPages()).isEqualTo(2);
  }

  @Test
  void pagesOfAFilteredQueryCountOnlyMatches() {
    Page<Invoice> page = query().where(Invoice.CUSTOMER.eq("ACME")).page(2, 3);
    assertThat(ids(page.items())).containsExactly("g");
    assertThat(page.total()).isEqualTo(4);
  }

  @Test
  void pageNumbersStartAtOne() {
    assertThatThrownBy(() -> query().page(0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start at 1");
  }

  @Test
  void streamReturnsTheOrderedResult() {
    try (Stream<Invoice> stream = query().orderBy(Invoice.TOTAL.desc()).limit(3).stream()) {
      assertThat(stream.map(Invoice::getId)).containsExactly("g", "f", "e");
    }
  }

  @Test
  void streamReleasesItsConnectionWhenClosedEarlyOrExhausted() {
    try (Database single = Pocketto.connect("jdbc:h2:mem:", null, null, 1)) {
      for (int n = 0; n < 3; n++) {
        saved(single, "s" + n, i -> i.setCustomer("ACME"));
      }
      Query<Invoice> all = Invoice.in(single).query();
      try (Stream<Invoice> stream = all.stream()) {
        assertThat(stream.findFirst()).map(Invoice::getId).contains("s0");
      }
      assertThat(all.stream().map(Invoice::getId).toList()).containsExactly("s0", "s1", "s2");
      // With one pooled connection, this only succeeds if both streams gave theirs back.
      assertThat(all.count()).isEqualTo(3);
    }
  }
}
