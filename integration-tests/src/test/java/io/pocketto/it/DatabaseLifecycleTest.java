package io.pocketto.it;

import static io.pocketto.it.Invoices.newInvoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.it.model.EveryType;
import io.pocketto.it.model.SalesInvoice;
import org.junit.jupiter.api.Test;

/** Opening, closing and reopening a database. */
class DatabaseLifecycleTest extends BackendTest {

  @Test
  void databaseIsClosedByTryWithResources() {
    Database inner;
    try (Database opened = open()) {
      inner = opened;
      assertThat(inner.isClosed()).isFalse();
    }

    assertThat(inner.isClosed()).isTrue();
  }

  @Test
  void reportsItsUrlAndDialect() {
    String url = backend.freshUrl(scratchDir);
    Database opened = track(Pocketto.connect(url));

    assertThat(opened.url()).isEqualTo(url);
    assertThat(opened.dialectName()).isEqualTo(backend.dialect());
  }

  @Test
  void closedDatabaseRejectsReadsAndWrites() {
    SalesInvoice loaded = newInvoice("1", "INV-001").save();
    loaded.setNumber("INV-002");

    db.close();

    assertThatThrownBy(() -> SalesInvoice.in(db).find("1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(loaded::save)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(loaded.meta().rev()).startsWith("1-");
  }

  @Test
  void closedDatabaseRejectsAModelItHasNotSeenYet() {
    db.close();

    assertThatThrownBy(() -> EveryType.in(db).count())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void closingTwiceIsHarmless() {
    db.close();
    db.close();

    assertThat(db.isClosed()).isTrue();
  }

  @Test
  void reopeningTheSameUrlKeepsDataOnlyOnDurableBackends() {
    String url = backend.freshUrl(scratchDir);
    try (Database first = track(Pocketto.connect(url))) {
      newInvoice("1", "INV-001").saveTo(first);
    }

    Database second = track(Pocketto.connect(url));

    if (backend.durable()) {
      SalesInvoice found = SalesInvoice.in(second).find("1").orElseThrow();
      assertThat(found.getNumber()).isEqualTo("INV-001");
      assertThat(found.meta().rev()).matches("1-[0-9a-f]{32}");
    } else {
      assertThat(SalesInvoice.in(second).count()).isZero();
    }
  }

  @Test
  void recordOfAClosedDatabaseCannotBeSavedToItsReopenedSuccessor() {
    String url = backend.freshUrl(scratchDir);
    Database first = track(Pocketto.connect(url));
    SalesInvoice old = newInvoice("1", "INV-001").saveTo(first);
    first.close();
    Database second = track(Pocketto.connect(url));
    old.setNumber("INV-002");

    assertThatThrownBy(() -> old.saveTo(second)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void twoDatabasesOnTheSameUrlSeeEachOthersWrites() {
    Database twin = track(Pocketto.connect(db.url()));
    newInvoice("1", "INV-001").save();

    SalesInvoice viaTwin = SalesInvoice.in(twin).find("1").orElseThrow();
    viaTwin.setNumber("INV-TWIN");
    viaTwin.save();

    assertThat(SalesInvoice.find("1").orElseThrow().getNumber()).isEqualTo("INV-TWIN");
  }

  @Test
  void closingOneOfTwoDatabasesOnTheSameUrlLeavesTheOtherWorking() {
    Database twin = track(Pocketto.connect(db.url()));
    newInvoice("1", "INV-001").save();

    twin.close();

    assertThat(SalesInvoice.find("1").orElseThrow().getNumber()).isEqualTo("INV-001");
    newInvoice("2", "INV-002").save();
    assertThat(SalesInvoice.in(db).count()).isEqualTo(2);
  }

  @Test
  void inMemoryDatabaseIsDroppedWhenTheLastDatabaseOnItCloses() {
    String url = backend.freshUrl(scratchDir);
    Database first = track(Pocketto.connect(url));
    Database second = track(Pocketto.connect(url));
    newInvoice("1", "INV-001").saveTo(first);
    first.close();
    second.close();

    Database reopened = track(Pocketto.connect(url));

    assertThat(SalesInvoice.in(reopened).count()).isEqualTo(backend.durable() ? 1 : 0);
  }
}
