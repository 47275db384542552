package io.pocketto.it;

import static io.pocketto.it.Invoices.newInvoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pocketto.ConflictException;
import io.pocketto.Meta;
import io.pocketto.it.model.SalesInvoice;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** What a rejected write reports, what it leaves behind, and how the seed's recipe resolves it. */
class ConflictTest extends BackendTest {

  @Test
  void creatingAnExistingIdIsAnImmediateConflict() {
    SalesInvoice first = newInvoice("1", "INV-001").save();
    SalesInvoice second = newInvoice("1", "INV-999");

    ConflictException e = catchThrowableOfType(ConflictException.class, second::save);

    assertThat(e.status()).isEqualTo(409);
    assertThat(e.id()).isEqualTo("1");
    assertThat(e.expectedRevision()).isNull();
    assertThat(e.revision()).isEqualTo(first.meta().rev());
    assertThat(SalesInvoice.find("1").orElseThrow().getNumber()).isEqualTo("INV-001");
  }

  @Test
  void failedCreateLeavesTheNewRecordUnsaved() {
    newInvoice("1", "INV-001").save();
    SalesInvoice second = newInvoice("1", "INV-999");

    catchThrowableOfType(ConflictException.class, second::save);

    assertThat(second.meta().rev()).isNull();
    assertThat(second.getId()).isEqualTo("1");
    assertThat(second.meta().dirty()).containsExactly("number");
  }

  @Test
  void failedSaveLeavesTheRecordExactlyAsItWas() {
    SalesInvoice a = newInvoice("1", "INV-001").save();
    SalesInvoice b = SalesInvoice.find("1").orElseThrow();
    b.setNumber("INV-002");
    b.save();
    a.setNumber("INV-003");
    a.addLine("Widget", 2, new BigDecimal("5.00"));
    Meta before = a.meta();

    catchThrowableOfType(ConflictException.class, a::save);

    assertThat(a.meta()).isEqualTo(before);
    assertThat(a.meta().rev()).matches("1-[0-9a-f]{32}");
    assertThat(a.meta().dirty()).containsExactly("number", "total", "lines");
    assertThat(a.meta().beforeUpdate()).containsEntry("number", "INV-001");
    assertThat(a.isDirty()).isTrue();
    assertThat(a.getNumber()).isEqualTo("INV-003");
    assertThat(a.getTotal()).isEqualByComparingTo("10");
  }

  @Test
  void failedSaveCanBeRetriedOnlyAfterFindingTheLatestRevision() {
    SalesInvoice a = newInvoice("1", "INV-001").save();
    SalesInvoice b = SalesInvoice.find("1").orElseThrow();
    b.setNumber("INV-002");
    b.save();
    a.setNumber("INV-003");
    catchThrowableOfType(ConflictException.class, a::save);

    // Saving the same stale instance again is still a conflict: nothing was silently merged.
    ConflictException again = catchThrowableOfType(ConflictException.class, a::save);
    assertThat(again.revision()).isEqualTo(b.meta().rev());

    SalesInvoice latest = SalesInvoice.find("1").orElseThrow();
    latest.setNumber("INV-003");
    latest.save();

    assertThat(latest.meta().rev()).matches("3-[0-9a-f]{32}");
    SalesInvoice stored = SalesInvoice.find("1").orElseThrow();
    assertThat(stored.getNumber()).isEqualTo("INV-003");
    assertThat(stored.meta().rev()).isEqualTo(latest.meta().rev());
  }

  @Test
  void rejectedWriteDoesNotChangeTheStoredDocument() {
    SalesInvoice a = newInvoice("1", "INV-001").save();
    SalesInvoice b = SalesInvoice.find("1").orElseThrow();
    b.setNumber("INV-002");
    b.save();
    a.setNumber("INV-003");

    catchThrowableOfType(ConflictException.class, a::save);

    assertThat(row(db, "sales_invoices", "1"))
        .containsEntry("number", "INV-002")
        .containsEntry("_rev", b.meta().rev());
  }
}
