package io.pocketto.it.query;

import static io.pocketto.it.query.Fixtures.ids;
import static io.pocketto.it.query.Fixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Database;
import io.pocketto.it.BackendTest;
import io.pocketto.query.Condition;
import io.pocketto.query.Query;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * A table keeps the statement text of each shape of typed query, so that a query built anew for every call does not
 * write its SQL again: the text is found by everything it depends on (conditions, operators, case rule, grouping,
 * order, scope, window, the seek position's nulls) and never by a value. If the key missed one of those, two shapes
 * would share a text, and whichever ran second would run the first one's statement. (It sorts by no field in no
 * {@code @Index}, whose warnings {@link UnindexedSortWarningTest} expects to be the first of the run.)
 */
class StatementTextTest extends BackendTest {
  private static final String[] CUSTOMERS = {"ACME", "acme", "Globex"};
  private static final String[] NUMBERS = {"INV-001", "INV-002", "INV-003", "INV-010"};
  private static final BigDecimal[] TOTALS = {new BigDecimal("100"), new BigDecimal("250.5"), new BigDecimal("99")};

  /**
   * Queries that differ in one thing the text says, each built from a value so that two of one shape carry other
   * values. Every one is built anew from the database's store, as an application would per request.
   */
  private static Map<String, BiFunction<Database, Integer, Query<Invoice>>> shapes() {
    Map<String, BiFunction<Database, Integer, Query<Invoice>>> shapes = new LinkedHashMap<>();
    shapes.put("customer eq", (db, v) -> query(db).where(Invoice.CUSTOMER.eq(CUSTOMERS[v % 3])));
    shapes.put("customer eq, ignoring case", (db, v) -> query(db).where(Invoice.CUSTOMER.eqIgnoreCase(CUSTOMERS[v % 3])));
    shapes.put("number eq", (db, v) -> query(db).where(Invoice.NUMBER.eq(NUMBERS[v % 4])));
    shapes.put("number ne", (db, v) -> query(db).where(Invoice.NUMBER.ne(NUMBERS[v % 4])));
    shapes.put("total gt", (db, v) -> query(db).where(Invoice.TOTAL.gt(TOTALS[v % 3])));
    shapes.put("total gte", (db, v) -> query(db).where(Invoice.TOTAL.gte(TOTALS[v % 3])));
    shapes.put("number in", (db, v) -> query(db).where(Invoice.NUMBER.in(List.of(NUMBERS).subList(0, 1 + v % 4))));
    shapes.put("number starts with", (db, v) -> query(db).where(Invoice.NUMBER.startsWith("INV-00" + v % 2)));
    shapes.put("number starts with, ignoring case", (db, v) -> query(db)
        .where(Invoice.NUMBER.startsWithIgnoreCase("inv-00" + v % 2)));
    shapes.put("customer and number", (db, v) -> query(db)
        .where(Invoice.CUSTOMER.eq(CUSTOMERS[v % 3]).and(Invoice.NUMBER.startsWith("INV-00"))));
    shapes.put("customer or number", (db, v) -> query(db)
        .where(Invoice.CUSTOMER.eq(CUSTOMERS[v % 3]).or(Invoice.NUMBER.startsWith("INV-00"))));
    shapes.put("all of three", (db, v) -> query(db).where(Condition.allOf(Invoice.CUSTOMER.eqIgnoreCase(CUSTOMERS[v % 3]),
        Invoice.TOTAL.gte(TOTALS[v % 3]), Invoice.PAID.eq(true))));
    shapes.put("one and any of two", (db, v) -> query(db).where(Invoice.CUSTOMER.eqIgnoreCase(CUSTOMERS[v % 3])
        .and(Condition.anyOf(Invoice.TOTAL.gte(TOTALS[v % 3]), Invoice.PAID.eq(true)))));
    shapes.put("due at is null", (db, v) -> query(db).where(Invoice.DUE_AT.isNull()));
    shapes.put("ordered by date", (db, v) -> query(db).orderBy(Invoice.ISSUED_ON.asc()));
    shapes.put("ordered by date, descending", (db, v) -> query(db).orderBy(Invoice.ISSUED_ON.desc()));
    shapes.put("ordered by number", (db, v) -> query(db).orderBy(Invoice.NUMBER.asc()));
    shapes.put("a customer's, by date", (db, v) -> query(db).where(Invoice.CUSTOMER.eq(CUSTOMERS[v % 3]))
        .orderBy(Invoice.ISSUED_ON.asc()));
    shapes.put("with the deleted", (db, v) -> query(db).where(Invoice.TOTAL.gte(TOTALS[v % 3])).withDeleted());
    shapes.put("only the deleted", (db, v) -> query(db).where(Invoice.TOTAL.gte(TOTALS[v % 3])).onlyDeleted());
    shapes.put("first two", (db, v) -> query(db).orderBy(Invoice.NUMBER.asc()).limit(2));
    shapes.put("two after one", (db, v) -> query(db).orderBy(Invoice.NUMBER.asc()).offset(1).limit(2));
    shapes.put("after one with a customer", (db, v) -> query(db).orderBy(Invoice.CUSTOMER.asc())
        .after(Invoice.in(db).find("a").orElseThrow()));
    shapes.put("after one without", (db, v) -> query(db).orderBy(Invoice.CUSTOMER.asc())
        .after(Invoice.in(db).find("f").orElseThrow()));
    return shapes;
  }

  private static Query<Invoice> query(Database db) {
    return Invoice.in(db).query();
  }

  /** The same invoices in {@code db}: "d" deleted, "f" without a customer. */
  private static void seed(Database db) {
    saved(db, "a", i -> {
      i.setNumber("INV-001");
      i.setCustomer("ACME");
      i.setTotal(new BigDecimal("100"));
      i.setIssuedOn(LocalDate.of(2024, 1, 10));
    });
    saved(db, "b", i -> {
      i.setNumber("INV-002");
      i.setCustomer("acme");
      i.setTotal(new BigDecimal("250.50"));
      i.setIssuedOn(LocalDate.of(2024, 2, 15));
      i.setPaid(true);
      i.setDueAt(Instant.parse("2024-03-01T00:00:00Z"));
    });
    saved(db, "c", i -> {
      i.setNumber("INV-003");
      i.setCustomer("Globex");
      i.setTotal(new BigDecimal("99"));
      i.setIssuedOn(LocalDate.of(2024, 3, 20));
      i.setPaid(true);
      i.setDueAt(Instant.parse("2024-04-01T00:00:00Z"));
    });
    saved(db, "d", i -> {
      i.setNumber("INV-010");
      i.setCustomer("ACME");
      i.setTotal(new BigDecimal("300"));
      i.setIssuedOn(LocalDate.of(2024, 1, 10));
    }).delete();
    saved(db, "e", i -> {
      i.setNumber("INV-011");
      i.setCustomer("Initech");
      i.setTotal(new BigDecimal("250.5"));
      i.setIssuedOn(LocalDate.of(2024, 2, 15));
    });
    saved(db, "f", i -> {
      i.setNumber("INV-012");
      i.setTotal(new BigDecimal("5"));
    });
  }

  /** What one shape's query said and found with value {@code v}: its rows, their count and whether there is one. */
  private record Run(String sql, List<String> ids, long count, boolean exists) {}

  /** Each read through a query built anew, as an application builds one per request. */
  private static Run run(Database db, BiFunction<Database, Integer, Query<Invoice>> shape, int v) {
    return new Run(shape.apply(db, v).sql(), ids(shape.apply(db, v).list()), shape.apply(db, v).count(),
        shape.apply(db, v).exists());
  }

  @Test
  void everyShapeRunsItsOwnStatementWhicheverShapeRanFirst() {
    Database forward = db;
    Database backward = open();
    seed(forward);
    seed(backward);
    List<BiFunction<Database, Integer, Query<Invoice>>> list = new ArrayList<>(shapes().values());
    List<String> names = new ArrayList<>(shapes().keySet());
    int n = list.size();
    Run[][] ranForward = new Run[n][3];
    Run[][] ranBackward = new Run[n][3];
    // Each database keeps its own texts (rows, count and exists alike): one learns the shapes first to last, the
    // other last to first, each with three values per shape.
    for (int v = 0; v < 3; v++) {
      for (int i = 0; i < n; i++) {
        ranForward[i][v] = run(forward, list.get(i), v);
        ranBackward[n - 1 - i][v] = run(backward, list.get(n - 1 - i), v);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int v = 0; v < 3; v++) {
        assertThat(ranForward[i][v]).as(names.get(i) + " with value " + v).isEqualTo(ranBackward[i][v]);
      }
    }
    // No two shapes ran one text: the key told them apart, in both orders.
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        assertThat(ranForward[i][0].sql()).as(names.get(i) + " and " + names.get(j))
            .isNotEqualTo(ranForward[j][0].sql());
      }
    }
  }

  @Test
  void queriesBuiltAnewWithOtherValuesFindTheTextOfTheirShapeAndTheirOwnRows() {
    seed(db);
    Query<Invoice> acme = query(db).where(Invoice.CUSTOMER.eqIgnoreCase("acme")).orderBy(Invoice.NUMBER.asc());
    Query<Invoice> globex = query(db).where(Invoice.CUSTOMER.eqIgnoreCase("GLOBEX")).orderBy(Invoice.NUMBER.asc());
    assertThat(ids(acme.list())).containsExactly("a", "b");
    assertThat(ids(globex.list())).containsExactly("c");
    assertThat(globex.sql()).isSameAs(acme.sql());
    assertThat(query(db).where(Invoice.CUSTOMER.eqIgnoreCase("initech")).orderBy(Invoice.NUMBER.asc()).sql())
        .isSameAs(acme.sql());
  }

  @Test
  void aTableKeepsTheTextsOfABoundedNumberOfShapesAndRunsTheRestCorrectly() {
    seed(db);
    // A group of k conditions is a shape of its own for each k: more shapes than a table keeps.
    int shapes = 1_100;
    for (int k = 1; k <= shapes; k++) {
      List<Condition<Invoice>> parts = new ArrayList<>();
      for (int p = 0; p < k; p++) {
        parts.add(Invoice.NUMBER.eq(NUMBERS[p % NUMBERS.length]));
      }
      @SuppressWarnings("unchecked")
      Condition<Invoice> anyOf = Condition.anyOf(parts.toArray(new Condition[0]));
      Query<Invoice> query = query(db).where(anyOf).orderBy(Invoice.NUMBER.asc());
      List<String> expected = k == 1 ? List.of("a") : k == 2 ? List.of("a", "b") : List.of("a", "b", "c");
      assertThat(ids(query.list())).as("a group of %d", k).isEqualTo(expected);
    }
    Query<Invoice> early = query(db).where(Condition.anyOf(Invoice.NUMBER.eq("INV-002"))).orderBy(Invoice.NUMBER.asc());
    assertThat(early.sql()).as("a shape met before the table was full keeps its text")
        .isSameAs(query(db).where(Condition.anyOf(Invoice.NUMBER.eq("INV-003"))).orderBy(Invoice.NUMBER.asc()).sql());
    Query<Invoice> late = query(db).where(Invoice.TOTAL.lt(new BigDecimal("100")));
    Query<Invoice> again = query(db).where(Invoice.TOTAL.lt(new BigDecimal("250")));
    assertThat(late.sql()).as("a shape met after it is written again").isEqualTo(again.sql())
        .isNotSameAs(again.sql());
    assertThat(ids(late.list())).containsExactlyInAnyOrder("c", "f");
    assertThat(ids(again.list())).containsExactlyInAnyOrder("a", "c", "f");
  }
}
