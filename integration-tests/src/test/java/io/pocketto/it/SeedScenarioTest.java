package io.pocketto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pocketto.ConflictException;
import io.pocketto.it.model.SalesInvoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seed document "Data Conflict", step by step: create, edit, save, and the stale writer's 409. */
class SeedScenarioTest extends BackendTest {
  private static final String REV = "[0-9a-f]{32}";

  @Test
  void firstSaveGivesRevisionOfHeightOne() {
    SalesInvoice a = new SalesInvoice();
    a.setId("1");
    a.setNumber("INV-001");
    a.save();

    assertThat(a.meta().rev()).matches("1-" + REV);
  }

  @Test
  void findReturnsTheStoredDocumentAsOptional() {
    SalesInvoice a = invoiceOne();

    Optional<SalesInvoice> found = SalesInvoice.find("1");

    assertThat(found).get().satisfies(b -> {
      assertThat(b.getId()).isEqualTo("1");
      assertThat(b.getNumber()).isEqualTo("INV-001");
      assertThat(b.meta().rev()).isEqualTo(a.meta().rev());
    });
    assertThat(SalesInvoice.find("2")).isEmpty();
  }

  @Test
  void editMarksFieldDirtyAndKeepsItsValueBeforeUpdate() {
    invoiceOne();
    SalesInvoice b = SalesInvoice.find("1").orElseThrow();

    b.setNumber("INV-002");

    assertThat(b.meta().dirty()).containsExactly("number");
    assertThat(b.meta().beforeUpdate()).containsExactly(Map.entry("number", "INV-001"));
  }

  @Test
  void saveOfEditGivesRevisionOfHeightTwoAndCleansTheRecord() {
    SalesInvoice a = invoiceOne();
    SalesInvoice b = SalesInvoice.find("1").orElseThrow();
    b.setNumber("INV-002");

    b.save();

    assertThat(b.meta().rev()).matches("2-" + REV).isNotEqualTo(a.meta().rev());
    assertThat(b.meta().dirty()).isEmpty();
    assertThat(b.meta().beforeUpdate()).isEmpty();
  }

  @Test
  void staleSaveRaises409WithCurrentRevision() {
    SalesInvoice a = invoiceOne();
    String aRev = a.meta().rev();
    SalesInvoice b = SalesInvoice.find("1").orElseThrow();
    b.setNumber("INV-002");
    b.save();

    a.setNumber("INV-003");
    ConflictException e = catchThrowableOfType(ConflictException.class, a::save);

    assertThat(e.status()).isEqualTo(409);
    assertThat(e.name()).isEqualTo("conflict");
    assertThat(e.getMessage()).isEqualTo("Document update conflict");
    assertThat(e.reason()).isEqualTo("Document update conflict");
    assertThat(e.revision()).isEqualTo(b.meta().rev());
    assertThat(e.id()).isEqualTo("1");
    assertThat(e.collection()).isEqualTo("sales_invoices");
    assertThat(e.expectedRevision()).isEqualTo(aRev);
  }

  @Test
  void conflictJsonIsTheSeedErrorObjectExactly() throws Exception {
    invoiceOne();
    SalesInvoice a = SalesInvoice.find("1").orElseThrow();
    SalesInvoice b = SalesInvoice.find("1").orElseThrow();
    b.setNumber("INV-002");
    b.save();
    a.setNumber("INV-003");

    ConflictException e = catchThrowableOfType(ConflictException.class, a::save);

    String bRev = b.meta().rev();
    JsonNode actual = new ObjectMapper().readTree(e.toJson());
    JsonNode expected = new ObjectMapper().readTree("{\"name\":\"conflict\",\"message\":\"Document update conflict\","
        + "\"status\":409,\"error\":true,\"reason\":\"Document update conflict\",\"revision\":\"" + bRev + "\"}");
    assertThat(actual).isEqualTo(expected);
    List<String> keys = new ArrayList<>();
    actual.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("name", "message", "status", "error", "reason", "revision");
    assertThat(actual.get("status").isInt()).isTrue();
    assertThat(actual.get("error").isBoolean()).isTrue();
    assertThat(bRev).matches("2-" + REV);
  }

  private static SalesInvoice invoiceOne() {
    SalesInvoice a = new SalesInvoice();
    a.setId("1");
    a.setNumber("INV-001");
    return a.save();
  }
}
