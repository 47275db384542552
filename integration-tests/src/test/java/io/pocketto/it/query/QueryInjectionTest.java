package io.pocketto.it.query;

import io.pocketto.it.BackendTest;

import static io.pocketto.it.query.Fixtures.ids;
import static io.pocketto.it.query.Fixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.Repositories;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Values are always bound parameters: SQL inside an id or a value is just data. */
class QueryInjectionTest extends BackendTest {
  private static final String ATTACK = "x' OR 1=1 --";
  private InvoiceRepository repository;

  @BeforeEach
  void seed() {
    repository = Repositories.of(InvoiceRepository.class, db);
    saved(db, "plain", i -> i.setCustomer("ACME"));
    saved(db, ATTACK, i -> i.setCustomer(ATTACK));
  }

  @Test
  void anIdContainingSqlFindsOnlyThatDocument() {
    assertThat(Invoice.in(db).find(ATTACK)).map(Invoice::getId).contains(ATTACK);
    assertThat(ids(repository.findByIdIn(List.of(ATTACK)))).containsExactly(ATTACK);
    assertThat(repository.findByIdIn(List.of("nope' OR 1=1 --"))).isEmpty();
  }

  @Test
  void aValueContainingSqlMatchesOnlyEqualValues() {
    assertThat(ids(Invoice.in(db).query().where(Invoice.CUSTOMER.eq(ATTACK)).list())).containsExactly(ATTACK);
    assertThat(Invoice.in(db).query().where(Invoice.CUSTOMER.eq("nope' OR 1=1 --")).list()).isEmpty();
    assertThat(repository.findByCustomerOrderByIssuedOnDesc("nope' OR '1'='1")).isEmpty();
    assertThat(repository.countByCustomerStartingWith("' OR 1=1 --")).isZero();
  }

  @Test
  void theStatementTextNeverContainsAValue() {
    String sql = Invoice.in(db).query().where(Invoice.CUSTOMER.eq(ATTACK)).sql();
    assertThat(sql).doesNotContain("1=1").contains("\"customer\" = ?");
  }

  @Test
  void likeWildcardsInPlainTextAreLiteral() {
    saved(db, "percent", i -> i.setCustomer("100% ACME"));
    assertThat(ids(repository.findByCustomerContaining("%"))).containsExactly("percent");
    assertThat(ids(repository.findByCustomerContaining("_"))).isEmpty();
  }
}
