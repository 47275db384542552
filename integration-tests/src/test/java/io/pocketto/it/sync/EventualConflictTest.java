package io.pocketto.it.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pocketto.ConflictException;
import io.pocketto.ConflictHandler;
import io.pocketto.Database;
import io.pocketto.Revision;
import io.pocketto.it.model.SalesInvoice;
import io.pocketto.sync.Remote;
import io.pocketto.sync.Replication;
import io.pocketto.sync.ReplicationConflict;
import io.pocketto.sync.SyncResult;
import io.pocketto.sync.SyncServer;
import org.junit.jupiter.api.Test;

/**
 * The seed's eventual conflict (pocketto-data-conflict.md), exactly: two clients synced at 9-..., both
 * offline; A saves INV-003 (10-x), B saves INV-002 (10-y); B syncs first, then A.
 */
class EventualConflictTest extends SyncTestBase {
  protected Database a;
  protected Database b;
  protected Replication syncA;
  protected Replication syncB;

  /** The invoice at revision 9 on the master, and both clients synced with it. */
  private void bothSyncedAtNine(ConflictHandler<? super SalesInvoice> handlerOfA) {
    SalesInvoice invoice = new SalesInvoice();
    invoice.setId("1");
    invoice.setNumber("INV-001");
    invoice.setCustomer("Acme");
    invoice.saveTo(db);
    for (int i = 2; i <= 9; i++) {
      invoice.setCustomer("Acme " + i);
      invoice.save();
    }
    assertThat(invoice.meta().rev()).startsWith("9-");
    SyncServer server = server();
    Remote remote = remoteFor(server);
    a = newClient("client-a");
    b = newClient("client-b");
    Replication.Builder builderA = Replication.of(a, remote).models(SalesInvoice.class);
    if (handlerOfA != null) {
      builderA.conflictHandler(SalesInvoice.class, handlerOfA);
    }
    syncA = keep(builderA.build());
    syncB = replicate(b, remote);
    assertThat(syncA.syncOnce().pulled()).isEqualTo(1);
    assertThat(syncB.syncOnce().pulled()).isEqualTo(1);
    assertThat(stored(a, "1").meta().rev()).isEqualTo(invoice.meta().rev());
    assertThat(stored(b, "1").meta().rev()).isEqualTo(invoice.meta().rev());
  }

  private static SalesInvoice edit(Database client, java.util.function.Consumer<SalesInvoice> change) {
    SalesInvoice invoice = SalesInvoice.in(client).find("1").orElseThrow();
    change.accept(invoice);
    return invoice.save();
  }

  @Test
  void theSecondToSyncGetsTheSeeds409WithTheFirstsRevisionAndKeepsItsRecord() {
    bothSyncedAtNine(null);
    SalesInvoice invoiceA = edit(a, i -> i.setNumber("INV-003"));
    SalesInvoice invoiceB = edit(b, i -> i.setNumber("INV-002"));
    String x = invoiceA.meta().rev();
    String y = invoiceB.meta().rev();
    assertThat(x).startsWith("10-");
    assertThat(y).startsWith("10-").isNotEqualTo(x);

    assertThat(syncB.syncOnce().pushed()).isEqualTo(1);
    SyncResult resultA = syncA.syncOnce();

    assertThat(resultA.pushed()).isZero();
    assertThat(resultA.conflicts()).hasSize(1);
    ReplicationConflict<?> conflict = resultA.conflicts().get(0);
    assertThat(conflict.id()).isEqualTo("1");
    assertThat(conflict.error().toJson()).isEqualTo("{\"name\":\"conflict\",\"message\":\"Document update conflict\","
        + "\"status\":409,\"error\":true,\"reason\":\"Document update conflict\",\"revision\":\"" + y + "\"}");
    assertThat(conflict.error().conflictingFields()).containsExactly("number");
    assertThat(((SalesInvoice) conflict.local()).getNumber()).isEqualTo("INV-003");
    assertThat(((SalesInvoice) conflict.master()).getNumber()).isEqualTo("INV-002");
    assertThat(((SalesInvoice) conflict.master()).meta().rev()).isEqualTo(y);
    SalesInvoice assumed = (SalesInvoice) conflict.assumedMaster();
    assertThat(assumed.meta().rev()).as("the state A's edit started from").isEqualTo(conflict.error().expectedRevision())
        .startsWith("9-");
    assertThat(assumed.getNumber()).isEqualTo("INV-001");
    assertThat(assumed.getCustomer()).isEqualTo("Acme 9");
    SalesInvoice localA = stored(a, "1");
    assertThat(localA.meta().rev()).as("A's record is unchanged").isEqualTo(x);
    assertThat(localA.getNumber()).isEqualTo("INV-003");
    assertThat(stored(db, "1").meta().rev()).isEqualTo(y);
    assertThat(syncA.conflicts()).hasSize(1);
    assertThat(syncA.status().pendingChanges()).isEqualTo(1);

    SyncResult again = syncA.syncOnce();
    assertThat(again.pushed()).as("an open conflict is not pushed again").isZero();
    assertThat(again.conflicts()).hasSize(1);
    assertThat(stored(a, "1").meta().rev()).isEqualTo(x);
    assertThat(stored(db, "1").meta().rev()).isEqualTo(y);
  }

  @Test
  void theSeedsRecipeTakeTheMasterReapplySaveSyncConvergesAllThree() {
    bothSyncedAtNine(null);
    edit(a, i -> i.setNumber("INV-003"));
    String y = edit(b, i -> i.setNumber("INV-002")).meta().rev();
    syncB.syncOnce();
    ReplicationConflict<SalesInvoice> conflict = syncA.syncOnce().conflicts().isEmpty() ? null
        : syncA.conflicts(SalesInvoice.class).get(0);
    assertThat(conflict).isNotNull();

    SalesInvoice latest = conflict.master();       // 1. the latest document
    latest.setNumber("INV-003");                   // 2. the field you wish to replace
    SalesInvoice saved = conflict.resolve(latest); // 3. save it again
    assertThat(saved.meta().rev()).startsWith("11-");
    assertThat(syncA.conflicts()).isEmpty();
    SyncResult pushed = syncA.syncOnce();
    SyncResult pulled = syncB.syncOnce();

    assertThat(pushed.pushed()).isEqualTo(1);
    assertThat(pushed.conflicts()).isEmpty();
    assertThat(pulled.pulled()).isEqualTo(1);
    assertConverged("1", db, a, b);
    SalesInvoice master = stored(db, "1");
    assertThat(master.meta().rev()).isEqualTo(saved.meta().rev());
    assertThat(Revision.parse(master.meta().rev()).height()).isEqualTo(11);
    assertThat(master.getNumber()).isEqualTo("INV-003");
    assertThat(y).startsWith("10-");
    assertThat(syncA.status().pendingChanges()).isZero();
    assertThat(syncB.status().pendingChanges()).isZero();
  }

  @Test
  void aConflictListedBeforeANewerMasterRevisionArrivedIsRefusedOnResolveAndNothingIsLost() {
    bothSyncedAtNine(null);
    String x = edit(a, i -> i.setNumber("INV-003")).meta().rev();
    edit(b, i -> i.setNumber("INV-002"));
    syncB.syncOnce();
    syncA.syncOnce();
    ReplicationConflict<SalesInvoice> listed = syncA.conflicts(SalesInvoice.class).get(0);
    String z = edit(b, i -> i.setCustomer("Globex")).meta().rev();
    syncB.syncOnce();
    syncA.syncOnce(); // pulls z: the open conflict now shows it

    ConflictException refused = catchThrowableOfType(ConflictException.class, () -> listed.resolve(listed.master()));

    assertThat(refused.revision()).as("the newer master revision").isEqualTo(z);
    assertThat(stored(a, "1").meta().rev()).as("nothing written").isEqualTo(x);
    ReplicationConflict<SalesInvoice> current = syncA.conflicts(SalesInvoice.class).get(0);
    assertThat(current.master().getCustomer()).isEqualTo("Globex");
    current.resolve(current.master());
    syncA.syncOnce();
    syncB.syncOnce();
    assertConverged("1", db, a, b);
    assertThat(stored(db, "1").getCustomer()).as("B's later edit survives").isEqualTo("Globex");
    assertThat(stored(db, "1").meta().rev()).isEqualTo(z);
  }

  @Test
  void aConflictListedBeforeALocalSaveIsRefusedOnResolveAndTheSaveIsKept() {
    bothSyncedAtNine(null);
    edit(a, i -> i.setNumber("INV-003"));
    edit(b, i -> i.setNumber("INV-002"));
    syncB.syncOnce();
    syncA.syncOnce();
    ReplicationConflict<SalesInvoice> listed = syncA.conflicts(SalesInvoice.class).get(0);
    String saved = edit(a, i -> i.setCustomer("Initech")).meta().rev();

    ConflictException refused = catchThrowableOfType(ConflictException.class, () -> listed.resolve(listed.master()));

    assertThat(refused.revision()).as("the local revision now").isEqualTo(saved);
    assertThat(stored(a, "1").getCustomer()).isEqualTo("Initech");
    assertThat(syncA.conflicts()).as("still open").hasSize(1);
    ReplicationConflict<SalesInvoice> current = syncA.conflicts(SalesInvoice.class).get(0);
    assertThat(current.local().getCustomer()).isEqualTo("Initech");
    SalesInvoice kept = current.master();
    kept.setCustomer("Initech");
    current.resolve(kept);
    syncA.syncOnce();
    syncB.syncOnce();
    assertConverged("1", db, a, b);
    assertThat(stored(db, "1").getCustomer()).isEqualTo("Initech");
    assertThat(stored(db, "1").getNumber()).isEqualTo("INV-002");
  }

  @Test
  void fieldMergeMergesEditsToDifferentFieldsWithNoConflict() {
    bothSyncedAtNine(ConflictHandler.FIELD_MERGE);
    edit(a, i -> i.setCustomer("Globex"));
    edit(b, i -> i.setNumber("INV-002"));
    syncB.syncOnce();

    SyncResult resultA = syncA.syncOnce();
    syncB.syncOnce();

    assertThat(resultA.conflicts()).isEmpty();
    assertThat(resultA.pushed()).isEqualTo(1);
    assertConverged("1", db, a, b);
    SalesInvoice master = stored(db, "1");
    assertThat(master.getNumber()).isEqualTo("INV-002");
    assertThat(master.getCustomer()).isEqualTo("Globex");
    assertThat(master.meta().rev()).startsWith("11-");
  }

  @Test
  void fieldMergeListsATrueConflictOnTheSameField() {
    bothSyncedAtNine(ConflictHandler.FIELD_MERGE);
    edit(a, i -> i.setNumber("INV-003"));
    String y = edit(b, i -> i.setNumber("INV-002")).meta().rev();
    syncB.syncOnce();

    SyncResult resultA = syncA.syncOnce();

    assertThat(resultA.conflicts()).hasSize(1);
    assertThat(resultA.conflicts().get(0).error().revision()).isEqualTo(y);
    assertThat(resultA.conflicts().get(0).error().conflictingFields()).containsExactly("number");
    assertThat(stored(a, "1").getNumber()).isEqualTo("INV-003");
    assertThat(stored(db, "1").getNumber()).isEqualTo("INV-002");
  }

  @Test
  void severalOfflineEditsKeepTheClientsFinalRevisionOnBothEnds() {
    bothSyncedAtNine(null);
    edit(a, i -> i.setNumber("INV-010"));
    String eleven = edit(a, i -> i.setCustomer("Initech")).meta().rev();
    assertThat(eleven).startsWith("11-");

    assertThat(syncA.syncOnce().pushed()).isEqualTo(1);
    syncB.syncOnce();

    assertThat(stored(db, "1").meta().rev()).isEqualTo(eleven);
    assertConverged("1", db, a, b);
  }
}
