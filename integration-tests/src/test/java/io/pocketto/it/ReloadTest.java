package io.pocketto.it;

import static io.pocketto.it.Invoices.newInvoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.it.model.InvoiceLine;
import io.pocketto.it.model.SalesInvoice;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** {@code reload()} replaces a record's fields and revision with what is stored now. */
class ReloadTest extends BackendTest {

  @Test
  void reloadDiscardsUnsavedChanges() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();
    String rev = invoice.meta().rev();
    invoice.setNumber("INV-UNSAVED");
    invoice.addLine("Widget", 1, new BigDecimal("1.00"));

    invoice.reload();

    assertThat(invoice.getNumber()).isEqualTo("INV-001");
    assertThat(invoice.getLines()).isEmpty();
    assertThat(invoice.getTotal()).isNull();
    assertThat(invoice.isDirty()).isFalse();
    assertThat(invoice.meta().rev()).isEqualTo(rev);
  }

  @Test
  void reloadPicksUpAnotherWritersRevision() {
    SalesInvoice mine = newInvoice("1", "INV-001").save();
    SalesInvoice theirs = SalesInvoice.find("1").orElseThrow();
    theirs.setNumber("INV-THEIRS");
    theirs.save();

    mine.reload();

    assertThat(mine.getNumber()).isEqualTo("INV-THEIRS");
    assertThat(mine.meta().rev()).isEqualTo(theirs.meta().rev());
    assertThat(mine.isDirty()).isFalse();
  }

  @Test
  void reloadedRecordCanSaveOnTopOfTheOtherWriter() {
    SalesInvoice mine = newInvoice("1", "INV-001").save();
    SalesInvoice theirs = SalesInvoice.find("1").orElseThrow();
    theirs.setCustomer("ACME");
    theirs.save();

    mine.reload();
    mine.setNumber("INV-MINE");
    mine.save();

    SalesInvoice stored = SalesInvoice.find("1").orElseThrow();
    assertThat(stored.getNumber()).isEqualTo("INV-MINE");
    assertThat(stored.getCustomer()).isEqualTo("ACME");
    assertThat(stored.meta().rev()).startsWith("3-");
  }

  @Test
  void reloadOfANeverSavedRecordIsRejected() {
    SalesInvoice invoice = newInvoice("1", "INV-001");

    assertThatThrownBy(invoice::reload).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void reloadedListIsNotSharedWithTheSnapshot() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();
    invoice.reload();

    invoice.getLines().add(new InvoiceLine("Widget", 1, BigDecimal.ONE));

    assertThat(invoice.isDirty("lines")).isTrue();
  }
}
