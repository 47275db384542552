package io.pocketto.it;

import static io.pocketto.it.Invoices.newInvoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pocketto.ConflictException;
import io.pocketto.ConflictHandler;
import io.pocketto.DocumentNotFoundException;
import io.pocketto.InvalidDocumentException;
import io.pocketto.PockettoModule;
import io.pocketto.internal.Records;
import io.pocketto.it.model.EveryType;
import io.pocketto.it.model.SalesInvoice;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Records read back from JSON: {@code fromJson} gives the record {@code toJson} wrote, at its revision,
 * and saving it is an update against that revision, so a stale client copy gets the 409.
 */
class FromJsonTest extends BackendTest {

  @Test
  void toJsonThenFromJsonGivesAnEqualRecordAtTheSameRevision() {
    SalesInvoice saved = newInvoice("1", "INV-001");
    saved.setCustomer("Acme");
    saved.addLine("Consulting", 3, new BigDecimal("120.00"));
    saved.save();

    SalesInvoice read = SalesInvoice.fromJson(saved.toJson());

    assertThat(read.getId()).isEqualTo("1");
    assertThat(Records.sameFields(read, saved)).isTrue();
    assertThat(read.getTotal()).isEqualTo(new BigDecimal("360.00"));
    assertThat(read.getLines().get(0).unitPrice()).isEqualTo(new BigDecimal("120.00"));
    assertThat(read.meta()).isEqualTo(saved.meta());
    assertThat(read.isDirty()).isFalse();
    assertThat(read.toJson()).isEqualTo(saved.toJson());
  }

  @Test
  void everyTypeRoundTripsThroughJson() {
    EveryType saved = ValueRoundTripTest.everyValueSet(backend).save();
    EveryType found = EveryType.find("all").orElseThrow();

    EveryType read = EveryType.fromJson(found.toJson());

    assertThat(Records.sameFields(read, found)).isTrue();
    assertThat(read.getScores()).containsExactly(3, 1, 2);
    assertThat(read.getAmount()).isEqualTo(found.getAmount());
    assertThat(read.getRatio()).isEqualTo(0.1f);
    assertThat(read.getMeasureBox()).isEqualTo(Double.MIN_VALUE);
    assertThat(read.getLetter()).isEqualTo('ß');
    assertThat(read.meta().rev()).isEqualTo(saved.meta().rev());
    assertThat(read.toJson()).isEqualTo(found.toJson());
  }

  @Test
  void dirtyStateRoundTripsThroughBeforeUpdate() {
    SalesInvoice saved = newInvoice("1", "INV-001").save();
    saved.setNumber("INV-002");

    SalesInvoice read = SalesInvoice.fromJson(saved.toJson());

    assertThat(read.getNumber()).isEqualTo("INV-002");
    assertThat(read.meta().rev()).isEqualTo(saved.meta().rev());
    assertThat(read.meta().dirty()).containsExactly("number");
    assertThat(read.meta().beforeUpdate()).isEqualTo(Map.of("number", "INV-001"));
    assertThat(read.isDirty("number")).isTrue();
    assertThat(read.isDirty("customer")).isFalse();
  }

  @Test
  void fromJsonModifySaveIsAnUpdateAgainstTheDocumentsRevision() {
    SalesInvoice saved = newInvoice("1", "INV-001").save();
    String json = saved.toJson();

    SalesInvoice read = SalesInvoice.fromJson(json);
    read.setNumber("INV-002");
    read.save();

    assertThat(read.meta().rev()).startsWith("2-");
    assertThat(read.isDirty()).isFalse();
    SalesInvoice stored = SalesInvoice.find("1").orElseThrow();
    assertThat(stored.getNumber()).isEqualTo("INV-002");
    assertThat(stored.meta().rev()).isEqualTo(read.meta().rev());
  }

  @Test
  void fromJsonModifySaveOfAStaleDocumentIs409() {
    SalesInvoice saved = newInvoice("1", "INV-001").save();
    String clientCopy = saved.toJson();
    SalesInvoice other = SalesInvoice.find("1").orElseThrow();
    other.setCustomer("Someone else");
    other.save();

    SalesInvoice read = SalesInvoice.fromJson(clientCopy);
    read.setNumber("INV-002");
    ConflictException e = catchThrowableOfType(ConflictException.class, read::save);

    assertThat(e.status()).isEqualTo(409);
    assertThat(e.expectedRevision()).isEqualTo(saved.meta().rev());
    assertThat(e.revision()).isEqualTo(other.meta().rev());
    assertThat(e.deleted()).isFalse();
    assertThat(read.meta().rev()).isEqualTo(saved.meta().rev());
    assertThat(read.meta().dirty()).containsExactly("number");
    SalesInvoice stored = SalesInvoice.find("1").orElseThrow();
    assertThat(stored.getNumber()).isEqualTo("INV-001");
    assertThat(stored.getCustomer()).isEqualTo("Someone else");
  }

  @Test
  void fieldMergeOfAStaleClientCopyKeepsBothEditsWhenItSaysWhatItChanged() {
    SalesInvoice saved = newInvoice("1", "INV-001").save();
    SalesInvoice client = SalesInvoice.find("1").orElseThrow();
    client.setNumber("INV-CLIENT");
    String clientCopy = client.toJson();
    SalesInvoice other = SalesInvoice.find("1").orElseThrow();
    other.setCustomer("Someone else");
    other.save();

    SalesInvoice read = SalesInvoice.fromJson(clientCopy);
    read.save(ConflictHandler.FIELD_MERGE);

    SalesInvoice stored = SalesInvoice.find("1").orElseThrow();
    assertThat(stored.getNumber()).isEqualTo("INV-CLIENT");
    assertThat(stored.getCustomer()).isEqualTo("Someone else");
    assertThat(stored.meta().rev()).startsWith("3-").isEqualTo(read.meta().rev());
    assertThat(saved.meta().rev()).startsWith("1-");
  }

  @Test
  void conflictHandlerRefusesAStaleClientCopyThatDoesNotSayWhatItChanged() {
    SalesInvoice saved = newInvoice("1", "INV-001").save();
    SalesInvoice other = SalesInvoice.find("1").orElseThrow();
    other.setCustomer("Someone else");
    other.save();

    SalesInvoice read = SalesInvoice.fromJson(
        "{\"id\":\"1\",\"_rev\":\"" + saved.meta().rev() + "\",\"number\":\"INV-CLIENT\"}");
    ConflictException e = catchThrowableOfType(ConflictException.class, () -> read.save(ConflictHandler.FIELD_MERGE));

    // Without _before_update the merge would see no change by this client and silently drop its edit.
    assertThat(e.revision()).isEqualTo(other.meta().rev());
    assertThat(read.meta().rev()).isEqualTo(saved.meta().rev());
    assertThat(read.getNumber()).isEqualTo("INV-CLIENT");
    SalesInvoice stored = SalesInvoice.find("1").orElseThrow();
    assertThat(stored.getNumber()).isEqualTo("INV-001");
    assertThat(stored.meta().rev()).isEqualTo(other.meta().rev());
  }

  @Test
  void unchangedDocumentFromJsonStillWritesANewRevision() {
    SalesInvoice saved = newInvoice("1", "INV-001").save();

    SalesInvoice read = SalesInvoice.fromJson(saved.toJson());
    read.save();

    // The runtime cannot know that the client's copy equals the stored revision, so it writes.
    assertThat(read.meta().rev()).startsWith("2-");
    read.save();
    assertThat(read.meta().rev()).startsWith("2-");
  }

  @Test
  void couchStyleTopLevelRevIsTheRevisionToo() {
    SalesInvoice saved = newInvoice("1", "INV-001").save();

    SalesInvoice read = SalesInvoice.fromJson(
        "{\"id\":\"1\",\"_rev\":\"" + saved.meta().rev() + "\",\"number\":\"INV-009\"}");
    read.save();

    assertThat(read.meta().rev()).startsWith("2-");
    assertThat(SalesInvoice.find("1").orElseThrow().getNumber()).isEqualTo("INV-009");
  }

  @Test
  void documentWithoutRevisionIsANewRecord() {
    SalesInvoice read = SalesInvoice.fromJson("{\"id\":\"7\",\"number\":\"INV-007\",\"total\":19.90}");

    assertThat(read.meta().rev()).isNull();
    assertThat(read.meta().dirty()).containsExactly("number", "total");
    read.save();

    assertThat(read.meta().rev()).startsWith("1-");
    assertThat(SalesInvoice.find("7").orElseThrow().getTotal()).isEqualByComparingTo("19.90");
  }

  @Test
  void documentWithoutIdOrRevisionGetsAUuidOnSave() {
    SalesInvoice read = SalesInvoice.fromJson("{\"number\":\"INV-008\"}");
    read.save();

    assertThat(read.getId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void copyOfADocumentDeletedSinceGetsAConflictThatSaysDeleted() {
    SalesInvoice saved = newInvoice("1", "INV-001").save();
    String clientCopy = saved.toJson();
    SalesInvoice.find("1").orElseThrow().delete();

    SalesInvoice read = SalesInvoice.fromJson(clientCopy);
    read.setNumber("INV-002");
    ConflictException e = catchThrowableOfType(ConflictException.class, read::save);

    assertThat(e.deleted()).isTrue();
    assertThat(e.getMessage()).contains("was deleted");
    assertThat(SalesInvoice.find("1")).isEmpty();
  }

  @Test
  void jsonOfADeletedRecordDoesNotReviveIt() {
    SalesInvoice deleted = newInvoice("1", "INV-001").save();
    deleted.delete();

    SalesInvoice read = SalesInvoice.fromJson(deleted.toJson());
    DocumentNotFoundException e = catchThrowableOfType(DocumentNotFoundException.class, read::save);

    assertThat(e.getMessage()).contains("tombstone").contains("recreate()");
    assertThat(SalesInvoice.find("1")).isEmpty();
    assertThat(row(db, "sales_invoices", "1").get("_deleted")).isEqualTo(true);
  }

  @Test
  void registeredModuleWritesToJsonAndReadsItBack() throws Exception {
    ObjectMapper mapper = new ObjectMapper().registerModule(new PockettoModule());
    SalesInvoice saved = newInvoice("1", "INV-001");
    saved.addLine("Consulting", 3, new BigDecimal("120.00"));
    saved.save();
    saved.setNumber("INV-002");

    String written = mapper.writeValueAsString(saved);
    SalesInvoice read = mapper.readValue(written, SalesInvoice.class);

    assertThat(written).isEqualTo(saved.toJson());
    assertThat(Records.sameFields(read, saved)).isTrue();
    assertThat(read.meta()).isEqualTo(saved.meta());
    read.save();
    assertThat(SalesInvoice.find("1").orElseThrow().getNumber()).isEqualTo("INV-002");
  }

  @Test
  void registeredModuleNamesTheFieldOfABadDocument() {
    ObjectMapper mapper = new ObjectMapper().registerModule(new PockettoModule());

    JsonMappingException e = catchThrowableOfType(JsonMappingException.class,
        () -> mapper.readValue("{\"number\":\"INV-001\",\"total\":\"lots\"}", SalesInvoice.class));

    assertThat(e.getCause()).isInstanceOf(InvalidDocumentException.class);
    assertThat(((InvalidDocumentException) e.getCause()).field()).isEqualTo("total");
  }

  @Test
  void moduleReadsRecordsInsideOtherValues() throws Exception {
    ObjectMapper mapper = new ObjectMapper().registerModule(new PockettoModule());
    SalesInvoice a = newInvoice("a", "INV-A").save();
    SalesInvoice b = newInvoice("b", "INV-B").save();

    SalesInvoice[] read = mapper.readValue(mapper.writeValueAsString(new SalesInvoice[] {a, b}), SalesInvoice[].class);

    assertThat(read).extracting(SalesInvoice::getId).containsExactly("a", "b");
    assertThat(Set.of(read[0].meta().rev(), read[1].meta().rev())).containsExactlyInAnyOrder(a.meta().rev(), b.meta().rev());
  }
}
