package io.pocketto.it;

import static io.pocketto.it.Invoices.newInvoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.it.model.InvoiceLine;
import io.pocketto.it.model.SalesInvoice;
import io.pocketto.it.model.SalesInvoiceModel.Status;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which fields count as changed, however they were changed, and what a save of a clean record does. */
class DirtyTrackingTest extends BackendTest {

  @Test
  void loadedRecordIsClean() {
    newInvoice("1", "INV-001").save();

    SalesInvoice loaded = SalesInvoice.find("1").orElseThrow();

    assertThat(loaded.isDirty()).isFalse();
    assertThat(loaded.meta().dirty()).isEmpty();
    assertThat(loaded.meta().beforeUpdate()).isEmpty();
  }

  @Test
  void fieldsWrittenDirectlyByModelMethodsAreDirty() {
    newInvoice("1", "INV-001").save();
    SalesInvoice invoice = SalesInvoice.find("1").orElseThrow();

    invoice.addLine("Widget", 3, new BigDecimal("2.50"));

    assertThat(invoice.meta().dirty()).containsExactly("total", "lines");
    assertThat(invoice.meta().beforeUpdate())
        .containsEntry("total", null)
        .containsEntry("lines", List.of());
    assertThat(invoice.isDirty("total")).isTrue();
    assertThat(invoice.isDirty("lines")).isTrue();
    assertThat(invoice.isDirty("number")).isFalse();
  }

  @Test
  void listMutatedInPlaceIsDirtyAndKeepsItsOldValue() {
    SalesInvoice saved = newInvoice("1", "INV-001");
    saved.addLine("Widget", 1, new BigDecimal("1.00"));
    saved.save();
    SalesInvoice invoice = SalesInvoice.find("1").orElseThrow();

    invoice.getLines().add(new InvoiceLine("Gadget", 2, new BigDecimal("3.00")));

    assertThat(invoice.isDirty("lines")).isTrue();
    assertThat(invoice.meta().dirty()).containsExactly("lines");
    assertThat(invoice.meta().beforeUpdate().get("lines"))
        .isEqualTo(List.of(new InvoiceLine("Widget", 1, new BigDecimal("1.00"))));
  }

  @Test
  void listMutatedInPlaceIsSaved() {
    newInvoice("1", "INV-001").save();
    SalesInvoice invoice = SalesInvoice.find("1").orElseThrow();
    invoice.getLines().add(new InvoiceLine("Gadget", 2, new BigDecimal("3.00")));

    invoice.save();

    assertThat(invoice.meta().rev()).startsWith("2-");
    assertThat(SalesInvoice.find("1").orElseThrow().getLines())
        .containsExactly(new InvoiceLine("Gadget", 2, new BigDecimal("3.00")));
  }

  @Test
  void fieldSetBackToItsOriginalValueIsCleanAgain() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();

    invoice.setNumber("INV-002");
    assertThat(invoice.isDirty()).isTrue();
    invoice.setNumber("INV-001");

    assertThat(invoice.isDirty()).isFalse();
    assertThat(invoice.isDirty("number")).isFalse();
    assertThat(invoice.meta().dirty()).isEmpty();
  }

  @Test
  void decimalWithOnlyADifferentScaleIsNotAChange() {
    SalesInvoice invoice = newInvoice("1", "INV-001");
    invoice.setTotal(new BigDecimal("1.5"));
    invoice.save();

    invoice.setTotal(new BigDecimal("1.50"));

    assertThat(invoice.isDirty("total")).isFalse();
  }

  @Test
  void isDirtyOfOneFieldIgnoresTheOthers() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();

    invoice.setCustomer("ACME");

    assertThat(invoice.isDirty("customer")).isTrue();
    assertThat(invoice.isDirty("number")).isFalse();
    assertThat(invoice.isDirty()).isTrue();
  }

  @Test
  void isDirtyOfUnknownFieldListsTheModelsFields() {
    SalesInvoice invoice = new SalesInvoice();

    assertThatThrownBy(() -> invoice.isDirty("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nope'")
        .hasMessageContaining("[number, customer, total, issuedOn, status, lines]");
  }

  @Test
  void saveOfACleanRecordWritesNothingAndKeepsItsRevision() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();
    String rev = invoice.meta().rev();
    Map<String, Object> before = row(db, "sales_invoices", "1");
    SalesInvoice loaded = SalesInvoice.find("1").orElseThrow();

    invoice.save();
    loaded.save();

    assertThat(invoice.meta().rev()).isEqualTo(rev);
    assertThat(loaded.meta().rev()).isEqualTo(rev);
    Map<String, Object> after = row(db, "sales_invoices", "1");
    assertThat(after.get("_seq")).isEqualTo(before.get("_seq"));
    assertThat(after.get("_updated_at")).isEqualTo(before.get("_updated_at"));
    assertThat(after.get("_rev")).isEqualTo(rev);
  }

  @Test
  void saveOfARecordSetBackToItsValuesWritesNothing() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();
    Object seq = row(db, "sales_invoices", "1").get("_seq");

    invoice.setNumber("INV-002");
    invoice.setNumber("INV-001");
    invoice.save();

    assertThat(invoice.meta().rev()).startsWith("1-");
    assertThat(row(db, "sales_invoices", "1").get("_seq")).isEqualTo(seq);
  }

  @Test
  void newRecordListsTheFieldsSetComparedWithAFreshInstance() {
    SalesInvoice invoice = new SalesInvoice();
    invoice.setNumber("INV-001");
    invoice.setIssuedOn(LocalDate.of(2024, 2, 29));
    invoice.setStatus(Status.DRAFT);

    assertThat(invoice.isDirty()).isTrue();
    assertThat(invoice.meta().dirty()).containsExactly("number", "issuedOn", "status");
    assertThat(invoice.meta().beforeUpdate())
        .containsEntry("number", null)
        .containsEntry("issuedOn", null)
        .containsEntry("status", null)
        .hasSize(3);
    assertThat(invoice.meta().rev()).isNull();
  }

  @Test
  void newRecordWithNothingSetIsCleanButStillSaved() {
    SalesInvoice invoice = new SalesInvoice();
    assertThat(invoice.isDirty()).isFalse();

    invoice.save();

    assertThat(invoice.meta().rev()).matches("1-[0-9a-f]{32}");
    assertThat(SalesInvoice.find(invoice.getId())).isPresent();
  }

  @Test
  void savedRecordIsCleanWithItsSavedValuesAsTheNewBaseline() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();
    invoice.setNumber("INV-002");
    invoice.save();

    invoice.setNumber("INV-001");

    assertThat(invoice.meta().beforeUpdate()).containsExactly(Map.entry("number", "INV-002"));
  }
}
