package io.pocketto.it.query;

import io.pocketto.it.BackendTest;

import static io.pocketto.it.query.Fixtures.ids;
import static io.pocketto.it.query.Fixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.Repositories;
import io.pocketto.it.query.InvoiceModel.Status;
import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The documented null rules: comparisons never take null (use isNull), ne and notIn include null
 * fields, ordering comparisons never match null.
 */
class QueryNullSemanticsTest extends BackendTest {

  @BeforeEach
  void seed() {
    saved(db, "set", i -> {
      i.setCustomer("ACME");
      i.setTotal(new BigDecimal("10"));
      i.setStatus(Status.SENT);
    });
    saved(db, "unset", i -> { });
  }

  @Test
  void eqWithNullIsRejectedWithAHintToUseIsNull() {
    assertThatThrownBy(() -> Invoice.CUSTOMER.eq(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("customer.eq(null)")
        .hasMessageContaining("customer.isNull()");
  }

  @Test
  void everyComparisonRejectsNull() {
    assertThatThrownBy(() -> Invoice.CUSTOMER.ne(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Invoice.TOTAL.gt(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Invoice.TOTAL.between(BigDecimal.ONE, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Invoice.CUSTOMER.like(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Invoice.CUSTOMER.startsWith(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inRejectsANullElement() {
    assertThatThrownBy(() -> Invoice.STATUS.in(Arrays.asList(Status.SENT, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null element");
  }

  @Test
  void isNullFindsTheDocumentsWithoutAValue() {
    assertThat(ids(Invoice.in(db).query().where(Invoice.CUSTOMER.isNull()).list())).containsExactly("unset");
  }

  @Test
  void neIncludesDocumentsWhoseFieldIsNull() {
    assertThat(ids(Invoice.in(db).query().where(Invoice.CUSTOMER.ne("Globex")).list())).containsExactly("set", "unset");
    assertThat(ids(Invoice.in(db).query().where(Invoice.CUSTOMER.ne("ACME")).list())).containsExactly("unset");
  }

  @Test
  void notInIncludesDocumentsWhoseFieldIsNull() {
    assertThat(ids(Invoice.in(db).query().where(Invoice.STATUS.notIn(Status.SENT)).list())).containsExactly("unset");
  }

  @Test
  void orderingComparisonsNeverMatchNull() {
    assertThat(ids(Invoice.in(db).query().where(Invoice.TOTAL.lt(new BigDecimal("1000"))).list())).containsExactly("set");
    assertThat(ids(Invoice.in(db).query().where(Invoice.CUSTOMER.like("%")).list())).containsExactly("set");
  }

  @Test
  void repositoryRejectsANullArgumentNamingTheParameter() {
    InvoiceRepository repository = Repositories.of(InvoiceRepository.class, db);
    assertThatThrownBy(() -> repository.findByCustomerOrderByIssuedOnDesc(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("findByCustomerOrderByIssuedOnDesc: argument 'customer' is null")
        .hasMessageContaining("IsNull");
  }

  @Test
  void repositoryNotIncludesDocumentsWhoseFieldIsNull() {
    InvoiceRepository repository = Repositories.of(InvoiceRepository.class, db);
    assertThat(ids(repository.findByCustomerNot("ACME"))).containsExactly("unset");
    assertThat(ids(repository.findByStatusNotIn(java.util.List.of(Status.SENT)))).containsExactly("unset");
  }
}
