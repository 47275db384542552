package io.pocketto.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.internal.ColumnType;
import io.pocketto.processor.DerivedQuery.Action;
import io.pocketto.processor.DerivedQuery.Criterion;
import io.pocketto.processor.DerivedQuery.Operator;
import io.pocketto.processor.DerivedQuery.QueryProperty;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which fields a method name pins to one value, the input of the shared sort rule ({@code PinnedKeys}). */
class DerivedQueryTest {
  private static final QueryProperty CUSTOMER = new QueryProperty("customer", "customer", ColumnType.STRING, null);
  private static final QueryProperty PAID = new QueryProperty("paid", "paid", ColumnType.BOOLEAN, null);
  private static final QueryProperty TOTAL = new QueryProperty("total", "total", ColumnType.DECIMAL, null);

  private static DerivedQuery find(List<List<Criterion>> groups) {
    return new DerivedQuery(Action.FIND, 0, groups, List.of());
  }

  @Test
  void anEqualityOrATruthValueInTheOnlyGroupPinsItsField() {
    DerivedQuery query = find(List.of(List.of(new Criterion(CUSTOMER, Operator.EQ, false),
        new Criterion(TOTAL, Operator.GT, false), new Criterion(PAID, Operator.TRUE, false))));

    assertThat(query.pinned()).containsExactly(CUSTOMER, PAID);
  }

  @Test
  void nothingIsPinnedUnderAnOrNorByAnEqualityIgnoringCaseOrANegation() {
    assertThat(find(List.of(List.of(new Criterion(CUSTOMER, Operator.EQ, false)),
        List.of(new Criterion(PAID, Operator.FALSE, false)))).pinned()).isEmpty();
    assertThat(find(List.of(List.of(new Criterion(CUSTOMER, Operator.EQ, true),
        new Criterion(TOTAL, Operator.NE, false)))).pinned()).isEmpty();
    assertThat(find(List.of()).pinned()).isEmpty();
  }
}
