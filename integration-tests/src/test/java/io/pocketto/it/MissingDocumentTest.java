package io.pocketto.it;

import static io.pocketto.it.Invoices.newInvoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pocketto.DocumentNotFoundException;
import io.pocketto.it.model.SalesInvoice;
import org.junit.jupiter.api.Test;

/** A write to a document whose row was removed behind Pocketto's back is a 404, not a conflict. */
class MissingDocumentTest extends BackendTest {

  @Test
  void savingARecordWhoseRowIsGoneIsNotFound() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();
    String rev = invoice.meta().rev();
    removeRow("1");
    invoice.setNumber("INV-002");

    DocumentNotFoundException e = catchThrowableOfType(DocumentNotFoundException.class, invoice::save);

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.id()).isEqualTo("1");
    assertThat(e.collection()).isEqualTo("sales_invoices");
    assertThat(invoice.meta().rev()).isEqualTo(rev);
    assertThat(invoice.isDirty()).isTrue();
  }

  @Test
  void deletingARecordWhoseRowIsGoneIsNotFound() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();
    removeRow("1");

    DocumentNotFoundException e = catchThrowableOfType(DocumentNotFoundException.class, invoice::delete);

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.id()).isEqualTo("1");
  }

  @Test
  void reloadingARecordWhoseRowIsGoneIsNotFound() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();
    removeRow("1");

    DocumentNotFoundException e = catchThrowableOfType(DocumentNotFoundException.class, invoice::reload);

    assertThat(e.status()).isEqualTo(404);
  }

  private void removeRow(String id) {
    assertThat(execute(db, "DELETE FROM \"sales_invoices\" WHERE \"_id\" = ?", id)).isEqualTo(1);
  }
}
