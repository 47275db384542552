package io.pocketto.it;

import static io.pocketto.it.Invoices.newInvoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.it.model.SalesInvoice;
import org.junit.jupiter.api.Test;

/**
 * Which database static methods and {@code save()} use: the default one, an explicit one, or the one a
 * record came from.
 */
class DefaultDatabaseTest extends BackendTest {

  @Test
  void firstDatabaseOpenedBecomesTheDefault() {
    db.close();
    Database first = open();
    Database second = open();

    assertThat(Pocketto.defaultDatabase()).isSameAs(first).isNotSameAs(second);
  }

  @Test
  void setDefaultChangesTheDefault() {
    Database other = open();

    Pocketto.setDefault(other);

    assertThat(Pocketto.defaultDatabase()).isSameAs(other);
  }

  @Test
  void closingTheDefaultLeavesNoDefault() {
    Database other = open();

    db.close();

    assertThatThrownBy(Pocketto::defaultDatabase).isInstanceOf(IllegalStateException.class);
    assertThat(other.isClosed()).isFalse();
  }

  @Test
  void closingAnotherDatabaseKeepsTheDefault() {
    Database other = open();

    other.close();

    assertThat(Pocketto.defaultDatabase()).isSameAs(db);
  }

  @Test
  void withoutAnyDatabaseDefaultDatabaseExplainsWhatToDo() {
    db.close();

    assertThatThrownBy(Pocketto::defaultDatabase)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no default database")
        .hasMessageContaining("Pocketto.connect(")
        .hasMessageContaining(".in(database)");
  }

  @Test
  void staticFindWithoutAnyDatabaseExplainsWhatToDo() {
    db.close();

    assertThatThrownBy(() -> SalesInvoice.find("1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no default database");
  }

  @Test
  void setDefaultRejectsClosedDatabase() {
    Database other = open();
    other.close();

    assertThatThrownBy(() -> Pocketto.setDefault(other)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Pocketto.setDefault(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Pocketto.defaultDatabase()).isSameAs(db);
  }

  @Test
  void staticFindAndAllUseTheDefaultAndInUsesTheExplicitDatabase() {
    Database other = open();
    newInvoice("1", "IN-DEFAULT").save();
    newInvoice("1", "IN-OTHER").saveTo(other);

    assertThat(SalesInvoice.find("1").orElseThrow().getNumber()).isEqualTo("IN-DEFAULT");
    assertThat(SalesInvoice.all()).extracting(SalesInvoice::getNumber).containsExactly("IN-DEFAULT");
    assertThat(SalesInvoice.in(other).find("1").orElseThrow().getNumber()).isEqualTo("IN-OTHER");
    assertThat(SalesInvoice.in(other).all()).extracting(SalesInvoice::getNumber).containsExactly("IN-OTHER");

    Pocketto.setDefault(other);

    assertThat(SalesInvoice.find("1").orElseThrow().getNumber()).isEqualTo("IN-OTHER");
  }

  @Test
  void newRecordSavedToAnotherDatabaseIsStoredOnlyThere() {
    Database other = open();

    SalesInvoice invoice = newInvoice("1", "INV-001").saveTo(other);

    assertThat(SalesInvoice.in(other).find("1")).isPresent();
    assertThat(SalesInvoice.find("1")).isEmpty();
    assertThat(invoice.meta().rev()).matches("1-[0-9a-f]{32}");
  }

  @Test
  void loadedRecordSavesBackToItsOwnDatabase() {
    Database other = open();
    newInvoice("1", "INV-001").saveTo(other);
    SalesInvoice loaded = SalesInvoice.in(other).find("1").orElseThrow();

    loaded.setNumber("INV-002");
    loaded.save();

    assertThat(SalesInvoice.in(other).find("1").orElseThrow().getNumber()).isEqualTo("INV-002");
    assertThat(SalesInvoice.find("1")).isEmpty();
  }

  @Test
  void recordSavedToAnotherDatabaseKeepsSavingThere() {
    Database other = open();
    SalesInvoice invoice = newInvoice("1", "INV-001").saveTo(other);

    invoice.setNumber("INV-002");
    invoice.save();

    assertThat(SalesInvoice.in(other).find("1").orElseThrow().getNumber()).isEqualTo("INV-002");
    assertThat(SalesInvoice.find("1")).isEmpty();
  }

  @Test
  void savingALoadedRecordToAnotherDatabaseIsRejected() {
    Database other = open();
    newInvoice("1", "INV-001").save();
    SalesInvoice loaded = SalesInvoice.find("1").orElseThrow();
    loaded.setNumber("INV-002");

    assertThatThrownBy(() -> loaded.saveTo(other))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'1'")
        .hasMessageContaining("belongs to");
    assertThat(SalesInvoice.in(other).find("1")).isEmpty();
    assertThat(loaded.isDirty()).isTrue();
  }

  @Test
  void saveToRequiresADatabase() {
    SalesInvoice invoice = newInvoice("1", "INV-001");

    assertThatThrownBy(() -> invoice.saveTo(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(invoice.meta().rev()).isNull();
  }
}
