package io.pocketto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.SchemaMismatchException;
import io.pocketto.it.model.ContactRetyped;
import io.pocketto.it.model.ContactV1;
import io.pocketto.it.model.ContactV2;
import io.pocketto.it.model.EveryType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On a model's first use, its table is compared with its fields: a column of another type is an error
 * before any write, and a column no field maps to is a warning that leaves its data alone.
 */
class SchemaDriftTest extends BackendTest {
  /** The type names each database reports for the columns below. */
  private static final Map<String, String[]> INT_AND_TEXT = Map.of(
      "H2", new String[] {"INTEGER", "CHARACTER VARYING"},
      "PostgreSQL", new String[] {"int4", "text"});

  @Test
  void fieldWhoseColumnHasAnotherTypeIsAnErrorNamingFieldColumnAndBothTypes() {
    ContactV2 ada = new ContactV2();
    ada.setId("c1");
    ada.setName("Ada");
    ada.setVisits(3);
    ada.saveTo(db);

    SchemaMismatchException e = catchThrowableOfType(SchemaMismatchException.class, () -> ContactRetyped.in(db));

    String[] types = INT_AND_TEXT.get(backend.dialect());
    assertThat(e.field()).isEqualTo("visits");
    assertThat(e.column()).isEqualTo("visits");
    assertThat(e.columnType()).isEqualTo(types[0]);
    assertThat(e.expectedType()).isEqualTo(types[1]);
    assertThat(e.getMessage()).contains("ContactRetyped field 'visits'").contains("contacts.visits")
        .contains(types[0]).contains(types[1]);
  }

  @Test
  void mismatchIsRaisedBeforeAnyWriteAndOnEveryUse() {
    ContactV2.in(db).count();
    ContactRetyped retyped = new ContactRetyped();
    retyped.setId("c2");
    retyped.setVisits("many");

    SchemaMismatchException first = catchThrowableOfType(SchemaMismatchException.class, () -> retyped.saveTo(db));
    SchemaMismatchException again = catchThrowableOfType(SchemaMismatchException.class, () -> retyped.saveTo(db));

    assertThat(first).isNotNull();
    assertThat(again).isNotNull();
    assertThat(retyped.meta().rev()).isNull();
    assertThat(query(db, "SELECT * FROM \"contacts\"")).isEmpty();
  }

  @Test
  void tableOfEveryTypeMatchesItsModelWithoutAWarning() {
    EveryType saved = ValueRoundTripTest.everyValueSet(backend).save();
    Database second = track(Pocketto.connect(db.url()));

    String log = StandardError.capturedWhile(() -> assertThat(EveryType.in(second).count()).isEqualTo(1));

    assertThat(log).doesNotContain("WARN");
    assertThat(EveryType.in(second).find("all").orElseThrow().meta().rev()).isEqualTo(saved.meta().rev());
  }

  @Test
  void columnNoFieldMapsToIsAWarningNamingItAndItsDataStays() {
    ContactV2 ada = new ContactV2();
    ada.setId("c1");
    ada.setName("Ada");
    ada.setEmail("ada@example.com");
    ada.setVisits(3);
    ada.saveTo(db);

    String log = StandardError.capturedWhile(() -> ContactV1.in(db).count());
    ContactV1 old = ContactV1.in(db).find("c1").orElseThrow();
    old.setName("Ada L.");
    old.save();

    assertThat(log).contains("WARN").contains("Table contacts has column email, which no field of ContactV1 maps to")
        .contains("column visits");
    assertThat(row(db, "contacts", "c1"))
        .containsEntry("name", "Ada L.")
        .containsEntry("email", "ada@example.com")
        .containsEntry("visits", 3);
  }
}
