package io.pocketto.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.ConflictHandler;
import io.pocketto.Database;
import io.pocketto.it.model.SalesInvoice;
import io.pocketto.sync.Remote;
import io.pocketto.sync.Replication;
import io.pocketto.sync.ReplicationConflict;
import io.pocketto.sync.SyncResult;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The shapes a replication conflict takes: delete against edit, one id created twice, same and different fields. */
class ConflictShapesTest extends SyncTestBase {
  private Database a;
  private Database b;
  private Replication syncA;
  private Replication syncB;

  private void twoClients(ConflictHandler<? super SalesInvoice> handlerOfA, boolean withInvoice) {
    if (withInvoice) {
      SalesInvoice invoice = new SalesInvoice();
      invoice.setId("1");
      invoice.setNumber("INV-001");
      invoice.setCustomer("Acme");
      invoice.saveTo(db);
    }
    Remote remote = remoteFor(server());
    a = newClient("a");
    b = newClient("b");
    Replication.Builder builder = Replication.of(a, remote).models(SalesInvoice.class);
    if (handlerOfA != null) {
      builder.conflictHandler(SalesInvoice.class, handlerOfA);
    }
    syncA = keep(builder.build());
    syncB = replicate(b, remote);
    syncA.syncOnce();
    syncB.syncOnce();
  }

  private static void edit(Database client, Consumer<SalesInvoice> change) {
    SalesInvoice invoice = SalesInvoice.in(client).find("1").orElseThrow();
    change.accept(invoice);
    invoice.save();
  }

  private static void delete(Database client) {
    SalesInvoice.in(client).find("1").orElseThrow().delete();
  }

  @Test
  void aDeleteMeetingAnEditIsListedWithTheLiveMaster() {
    twoClients(null, true);
    delete(a);
    edit(b, i -> i.setNumber("INV-002"));
    syncB.syncOnce();

    SyncResult result = syncA.syncOnce();

    assertThat(result.conflicts()).hasSize(1);
    ReplicationConflict<SalesInvoice> conflict = syncA.conflicts(SalesInvoice.class).get(0);
    assertThat(conflict.local().meta().rev()).startsWith("2-");
    assertThat(SalesInvoice.in(a).find("1")).as("still deleted locally").isEmpty();
    assertThat(conflict.master().getNumber()).isEqualTo("INV-002");
    assertThat(SalesInvoice.in(db).find("1")).isPresent();

    conflict.resolve(conflict.master());
    syncA.syncOnce();
    syncB.syncOnce();
    assertConverged("1", db, a, b);
    assertThat(SalesInvoice.in(a).find("1").orElseThrow().getNumber()).isEqualTo("INV-002");
  }

  @Test
  void withFieldMergeAnEditWinsOverADeleteMadeElsewhere() {
    twoClients(ConflictHandler.FIELD_MERGE, true);
    delete(a);
    edit(b, i -> i.setNumber("INV-002"));
    syncB.syncOnce();

    assertThat(syncA.syncOnce().conflicts()).isEmpty();
    syncB.syncOnce();

    assertConverged("1", db, a, b);
    assertThat(SalesInvoice.in(a).find("1").orElseThrow().getNumber()).isEqualTo("INV-002");
    assertThat(stored(db, "1").meta().rev()).as("the master's edit, adopted as it is").startsWith("2-");
  }

  @Test
  void withFieldMergeAnEditMadeHereRevivesADeleteMadeElsewhere() {
    twoClients(ConflictHandler.FIELD_MERGE, true);
    edit(a, i -> i.setCustomer("Globex"));
    delete(b);
    syncB.syncOnce();
    assertThat(SalesInvoice.in(db).find("1")).isEmpty();

    assertThat(syncA.syncOnce().conflicts()).isEmpty();
    syncB.syncOnce();

    assertConverged("1", db, a, b);
    SalesInvoice revived = SalesInvoice.in(db).find("1").orElseThrow();
    assertThat(revived.getCustomer()).isEqualTo("Globex");
    assertThat(revived.meta().rev()).startsWith("3-");
    assertThat(SalesInvoice.in(b).find("1")).isPresent();
  }

  @Test
  void theSameIdCreatedOfflineOnBothClientsIsAConflictWithTheFirstCreate() {
    twoClients(null, false);
    SalesInvoice mine = new SalesInvoice();
    mine.setId("7");
    mine.setNumber("INV-A");
    mine.saveTo(a);
    SalesInvoice theirs = new SalesInvoice();
    theirs.setId("7");
    theirs.setNumber("INV-B");
    theirs.saveTo(b);
    syncB.syncOnce();

    SyncResult result = syncA.syncOnce();

    assertThat(result.conflicts()).hasSize(1);
    ReplicationConflict<SalesInvoice> conflict = syncA.conflicts(SalesInvoice.class).get(0);
    assertThat(conflict.id()).isEqualTo("7");
    assertThat(conflict.error().revision()).isEqualTo(theirs.meta().rev());
    assertThat(conflict.error().expectedRevision()).as("a create assumes nothing").isNull();
    assertThat(conflict.assumedMaster()).as("nor does its assumed master state").isNull();
    assertThat(conflict.master().getNumber()).isEqualTo("INV-B");

    SalesInvoice keepMine = conflict.master();
    keepMine.setNumber("INV-A");
    conflict.resolve(keepMine);
    syncA.syncOnce();
    syncB.syncOnce();
    assertConverged("7", db, a, b);
    assertThat(stored(b, "7").getNumber()).isEqualTo("INV-A");
    assertThat(stored(b, "7").meta().rev()).startsWith("2-");
  }

  @Test
  void theSameEditOnBothClientsMakesTheSameRevisionAndNoConflict() {
    twoClients(null, true);
    edit(a, i -> i.setNumber("INV-002"));
    edit(b, i -> i.setNumber("INV-002"));
    syncB.syncOnce();

    SyncResult result = syncA.syncOnce();

    assertThat(result.conflicts()).isEmpty();
    assertConverged("1", db, a, b);
    assertThat(syncA.status().pendingChanges()).isZero();
  }

  @Test
  void editsToDifferentFieldsWithNoHandlerAreStillAConflict() {
    twoClients(null, true);
    edit(a, i -> i.setCustomer("Globex"));
    edit(b, i -> i.setNumber("INV-002"));
    syncB.syncOnce();

    SyncResult result = syncA.syncOnce();

    assertThat(result.conflicts()).hasSize(1);
    assertThat(result.conflicts().get(0).error().conflictingFields()).as("different fields: no field conflicts").isEmpty();
    assertThat(stored(a, "1").getCustomer()).isEqualTo("Globex");
  }

  @Test
  void tombstonesReplicateBothWays() {
    twoClients(null, true);
    SalesInvoice second = new SalesInvoice();
    second.setId("2");
    second.setNumber("INV-009");
    second.saveTo(db);
    syncA.syncOnce();
    syncB.syncOnce();

    SalesInvoice.in(db).find("2").orElseThrow().delete();   // deleted on the master
    delete(a);                                              // deleted on a client
    syncA.syncOnce();
    syncB.syncOnce();

    for (Database everyone : new Database[] {db, a, b}) {
      assertThat(SalesInvoice.in(everyone).find("1")).as("1 in %s", everyone).isEmpty();
      assertThat(SalesInvoice.in(everyone).find("2")).as("2 in %s", everyone).isEmpty();
      assertThat(stored(everyone, "1").meta().rev()).isEqualTo(stored(db, "1").meta().rev());
      assertThat(stored(everyone, "2").meta().rev()).isEqualTo(stored(db, "2").meta().rev());
    }
  }
}
