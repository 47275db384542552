package io.pocketto.it.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Repositories;
import io.pocketto.it.Backend;
import io.pocketto.it.BackendTest;
import io.pocketto.query.Query;
import io.pocketto.query.Slice;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Decimals under an {@code @Index}. A {@code @Decimal} field is a NUMERIC column, which its index serves in value
 * order. A bare {@code BigDecimal} is kept as text on H2, to keep each value's scale; H2 reads an index on such a
 * column as text when a comparison with a number could use it (h2database#2812), which found no fee above 69.5 and
 * no fee equal to 7, so every comparison of one goes through its value. Each result is checked against the same test
 * in Java.
 */
class DecimalIndexTest extends BackendTest {
  private static final int ROWS = 3_000;
  private static final List<String> BOUNDS = List.of("69.5", "7", "10", "3.50", "0", "-1", "70");

  private List<Payment> all;

  @BeforeEach
  void fill() throws Exception {
    db.bundle(bundle -> {
      for (int n = 0; n < ROWS; n++) {
        Payment payment = new Payment();
        payment.setId(String.format("p-%05d", (n * 7919) % ROWS));
        payment.setAmount(BigDecimal.valueOf(n % 1_000, 2).setScale(2));
        // Tenths from 0.0 to 69.9, a third of them written with two decimals (7.00 is 7.0 is 7).
        BigDecimal fee = BigDecimal.valueOf(n % 700, 1);
        payment.setFee(n % 3 == 0 ? fee.setScale(2) : fee);
        payment.saveTo(db);
      }
    });
    Plans.analyze(backend, db, "query_payments");
    all = Payment.in(db).query().list();
    assertThat(all).hasSize(ROWS);
  }

  @Test
  void everyComparisonOfAnIndexedBareDecimalFindsWhatItsValueSays() {
    for (String text : BOUNDS) {
      BigDecimal bound = new BigDecimal(text);
      BigDecimal upper = bound.add(BigDecimal.TEN);
      assertFinds(Payment.FEE.eq(bound), p -> p.getFee().compareTo(bound) == 0);
      assertFinds(Payment.FEE.ne(bound), p -> p.getFee().compareTo(bound) != 0);
      assertFinds(Payment.FEE.gt(bound), p -> p.getFee().compareTo(bound) > 0);
      assertFinds(Payment.FEE.gte(bound), p -> p.getFee().compareTo(bound) >= 0);
      assertFinds(Payment.FEE.lt(bound), p -> p.getFee().compareTo(bound) < 0);
      assertFinds(Payment.FEE.lte(bound), p -> p.getFee().compareTo(bound) <= 0);
      assertFinds(Payment.FEE.between(bound, upper),
          p -> p.getFee().compareTo(bound) >= 0 && p.getFee().compareTo(upper) <= 0);
      assertFinds(Payment.FEE.in(List.of(bound, upper)),
          p -> p.getFee().compareTo(bound) == 0 || p.getFee().compareTo(upper) == 0);
      assertFinds(Payment.FEE.notIn(List.of(bound, upper)),
          p -> p.getFee().compareTo(bound) != 0 && p.getFee().compareTo(upper) != 0);
    }
  }

  @Test
  void everyRepositoryComparisonOfAnIndexedBareDecimalFindsWhatItsValueSays() {
    PaymentRepository payments = Repositories.of(PaymentRepository.class, db);
    for (String text : BOUNDS) {
      BigDecimal bound = new BigDecimal(text);
      BigDecimal upper = bound.add(BigDecimal.TEN);
      assertThat(ids(payments.findByFee(bound))).as("fee = " + bound)
          .containsExactlyElementsOf(expected(p -> p.getFee().compareTo(bound) == 0));
      assertThat(ids(payments.findByFeeNot(bound))).as("fee <> " + bound)
          .containsExactlyElementsOf(expected(p -> p.getFee().compareTo(bound) != 0));
      assertThat(ids(payments.findByFeeGreaterThan(bound))).as("fee > " + bound)
          .containsExactlyElementsOf(expected(p -> p.getFee().compareTo(bound) > 0));
      assertThat(ids(payments.findByFeeLessThanEqual(bound))).as("fee <= " + bound)
          .containsExactlyElementsOf(expected(p -> p.getFee().compareTo(bound) <= 0));
      assertThat(ids(payments.findByFeeBetween(bound, upper))).as("fee between " + bound + " and " + upper)
          .containsExactlyElementsOf(expected(p -> p.getFee().compareTo(bound) >= 0 && p.getFee().compareTo(upper) <= 0));
      assertThat(ids(payments.findByFeeIn(List.of(bound, upper)))).as("fee in " + bound + ", " + upper)
          .containsExactlyElementsOf(expected(p -> p.getFee().compareTo(bound) == 0 || p.getFee().compareTo(upper) == 0));
    }
  }

  @Test
  void seekPagesByABareDecimalVisitEveryDocumentOnceInValueOrder() {
    for (boolean descending : new boolean[] {false, true}) {
      Query<Payment> byFee = Payment.in(db).query().orderBy(descending ? Payment.FEE.desc() : Payment.FEE.asc());
      Comparator<Payment> order = Comparator.comparing(Payment::getFee).thenComparing(Payment::getId);
      List<String> expected = ids(all.stream().sorted(descending ? order.reversed() : order).toList());
      List<String> seen = new ArrayList<>();
      Slice<Payment> page = byFee.slice(250);
      seen.addAll(ids(page.items()));
      while (page.nextCursor() != null) {
        page = byFee.after(page.nextCursor()).slice(250);
        seen.addAll(ids(page.items()));
      }
      assertThat(seen).as(descending ? "descending" : "ascending").containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aDeclaredDecimalIsReadInOrderThroughItsIndexByATypedQueryAndARepositoryMethod() throws Exception {
    String index = "query_payments_amount__id_idx";
    Plans.assertIndexOrdered(backend, index, Payment.in(db).query().orderBy(Payment.AMOUNT.desc()).limit(20).explain());
    Plans.assertIndexOrdered(backend, index, Payment.in(db).query().orderBy(Payment.AMOUNT.asc()).limit(20).explain());
    assertThat(PaymentRepository_Impl.FIND_TOP20_BY_ORDER_BY_AMOUNT_DESC)
        .endsWith("ORDER BY \"amount\" DESC NULLS LAST, \"_id\" DESC FETCH FIRST 20 ROWS ONLY");
    Plans.assertIndexOrdered(backend, index, explain(PaymentRepository_Impl.FIND_TOP20_BY_ORDER_BY_AMOUNT_DESC));
    Plans.assertIndexOrdered(backend, index,
        explain(PaymentRepository_Impl.FIND_TOP20_BY_AMOUNT_GREATER_THAN_ORDER_BY_AMOUNT_ASC, new BigDecimal("9.50")));

    PaymentRepository payments = Repositories.of(PaymentRepository.class, db);
    Comparator<Payment> byAmount = Comparator.comparing(Payment::getAmount).thenComparing(Payment::getId);
    assertThat(ids(payments.findTop20ByOrderByAmountDesc()))
        .containsExactlyElementsOf(ids(all.stream().sorted(byAmount.reversed()).limit(20).toList()));
  }

  @Test
  void onPostgresqlABareDecimalIsReadInOrderThroughItsIndexToo() {
    if (backend == Backend.POSTGRES) {
      Plans.assertIndexOrdered(backend, "query_payments_fee__id_idx",
          Payment.in(db).query().orderBy(Payment.FEE.desc()).limit(20).explain());
    }
  }

  private void assertFinds(io.pocketto.query.Condition<Payment> condition, Predicate<Payment> test) {
    Query<Payment> query = Payment.in(db).query().where(condition);
    assertThat(ids(query.list())).as(query.sql()).containsExactlyElementsOf(expected(test));
    assertThat(query.count()).as("count of " + query.sql()).isEqualTo(expected(test).size());
  }

  /** The ids of the payments that pass {@code test}, in id order, as a query without an order returns them. */
  private List<String> expected(Predicate<Payment> test) {
    return ids(all.stream().filter(test).sorted(Comparator.comparing(Payment::getId)).toList());
  }

  private static List<String> ids(List<Payment> payments) {
    return payments.stream().map(Payment::getId).toList();
  }

  /** The database's plan for a repository method's statement with these parameters. */
  private String explain(String sql, Object... parameters) throws Exception {
    return Plans.explain(backend, db, sql, parameters);
  }
}
