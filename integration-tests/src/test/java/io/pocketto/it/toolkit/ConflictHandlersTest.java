package io.pocketto.it.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.ConflictException;
import io.pocketto.ConflictHandler;
import io.pocketto.ConflictInput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each built-in handler on the seed's invoice: client A edits a stale copy after client B saved. */
class ConflictHandlersTest extends ToolkitTest {
  private Invoice clientA;
  private Invoice clientB;

  @BeforeEach
  void seed() {
    Invoice invoice = new Invoice();
    invoice.setId("1");
    invoice.setNumber("INV-001");
    invoice.setCustomer("Acme");
    invoice.saveTo(db);
    clientA = Invoice.in(db).find("1").orElseThrow();
    clientB = Invoice.in(db).find("1").orElseThrow();
  }


  private Invoice stored() {
    return Invoice.in(db).find("1").orElseThrow();
  }

  @Test
  void withoutAHandlerSaveStaysStrict() {
    clientB.setNumber("INV-002");
    clientB.save();
    clientA.setNumber("INV-003");

    assertThatThrownBy(clientA::save).isInstanceOf(ConflictException.class);
    assertThatThrownBy(clientA::saveResolving)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no conflict handler is configured for Invoice");
    assertThat(clientA.meta().rev()).startsWith("1-");
  }

  @Test
  void masterWinsKeepsTheStoredStateAndWritesNothing() {
    clientB.setNumber("INV-002");
    clientB.save();
    clientA.setNumber("INV-003");

    clientA.save(ConflictHandler.MASTER_WINS);

    assertThat(clientA.getNumber()).isEqualTo("INV-002");
    assertThat(clientA.meta().rev()).isEqualTo(clientB.meta().rev());
    assertThat(clientA.isDirty()).isFalse();
    assertThat(stored().meta().rev()).isEqualTo(clientB.meta().rev());
  }

  @Test
  void lastWriteWinsWritesThisWritersStateAsANewRevision() {
    clientB.setNumber("INV-002");
    clientB.setCustomer("Beta");
    clientB.save();
    clientA.setNumber("INV-003");

    clientA.save(ConflictHandler.LAST_WRITE_WINS);

    Invoice stored = stored();
    assertThat(stored.getNumber()).isEqualTo("INV-003");
    assertThat(stored.getCustomer()).isEqualTo("Acme");
    assertThat(stored.meta().rev()).startsWith("3-").isEqualTo(clientA.meta().rev());
  }

  @Test
  void fieldMergeKeepsBothEditsWhenClientsChangedDifferentFields() {
    clientB.setCustomer("Beta Pte Ltd");
    clientB.save();
    clientA.setNumber("INV-003");

    clientA.save(ConflictHandler.FIELD_MERGE);

    Invoice stored = stored();
    assertThat(stored.getNumber()).isEqualTo("INV-003");
    assertThat(stored.getCustomer()).isEqualTo("Beta Pte Ltd");
    assertThat(stored.meta().rev()).startsWith("3-");
    assertThat(clientA.getCustomer()).isEqualTo("Beta Pte Ltd");
    assertThat(clientA.isDirty()).isFalse();
  }

  @Test
  void fieldMergeRaisesAConflictNamingFieldsBothChangedAndLeavesTheRecordAsItWas() {
    clientB.setNumber("INV-002");
    clientB.setCustomer("Beta");
    clientB.save();
    clientA.setNumber("INV-003");
    clientA.getTags().add("mine");
    String revBefore = clientA.meta().rev();

    assertThatThrownBy(() -> clientA.save(ConflictHandler.FIELD_MERGE))
        .isInstanceOfSatisfying(ConflictException.class, e -> {
          assertThat(e.conflictingFields()).containsExactly("number");
          assertThat(e.revision()).isEqualTo(clientB.meta().rev());
          assertThat(e.expectedRevision()).isEqualTo(revBefore);
        });
    assertThat(clientA.meta().rev()).isEqualTo(revBefore);
    assertThat(clientA.getNumber()).isEqualTo("INV-003");
    assertThat(clientA.getCustomer()).isEqualTo("Acme");
    assertThat(clientA.meta().dirty()).containsExactly("number", "tags");
    assertThat(stored().getNumber()).isEqualTo("INV-002");
  }

  @Test
  void fieldMergeHandsTrueConflictsToItsFallback() {
    clientB.setNumber("INV-002");
    clientB.setCustomer("Beta");
    clientB.save();
    clientA.setNumber("INV-003");

    clientA.save(ConflictHandler.FIELD_MERGE.withFallback(ConflictHandler.LAST_WRITE_WINS));

    assertThat(stored().getNumber()).isEqualTo("INV-003");
    assertThat(stored().getCustomer()).isEqualTo("Acme");
  }

  @Test
  void aCustomHandlerSeesTheThreeStatesWithRxdbsNames() {
    clientB.setCustomer("Beta");
    clientB.save();
    clientA.setNumber("INV-003");
    List<String> seen = new ArrayList<>();

    clientA.save(new ConflictHandler<Invoice>() {
      @Override
      public Invoice resolve(ConflictInput<Invoice> in) {
        seen.add(in.assumedMasterState().getNumber() + "/" + in.assumedMasterState().getCustomer());
        seen.add(in.newDocumentState().getNumber() + "/" + in.newDocumentState().getCustomer());
        seen.add(in.realMasterState().getNumber() + "/" + in.realMasterState().getCustomer());
        seen.add(in.changedByThisWriter() + " " + in.changedByOthers() + " " + in.conflictingFields());
        Invoice merged = in.merged();
        merged.setCustomer(merged.getCustomer() + " (merged)");
        return merged;
      }
    });

    assertThat(seen).containsExactly("INV-001/Acme", "INV-003/Acme", "INV-001/Beta", "[number] [customer] []");
    assertThat(stored().getCustomer()).isEqualTo("Beta (merged)");
    assertThat(stored().getNumber()).isEqualTo("INV-003");
  }

  @Test
  void whenThisWritersStateEqualsTheStoredOneNothingIsResolvedOrWritten() {
    clientB.setNumber("INV-002");
    clientB.save();
    clientA.setNumber("INV-002");
    List<String> calls = new ArrayList<>();

    clientA.save(new ConflictHandler<Invoice>() {
      @Override
      public Invoice resolve(ConflictInput<Invoice> in) {
        calls.add("resolve");
        return in.newDocumentState();
      }
    });

    assertThat(calls).isEmpty();
    assertThat(clientA.meta().rev()).isEqualTo(clientB.meta().rev());
  }

  @Test
  void aHandlersOwnIsEqualDecidesWhetherThereIsAnythingToResolve() {
    clientB.setNumber("inv-002");
    clientB.save();
    clientA.setNumber("INV-002");
    List<String> calls = new ArrayList<>();

    clientA.save(new ConflictHandler<Invoice>() {
      @Override
      public boolean isEqual(Invoice mine, Invoice stored) {
        calls.add("isEqual " + mine.getNumber() + " " + stored.getNumber());
        return mine.getNumber().equalsIgnoreCase(stored.getNumber());
      }

      @Override
      public Invoice resolve(ConflictInput<Invoice> in) {
        calls.add("resolve");
        return in.newDocumentState();
      }
    });

    assertThat(calls).containsExactly("isEqual INV-002 inv-002");
    assertThat(clientA.getNumber()).isEqualTo("inv-002");
    assertThat(clientA.meta().rev()).isEqualTo(clientB.meta().rev());
  }

  @Test
  void aHandlerSetAtRunTimeMakesPlainSaveResolve() {
    Invoice.in(db).setConflictHandler(ConflictHandler.FIELD_MERGE);
    clientB.setCustomer("Beta");
    clientB.save();
    clientA.setNumber("INV-003");

    clientA.save();

    assertThat(stored().getNumber()).isEqualTo("INV-003");
    assertThat(stored().getCustomer()).isEqualTo("Beta");
    Invoice.in(db).setConflictHandler(null);
    assertThat(Invoice.in(db).conflictHandler()).isNull();
  }

  @Test
  void aHandlerNamedInTheModelAnnotationMakesPlainSaveResolve() {
    MergingNote note = new MergingNote();
    note.setId("n");
    note.setTitle("Title");
    note.setBody("Body");
    note.saveTo(db);
    MergingNote a = MergingNote.in(db).find("n").orElseThrow();
    MergingNote b = MergingNote.in(db).find("n").orElseThrow();
    b.setBody("Body edited by B");
    b.save();
    a.setTitle("Title edited by A");

    a.save();

    MergingNote stored = MergingNote.in(db).find("n").orElseThrow();
    assertThat(stored.getTitle()).isEqualTo("Title edited by A");
    assertThat(stored.getBody()).isEqualTo("Body edited by B");
    assertThat(MergingNote.in(db).conflictHandler().name()).isEqualTo("FIELD_MERGE");
  }

  @Test
  void aHandlerReturningNullIsAClearError() {
    clientB.setNumber("INV-002");
    clientB.save();
    clientA.setNumber("INV-003");

    assertThatThrownBy(() -> clientA.save(new ConflictHandler<Invoice>() {
      @Override
      public Invoice resolve(ConflictInput<Invoice> in) {
        return null;
      }
    })).isInstanceOf(IllegalStateException.class).hasMessageContaining("returned null for invoices/1");
    assertThat(clientA.meta().rev()).startsWith("1-");
  }
}
