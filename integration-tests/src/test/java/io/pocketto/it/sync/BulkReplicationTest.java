package io.pocketto.it.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.internal.ApiAccess;
import io.pocketto.ChangeEvent;
import io.pocketto.Checkpoint;
import io.pocketto.Database;
import io.pocketto.StorageException;
import io.pocketto.it.model.SalesInvoice;
import io.pocketto.sync.Replication;
import io.pocketto.sync.SyncResult;
import io.pocketto.sync.SyncServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The bulk paths: a push is written on the master as one JDBC batch in one transaction, and a pulled
 * batch on the client likewise. Each row keeps the conditional write of a save: a conflict among good
 * rows touches only itself, a replayed batch writes nothing, and a batch that fails part-way writes
 * nothing at all and comes again whole.
 */
class BulkReplicationTest extends SyncTestBase {

  private static SalesInvoice invoice(String id, String number) {
    SalesInvoice invoice = new SalesInvoice();
    invoice.setId(id);
    invoice.setNumber(number);
    return invoice;
  }

  /** {@code ids} on the master, and a client synced with them. */
  private Replication clientOf(Database client, SyncServer server, String... ids) {
    for (String id : ids) {
      invoice(id, "INV-" + id).saveTo(db);
    }
    Replication replication = replicate(client, remoteFor(server));
    assertThat(replication.syncOnce().pulled()).isEqualTo(ids.length);
    return replication;
  }

  private static String edit(Database database, String id, String number) {
    SalesInvoice invoice = ApiAccess.table(SalesInvoice.in(database)).findIncludingDeleted(id).orElseThrow();
    invoice.setNumber(number);
    return invoice.save().meta().rev();
  }

  @Test
  void aConflictAmidGoodRowsTouchesOnlyItselfAndAReplayChangesNothing() {
    SyncServer server = server();
    Database client = newClient("client");
    Replication sync = clientOf(client, server, "1", "2", "3", "4");
    // On the client: two edits, two creates, one of them an id the master is about to take.
    String rev1 = edit(client, "1", "INV-1 mine");
    String rev2 = edit(client, "2", "INV-2 mine");
    String rev5 = invoice("5", "INV-5 mine").saveTo(client).meta().rev();
    invoice("6", "INV-6 mine").saveTo(client);
    String rev7 = invoice("7", "INV-7 mine").saveTo(client).meta().rev();
    // Meanwhile on the master: invoice 2 edited, invoice 6 created.
    String master2 = edit(db, "2", "INV-2 theirs");
    String master6 = invoice("6", "INV-6 theirs").saveTo(db).meta().rev();
    List<ChangeEvent> masterWrites = new CopyOnWriteArrayList<>();
    db.onChange("sales_invoices", masterWrites::add);
    FaultyRemote remote = new FaultyRemote(remoteFor(server));
    Replication pushing = replicate(client, remote);
    sync.close();

    SyncResult result = pushing.syncOnce();

    assertThat(result.pushed()).as("1, 5 and 7 written around the two conflicts").isEqualTo(3);
    assertThat(result.conflicts()).extracting(c -> c.id()).containsExactlyInAnyOrder("2", "6");
    assertThat(result.conflicts()).extracting(c -> c.error().revision()).containsExactlyInAnyOrder(master2, master6);
    assertThat(stored(db, "1").meta().rev()).isEqualTo(rev1);
    assertThat(stored(db, "5").meta().rev()).isEqualTo(rev5);
    assertThat(stored(db, "7").meta().rev()).isEqualTo(rev7);
    assertThat(stored(db, "2").getNumber()).isEqualTo("INV-2 theirs");
    assertThat(stored(db, "6").getNumber()).isEqualTo("INV-6 theirs");
    assertThat(stored(client, "2").meta().rev()).as("the conflicting record is kept").isEqualTo(rev2);
    assertThat(masterWrites).extracting(ChangeEvent::id).containsExactlyInAnyOrder("1", "5", "7");

    // The same batch again, as after a lost answer: the written rows are already stored, the conflicts
    // are the same conflicts, and nothing is written.
    String replay = remote.pushesSent().get(0).toString();
    String first = server.push("sales_invoices", replay);
    String again = server.push("sales_invoices", replay);
    assertThat(again).isEqualTo(first);
    assertThat(again).contains("\"revision\":\"" + master2 + "\"", "\"revision\":\"" + master6 + "\"")
        .doesNotContain("\"id\":\"1\"", "\"id\":\"5\"", "\"id\":\"7\"");
    assertThat(masterWrites).hasSize(3);
    assertThat(SalesInvoice.in(db).changes(Checkpoint.START, 100).changes()).hasSize(7);
  }

  @Test
  void aPushBatchThatFailsPartWayWritesNothingAndIsWrittenWholeNextTime() {
    SyncServer server = server();
    Database client = newClient("client");
    Replication sync = clientOf(client, server, "1", "2", "3");
    String rev1 = edit(client, "1", "INV-1 edited");
    String rev2 = edit(client, "2", "BOOM");
    String rev3 = edit(client, "3", "INV-3 edited");
    // The master refuses the middle row in the database itself, after the rows before it were sent.
    execute(db, "ALTER TABLE \"sales_invoices\" ADD CONSTRAINT no_boom CHECK (\"number\" <> 'BOOM')");

    assertThatThrownBy(sync::syncOnce).isInstanceOf(StorageException.class);
    for (String id : List.of("1", "2", "3")) {
      assertThat(stored(db, id).meta().rev()).as("nothing of the batch is written: %s", id).startsWith("1-");
    }
    assertThat(sync.status().pendingChanges()).isEqualTo(3);

    execute(db, "ALTER TABLE \"sales_invoices\" DROP CONSTRAINT no_boom");
    SyncResult result = sync.syncOnce();
    assertThat(result.pushed()).isEqualTo(3);
    assertThat(result.conflicts()).isEmpty();
    assertThat(List.of(stored(db, "1").meta().rev(), stored(db, "2").meta().rev(), stored(db, "3").meta().rev()))
        .containsExactly(rev1, rev2, rev3);
  }

  @Test
  void aPulledBatchThatFailsPartWayInTheLocalDatabaseWritesNothingAndComesAgainWhole() {
    SyncServer server = server();
    Database client = newClient("client");
    Replication sync = clientOf(client, server, "1");
    for (int i = 2; i <= 6; i++) {
      invoice(String.valueOf(i), i == 4 ? "BOOM" : "INV-" + i).saveTo(db);
    }
    edit(db, "1", "INV-1 theirs");
    // The client's database refuses invoice 4 while the batch is being written.
    execute(client, "ALTER TABLE \"sales_invoices\" ADD CONSTRAINT no_boom CHECK (\"number\" <> 'BOOM')");

    assertThatThrownBy(sync::syncOnce).isInstanceOf(StorageException.class);
    assertThat(SalesInvoice.in(client).count()).as("none of the batch is written").isEqualTo(1);
    assertThat(stored(client, "1").getNumber()).isEqualTo("INV-1");
    assertThat(sync.status().pendingChanges()).as("no assumed master state was recorded either").isZero();

    execute(client, "ALTER TABLE \"sales_invoices\" DROP CONSTRAINT no_boom");
    assertThat(sync.syncOnce().pulled()).as("the whole batch, once").isEqualTo(6);
    for (int i = 1; i <= 6; i++) {
      assertConverged(String.valueOf(i), db, client);
    }
    assertThat(sync.syncOnce().pulled()).isZero();
    assertThat(sync.syncOnce().pushed()).as("pulled documents are not pushed back").isZero();
  }

  @Test
  void twoClientsPushingTheSameDocumentsAtOnceWinEachDocumentExactlyOnce() throws Exception {
    int documents = 20;
    String[] ids = new String[documents];
    for (int i = 0; i < documents; i++) {
      ids[i] = String.format("%02d", i);
    }
    SyncServer server = server();
    for (int round = 0; round < 5; round++) {
      Database a = newClient("a" + round);
      Database b = newClient("b" + round);
      String prefix = "r" + round + "-";
      List<String> roundIds = new ArrayList<>();
      for (String id : ids) {
        roundIds.add(prefix + id);
      }
      for (String id : roundIds) {
        invoice(id, "INV-" + id).saveTo(db);
      }
      Replication syncA = replicate(a, remoteFor(server));
      Replication syncB = replicate(b, remoteFor(server));
      assertThat(syncA.syncOnce().pulled()).as("this round's and the earlier ones'").isEqualTo(documents * (round + 1));
      assertThat(syncB.syncOnce().pulled()).isEqualTo(documents * (round + 1));
      for (String id : roundIds) {
        edit(a, id, "A");
        edit(b, id, "B");
      }
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        Callable<SyncResult> pushA = () -> {
          start.await();
          return syncA.syncOnce();
        };
        Callable<SyncResult> pushB = () -> {
          start.await();
          return syncB.syncOnce();
        };
        Future<SyncResult> resultA = threads.submit(pushA);
        Future<SyncResult> resultB = threads.submit(pushB);
        start.countDown();
        SyncResult ra = resultA.get();
        SyncResult rb = resultB.get();

        assertThat(ra.pushed() + rb.pushed()).as("round %d: every document written once", round).isEqualTo(documents);
        assertThat(ra.conflicts().size() + rb.conflicts().size()).as("round %d: the loser of each is told", round)
            .isEqualTo(documents);
        for (String id : roundIds) {
          SalesInvoice master = stored(db, id);
          String winner = master.getNumber();
          assertThat(winner).isIn("A", "B");
          Database won = winner.equals("A") ? a : b;
          assertThat(master.meta().rev()).isEqualTo(stored(won, id).meta().rev());
        }
      } finally {
        threads.shutdown();
      }
    }
  }
}
