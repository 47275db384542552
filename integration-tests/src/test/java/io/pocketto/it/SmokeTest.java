package io.pocketto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.ConflictException;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.it.model.SalesInvoice;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void seedScenario() {
    try (Database db = Pocketto.connect("jdbc:h2:mem:smoke")) {
      SalesInvoice a = new SalesInvoice();
      a.setId("1");
      a.setNumber("INV-001");
      a.save();
      assertThat(a.meta().rev()).matches("1-[0-9a-f]{32}");
      SalesInvoice b = SalesInvoice.in(db).find("1").orElseThrow();
      b.setNumber("INV-002");
      assertThat(b.meta().dirty()).containsExactly("number");
      assertThat(b.meta().beforeUpdate()).containsEntry("number", "INV-001");
      b.save();
      assertThat(b.meta().rev()).startsWith("2-");
      a.setNumber("INV-003");
      assertThatThrownBy(a::save).isInstanceOf(ConflictException.class);
      System.out.println(a);
      System.out.println(b.toJson());
    }
  }
}
