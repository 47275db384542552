package io.pocketto.it;

import static io.pocketto.it.Invoices.newInvoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.it.model.SalesInvoice;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Document ids in storage: generated when absent, fixed once saved, and never interpreted as SQL. */
class IdTest extends BackendTest {

  @Test
  void recordSavedWithoutIdGetsAUuidV7() {
    SalesInvoice invoice = new SalesInvoice();
    invoice.setNumber("INV-001");
    assertThat(invoice.getId()).isNull();

    invoice.save();

    UUID id = UUID.fromString(invoice.getId());
    assertThat(id.toString()).isEqualTo(invoice.getId());
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(SalesInvoice.find(invoice.getId())).isPresent();
  }

  @Test
  void idSetBackToNullIsAssignedAUuidV7OnSave() {
    SalesInvoice invoice = newInvoice("chosen", "INV-001");

    invoice.setId(null);
    invoice.save();

    assertThat(UUID.fromString(invoice.getId()).version()).isEqualTo(7);
    assertThat(SalesInvoice.find(invoice.getId())).isPresent();
    assertThat(SalesInvoice.find("chosen")).isEmpty();
  }

  @Test
  void idOfASavedRecordCannotBeCleared() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();

    assertThatThrownBy(() -> invoice.setId(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot be cleared");
    assertThat(invoice.getId()).isEqualTo("1");
    invoice.setNumber("INV-002");
    invoice.save();
    assertThat(SalesInvoice.find("1").orElseThrow().getNumber()).isEqualTo("INV-002");
  }

  @Test
  void generatedIdsAreDistinctAndStartWithTheCurrentTime() {
    long before = System.currentTimeMillis();
    SalesInvoice first = new SalesInvoice().save();
    SalesInvoice second = new SalesInvoice().save();
    long after = System.currentTimeMillis();

    assertThat(first.getId()).isNotEqualTo(second.getId());
    long millis = UUID.fromString(first.getId()).getMostSignificantBits() >>> 16;
    assertThat(millis).isBetween(before, after);
  }

  @Test
  void idOfASavedRecordCannotChange() {
    SalesInvoice invoice = newInvoice("1", "INV-001").save();

    assertThatThrownBy(() -> invoice.setId("2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot change")
        .hasMessageContaining("'1'");
    assertThat(invoice.getId()).isEqualTo("1");
  }

  @Test
  void idOfALoadedRecordCannotChange() {
    newInvoice("1", "INV-001").save();
    SalesInvoice loaded = SalesInvoice.find("1").orElseThrow();

    assertThatThrownBy(() -> loaded.setId("2")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void idOfANewRecordCanChangeBeforeItIsSaved() {
    SalesInvoice invoice = newInvoice("1", "INV-001");

    invoice.setId("2");
    invoice.save();

    assertThat(SalesInvoice.find("2")).isPresent();
    assertThat(SalesInvoice.find("1")).isEmpty();
  }

  @Test
  void sqlInIdsIsJustData() {
    newInvoice("a", "INV-A").save();
    newInvoice("' OR 1=1 --", "INV-INJECTION").save();

    assertThat(SalesInvoice.find("' OR 1=1 --").orElseThrow().getNumber()).isEqualTo("INV-INJECTION");
    assertThat(SalesInvoice.find("x' OR '1'='1")).isEmpty();
    assertThat(SalesInvoice.all()).extracting(SalesInvoice::getId).containsExactlyInAnyOrder("a", "' OR 1=1 --");
  }

  @Test
  void unicodeIdsRoundTrip() {
    String id = "請求書-😀-ü";
    newInvoice(id, "INV-UNICODE").save();

    SalesInvoice found = SalesInvoice.find(id).orElseThrow();

    assertThat(found.getId()).isEqualTo(id);
    assertThat(found.getNumber()).isEqualTo("INV-UNICODE");
    assertThat(SalesInvoice.find("請求書-😀-u")).isEmpty();
  }

  @Test
  void idOfMaximumLengthIsStored() {
    String id = "x".repeat(255);
    newInvoice(id, "INV-LONG").save();

    assertThat(SalesInvoice.find(id).orElseThrow().getId()).isEqualTo(id);
  }

  @Test
  void allListsDocumentsOrderedById() {
    newInvoice("b", "INV-B").save();
    newInvoice("c", "INV-C").save();
    newInvoice("a", "INV-A").save();

    assertThat(SalesInvoice.all()).extracting(SalesInvoice::getId).containsExactly("a", "b", "c");
  }

  @Test
  void findWithNullIdIsRejected() {
    assertThatThrownBy(() -> SalesInvoice.find(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
