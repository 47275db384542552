package io.pocketto.it.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pocketto.ChangeEvent;
import io.pocketto.Checkpoint;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.it.model.SalesInvoice;
import io.pocketto.it.sync.FaultyRemote.Fault;
import io.pocketto.sync.Replication;
import io.pocketto.sync.RemoteUnavailableException;
import io.pocketto.sync.SyncProtocolException;
import io.pocketto.sync.SyncServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Lost and repeated messages, restarts: every case converges with nothing lost and nothing written twice. */
class ReplicationFaultsTest extends SyncTestBase {
  private SyncServer server;
  private FaultyRemote remoteA;
  private Database a;
  private Replication syncA;
  private final List<ChangeEvent> masterWrites = new CopyOnWriteArrayList<>();

  /** Invoice 1 on the master, client A synced with it, and every later master write recorded. */
  private void clientSynced() {
    SalesInvoice invoice = new SalesInvoice();
    invoice.setId("1");
    invoice.setNumber("INV-001");
    invoice.saveTo(db);
    server = server();
    remoteA = new FaultyRemote(remoteFor(server));
    a = newClient("a");
    syncA = replicate(a, remoteA);
    syncA.syncOnce();
    db.onChange("sales_invoices", masterWrites::add);
  }

  private static String editOn(Database client, String number) {
    SalesInvoice invoice = SalesInvoice.in(client).find("1").orElseThrow();
    invoice.setNumber(number);
    return invoice.save().meta().rev();
  }

  @Test
  void aPushCutBeforeTheServerCommitsIsSentAgainAtTheNextSync() {
    clientSynced();
    String rev = editOn(a, "INV-002");
    remoteA.failNextPush(Fault.CUT_BEFORE);

    assertThatThrownBy(syncA::syncOnce).isInstanceOf(RemoteUnavailableException.class);
    assertThat(stored(db, "1").getNumber()).isEqualTo("INV-001");
    assertThat(syncA.status().online()).isFalse();
    assertThat(syncA.status().pendingChanges()).isEqualTo(1);

    assertThat(syncA.syncOnce().pushed()).isEqualTo(1);
    assertThat(stored(db, "1").meta().rev()).isEqualTo(rev);
    assertThat(masterWrites).extracting(ChangeEvent::revision).containsExactly(rev);
    assertThat(syncA.status().online()).isTrue();
  }

  @Test
  void aPushWhoseAnswerIsLostAfterTheServerCommittedIsNotWrittenTwice() {
    clientSynced();
    String rev = editOn(a, "INV-002");
    remoteA.failNextPush(Fault.CUT_AFTER);

    assertThatThrownBy(syncA::syncOnce).isInstanceOf(RemoteUnavailableException.class);
    assertThat(stored(db, "1").meta().rev()).as("the server committed").isEqualTo(rev);

    var result = syncA.syncOnce();
    assertThat(result.conflicts()).as("the repeated push meets its own revision").isEmpty();
    assertThat(masterWrites).extracting(ChangeEvent::revision).containsExactly(rev);
    assertThat(syncA.status().pendingChanges()).isZero();
    assertThat(stored(a, "1").meta().rev()).isEqualTo(rev);
  }

  @Test
  void replayedAndReorderedPushBatchesChangeNothing() {
    clientSynced();
    editOn(a, "INV-002");
    syncA.syncOnce();
    String last = editOn(a, "INV-003");
    syncA.syncOnce();
    List<ObjectNode> sent = remoteA.pushesSent();
    assertThat(sent).hasSize(2);
    int writes = masterWrites.size();

    String newerAgain = server.push("sales_invoices", sent.get(1).toString());
    String olderLate = server.push("sales_invoices", sent.get(0).toString());

    assertThat(newerAgain).isEqualTo("{\"conflicts\":[],\"refused\":[]}");
    assertThat(olderLate).as("a stale batch is refused, not applied").contains("\"revision\":\"" + last + "\"");
    assertThat(masterWrites).hasSize(writes);
    assertThat(stored(db, "1").meta().rev()).isEqualTo(last);
    assertThat(stored(db, "1").getNumber()).isEqualTo("INV-003");
  }

  @Test
  void aPullInterruptedBeforeTheLocalCommitLeavesNothingAndIsRepeatedWhole() {
    clientSynced();
    for (int i = 2; i <= 6; i++) {
      SalesInvoice more = new SalesInvoice();
      more.setId(String.valueOf(i));
      more.setNumber("INV-00" + i);
      more.saveTo(db);
    }
    remoteA.failNextPull(Fault.CORRUPT_LAST_DOCUMENT);

    assertThatThrownBy(syncA::syncOnce).isInstanceOf(SyncProtocolException.class).hasMessageContaining("total");
    assertThat(SalesInvoice.in(a).count()).as("the batch's first documents were rolled back").isEqualTo(1);

    remoteA.failNextPull(Fault.CUT_AFTER);
    assertThatThrownBy(syncA::syncOnce).isInstanceOf(RemoteUnavailableException.class);
    assertThat(SalesInvoice.in(a).count()).isEqualTo(1);

    assertThat(syncA.syncOnce().pulled()).isEqualTo(5);
    assertThat(SalesInvoice.in(a).changes(Checkpoint.START, 100).changes()).hasSize(6);
    for (int i = 1; i <= 6; i++) {
      assertConverged(String.valueOf(i), db, a);
    }
    assertThat(syncA.syncOnce().pulled()).as("nothing is pulled twice").isZero();
  }

  @Test
  void aPulledDocumentNeverOverwritesALocalChangeSavedDuringTheSync() {
    clientSynced();
    SalesInvoice onMaster = SalesInvoice.in(db).find("1").orElseThrow();
    onMaster.setCustomer("Globex");
    String masterRev = onMaster.save().meta().rev();
    String[] mine = new String[1];
    remoteA.beforeNextPull(() -> mine[0] = editOn(a, "INV-LOCAL"));

    var first = syncA.syncOnce();

    assertThat(first.pulled()).as("the master's state is not written over the unpushed change").isZero();
    assertThat(stored(a, "1").meta().rev()).isEqualTo(mine[0]);
    assertThat(stored(a, "1").getNumber()).isEqualTo("INV-LOCAL");
    var second = syncA.syncOnce();
    assertThat(second.conflicts()).as("the push meets the master's state").hasSize(1);
    assertThat(second.conflicts().get(0).error().revision()).isEqualTo(masterRev);
    assertThat(stored(db, "1").meta().rev()).isEqualTo(masterRev);
  }

  @Test
  void aServerRestartIsOnlyAPause() {
    assumeTrue(backend.durable(), "the master must outlive its restart");
    clientSynced();
    String url = db.url();
    db.close();
    remoteA.down(true);
    String rev = editOn(a, "INV-002");
    assertThatThrownBy(syncA::syncOnce).isInstanceOf(RemoteUnavailableException.class);

    Database restarted = track(Pocketto.connect(url));
    remoteA.retarget(remoteFor(SyncServer.of(restarted, SalesInvoice.class)));
    remoteA.down(false);
    SalesInvoice second = new SalesInvoice();
    second.setId("2");
    second.setNumber("INV-100");
    second.saveTo(restarted);

    var result = syncA.syncOnce();
    assertThat(result.pushed()).isEqualTo(1);
    assertThat(result.pulled()).as("only what is new after the checkpoint").isEqualTo(1);
    assertThat(stored(restarted, "1").meta().rev()).isEqualTo(rev);
    assertConverged("2", restarted, a);
  }

  @Test
  void aLiveReplicationBacksOffWhileUnreachableAndGoesOnAfterAClientRestart() throws Exception {
    clientSynced();
    syncA.close();
    String clientId = syncA.clientId();
    remoteA.down(true);
    Replication live = replicate(a, remoteA);
    assertThat(live.clientId()).isEqualTo(clientId);
    live.start(Duration.ofMillis(20));
    String rev = editOn(a, "INV-002");
    await(() -> Boolean.FALSE.equals(live.status().online()));
    assertThat(live.status().pendingChanges()).isEqualTo(1);
    remoteA.down(false);
    await(() -> rev.equals(stored(db, "1").meta().rev()));

    // The client stops (replication and database) and starts again from its file.
    String url = a.url();
    live.close();
    a.close();
    SalesInvoice onMaster = SalesInvoice.in(db).find("1").orElseThrow();
    onMaster.setCustomer("Globex");
    String masterRev = onMaster.save().meta().rev();
    Database reopened = track(Pocketto.connect(url));
    Replication again = replicate(reopened, remoteA);
    assertThat(again.clientId()).as("kept in the client database").isEqualTo(clientId);
    again.start(Duration.ofMillis(20));
    await(() -> masterRev.equals(stored(reopened, "1").meta().rev()));

    assertThat(again.status().pendingChanges()).isZero();
    again.close();
    assertThat(masterWrites).extracting(ChangeEvent::revision).containsExactly(rev, masterRev);
    assertThat(SalesInvoice.in(reopened).changes(Checkpoint.START, 100).changes()).hasSize(1);
  }

  /** Waits for a condition of a background sync; only a hang fails, after a generous minute. */
  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the background sync did not get there within a minute");
      }
      Thread.sleep(10);
    }
  }
}
