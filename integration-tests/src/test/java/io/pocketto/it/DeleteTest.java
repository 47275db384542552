package io.pocketto.it;

import static io.pocketto.it.Invoices.newInvoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pocketto.ConflictException;
import io.pocketto.DocumentNotFoundException;
import io.pocketto.it.model.SalesInvoice;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deleting writes a revision-checked tombstone that reads skip and a new record may overwrite. */
class DeleteTest extends BackendTest {

  @Test
  void deleteWritesATombstoneUnderANewRevision() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();
    String created = invoice.meta().rev();

    invoice.delete();

    Map<String, Object> row = row(db, "sales_invoices", "1");
    assertThat(row.get("_deleted")).isEqualTo(true);
    assertThat((String) row.get("_rev")).matches("2-[0-9a-f]{32}").isNotEqualTo(created);
    assertThat(invoice.meta().rev()).isEqualTo(row.get("_rev"));
  }

  @Test
  void findAllAndCountSkipDeletedDocuments() {
    newInvoice("1", "INV-001").save().delete();
    newInvoice("2", "INV-002").save();

    assertThat(SalesInvoice.find("1")).isEmpty();
    assertThat(SalesInvoice.all()).extracting(SalesInvoice::getId).containsExactly("2");
    assertThat(SalesInvoice.in(db).count()).isEqualTo(1);
  }

  @Test
  void deleteWithStaleRevisionIsAConflict() {
    SalesInvoice stale = newInvoice("1", "INV-001").save();
    SalesInvoice fresh = SalesInvoice.find("1").orElseThrow();
    fresh.setNumber("INV-002");
    fresh.save();

    ConflictException e = catchThrowableOfType(ConflictException.class, stale::delete);

    assertThat(e.status()).isEqualTo(409);
    assertThat(e.revision()).isEqualTo(fresh.meta().rev());
    assertThat(e.expectedRevision()).isEqualTo(stale.meta().rev());
    assertThat(SalesInvoice.find("1")).isPresent();
    assertThat(row(db, "sales_invoices", "1").get("_deleted")).isEqualTo(false);
  }

  @Test
  void deleteOfANeverSavedRecordIsRejected() {
    SalesInvoice invoice = newInvoice("1", "INV-001");

    assertThatThrownBy(invoice::delete)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("never saved");
  }

  @Test
  void deletedIdCanBeCreatedAgainOnTopOfTheTombstone() {
    newInvoice("1", "INV-001").save().delete();

    SalesInvoice again = newInvoice("1", "INV-AGAIN").save();

    assertThat(again.meta().rev()).matches("3-[0-9a-f]{32}");
    SalesInvoice found = SalesInvoice.find("1").orElseThrow();
    assertThat(found.getNumber()).isEqualTo("INV-AGAIN");
    assertThat(found.meta().rev()).isEqualTo(again.meta().rev());
    assertThat(row(db, "sales_invoices", "1").get("_deleted")).isEqualTo(false);
  }

  @Test
  void recreatedDocumentCanBeEditedAsUsual() {
    newInvoice("1", "INV-001").save().delete();
    SalesInvoice again = newInvoice("1", "INV-AGAIN").save();

    again.setNumber("INV-EDITED");
    again.save();

    assertThat(again.meta().rev()).startsWith("4-");
    assertThat(SalesInvoice.find("1").orElseThrow().getNumber()).isEqualTo("INV-EDITED");
  }

  @Test
  void saveAfterDeleteIsRefusedAndDoesNotReviveTheDocument() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();
    invoice.delete();
    String tombstone = invoice.meta().rev();

    DocumentNotFoundException e = catchThrowableOfType(DocumentNotFoundException.class, invoice::save);

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.getMessage()).contains("was deleted").contains(tombstone).contains("recreate()");
    assertThat(SalesInvoice.find("1")).isEmpty();
    assertThat(row(db, "sales_invoices", "1")).containsEntry("_deleted", true).containsEntry("_rev", tombstone);
  }

  @Test
  void editedDeletedRecordIsNotRevivedBySaveEither() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();
    invoice.delete();
    invoice.setNumber("INV-002");

    assertThatThrownBy(invoice::save).isInstanceOf(DocumentNotFoundException.class);
    assertThat(SalesInvoice.find("1")).isEmpty();
  }

  @Test
  void recreateStoresADeletedRecordAgainOnTopOfItsTombstone() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();
    invoice.delete();
    invoice.setNumber("INV-BACK");

    invoice.recreate();

    assertThat(invoice.meta().rev()).startsWith("3-");
    SalesInvoice found = SalesInvoice.find("1").orElseThrow();
    assertThat(found.getNumber()).isEqualTo("INV-BACK");
    assertThat(found.meta().rev()).isEqualTo(invoice.meta().rev());
    invoice.setNumber("INV-EDITED");
    invoice.save();
    assertThat(SalesInvoice.find("1").orElseThrow().getNumber()).isEqualTo("INV-EDITED");
  }

  @Test
  void recreateOfARecordThatIsNotDeletedIsRefused() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();

    assertThatThrownBy(invoice::recreate)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not deleted");
  }

  @Test
  void recreateOverATombstoneThatMovedOnIsAConflict() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();
    invoice.delete();
    SalesInvoice other = newInvoice("1", "INV-OTHER").save();

    ConflictException e = catchThrowableOfType(ConflictException.class, invoice::recreate);

    assertThat(e.revision()).isEqualTo(other.meta().rev());
    assertThat(SalesInvoice.find("1").orElseThrow().getNumber()).isEqualTo("INV-OTHER");
  }

  @Test
  void staleCopySavedOverATombstoneGetsAConflictThatSaysDeleted() {
    SalesInvoice stale = newInvoice("1", "INV-001").save();
    SalesInvoice deleter = SalesInvoice.find("1").orElseThrow();
    deleter.delete();
    stale.setNumber("INV-002");

    ConflictException e = catchThrowableOfType(ConflictException.class, stale::save);

    assertThat(e.deleted()).isTrue();
    assertThat(e.getMessage()).contains("was deleted").contains(deleter.meta().rev());
    assertThat(e.toJson()).isEqualTo("{\"name\":\"conflict\",\"message\":\"Document update conflict\",\"status\":409,"
        + "\"error\":true,\"reason\":\"Document update conflict\",\"revision\":\"" + deleter.meta().rev() + "\"}");
    assertThat(SalesInvoice.find("1")).isEmpty();
  }

  @Test
  void staleWriterCannotResurrectADeletedDocument() {
    SalesInvoice stale = newInvoice("1", "INV-001").save();
    SalesInvoice deleter = SalesInvoice.find("1").orElseThrow();
    deleter.delete();
    stale.setNumber("INV-002");

    ConflictException e = catchThrowableOfType(ConflictException.class, stale::save);

    assertThat(e.revision()).isEqualTo(deleter.meta().rev());
    assertThat(SalesInvoice.find("1")).isEmpty();
  }

  @Test
  void reloadOfADeletedDocumentIsNotFound() {
    newInvoice("1", "INV-001").save();
    SalesInvoice reader = SalesInvoice.find("1").orElseThrow();
    SalesInvoice.find("1").orElseThrow().delete();

    DocumentNotFoundException e = catchThrowableOfType(DocumentNotFoundException.class, reader::reload);

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.id()).isEqualTo("1");
    assertThat(e.collection()).isEqualTo("sales_invoices");
    assertThat(e.getMessage()).contains("deleted");
  }
}
