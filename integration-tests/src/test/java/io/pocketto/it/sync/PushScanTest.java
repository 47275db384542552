package io.pocketto.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Checkpoint;
import io.pocketto.ConflictException;
import io.pocketto.ConflictHandler;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.it.model.SalesInvoice;
import io.pocketto.sync.Remote;
import io.pocketto.sync.Replication;
import io.pocketto.sync.ReplicationConflict;
import io.pocketto.sync.SyncResult;
import io.pocketto.sync.SyncServer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What a push reads: the database passes over the documents that are in sync (pulled, or pushed and
 * accepted) in the feed's own statement, and the push checkpoint moves past them; a local change is
 * never passed over, even one saved while a sync runs.
 */
class PushScanTest extends SyncTestBase {
  private static final String PUSH_CHECKPOINT = "push-checkpoint:sales_invoices";

  /** The client's saved push checkpoint, read with plain SQL. */
  private String pushCheckpoint(Database client) {
    List<Map<String, Object>> rows = query(client, "SELECT setting_text FROM pocketto_sync_settings WHERE setting_name = ?",
        PUSH_CHECKPOINT);
    return rows.isEmpty() ? null : (String) rows.get(0).get("setting_text");
  }

  /** Sets the customer of invoice {@code id} in {@code database} and saves it; the new revision. */
  private static String setCustomer(Database database, String id, String customer) {
    SalesInvoice invoice = stored(database, id);
    invoice.setCustomer(customer);
    return invoice.save().meta().rev();
  }

  /** Where the client's own feed ends: after its last write. */
  private static String feedEnd(Database client) {
    return SalesInvoice.in(client).storedChanges(Checkpoint.START, 100_000, false).checkpoint().toString();
  }

  @Test
  void aPullMovesThePushCheckpointPastThePulledDocumentsAndALaterSaveIsPushed() {
    for (int i = 0; i < 30; i++) {
      invoice(String.format("%02d", i), "ACME", "10");
    }
    Database client = newClient("client");
    Replication sync = keep(Replication.of(client, remoteFor(server())).models(SalesInvoice.class).batchSize(7).build());
    assertThat(sync.syncOnce().pulled()).isEqualTo(30);
    assertThat(pushCheckpoint(client)).as("moved along by the pull, batch by batch").isEqualTo(feedEnd(client));

    assertThat(sync.syncOnce().pushed()).isZero();
    assertThat(pushCheckpoint(client)).isEqualTo(feedEnd(client));

    String rev = setCustomer(client, "07", "Globex");
    SyncResult result = sync.syncOnce();
    assertThat(result.pushed()).as("the one local change after the pulled documents").isEqualTo(1);
    assertThat(stored(db, "07").meta().rev()).isEqualTo(rev);
    assertThat(pushCheckpoint(client)).isEqualTo(feedEnd(client));
    assertThat(sync.syncOnce().pushed()).isZero();
  }

  /**
   * The database of this test's backend as the client, an H2 database as the master: the push's own
   * statement, with where the feed ends, on every backend (a client is usually an H2 file).
   */
  @Test
  void aClientOnThisBackendPushesOnlyItsOwnChanges() {
    Database master = track(Pocketto.connect("jdbc:h2:mem:"));
    for (int i = 0; i < 12; i++) {
      SalesInvoice invoice = new SalesInvoice();
      invoice.setId("m" + i);
      invoice.setNumber("INV-m" + i);
      invoice.saveTo(master);
    }
    Replication sync = keep(Replication.of(db, Remote.direct(SyncServer.of(master, SalesInvoice.class)))
        .models(SalesInvoice.class).batchSize(5).build());
    assertThat(sync.syncOnce().pulled()).isEqualTo(12);
    assertThat(sync.syncOnce().pushed()).isZero();
    assertThat(pushCheckpoint(db)).isEqualTo(feedEnd(db));

    String editedRev = setCustomer(db, "m3", "ACME");
    SalesInvoice created = new SalesInvoice();
    created.setId("local");
    created.setNumber("INV-local");
    String createdRev = created.saveTo(db).meta().rev();

    assertThat(sync.syncOnce().pushed()).isEqualTo(2);
    assertThat(stored(master, "m3").meta().rev()).isEqualTo(editedRev);
    assertThat(stored(master, "local").meta().rev()).isEqualTo(createdRev);
    assertThat(sync.syncOnce().pushed()).isZero();
    assertThat(sync.status().pendingChanges()).isZero();
  }

  @Test
  void anOpenConflictIsPassedOverAndItsResolutionIsPushed() {
    invoice("1", "ACME", "10");
    invoice("2", "ACME", "20");
    Database client = newClient("client");
    Replication sync = replicate(client, remoteFor(server()));
    sync.syncOnce();
    setCustomer(db, "1", "Theirs");
    setCustomer(client, "1", "Mine");

    SyncResult first = sync.syncOnce();
    assertThat(first.conflicts()).hasSize(1);
    assertThat(sync.syncOnce().pushed()).as("an open conflict is not pushed again").isZero();
    assertThat(pushCheckpoint(client)).isEqualTo(feedEnd(client));

    ReplicationConflict<SalesInvoice> conflict = sync.conflicts(SalesInvoice.class).get(0);
    SalesInvoice resolution = conflict.master();
    resolution.setCustomer("Both");
    conflict.resolve(resolution);
    assertThat(sync.syncOnce().pushed()).isEqualTo(1);
    assertThat(stored(db, "1").getCustomer()).isEqualTo("Both");
    assertThat(stored(db, "1").meta().rev()).isEqualTo(stored(client, "1").meta().rev());
  }

  /**
   * A local save whose bundle has not committed yet holds a place in the client's feed; a pull then
   * writes rows after it, and a push reads past them. The push must stop before the uncommitted save,
   * not move its checkpoint to the feed's end, or the save would never be pushed.
   */
  @Test
  void aLocalSaveCommittedAfterAPullWroteBehindItIsStillPushed() throws Exception {
    invoice("1", "ACME", "10");
    invoice("2", "ACME", "20");
    Database client = newClient("client");
    Replication sync = replicate(client, remoteFor(server()));
    sync.syncOnce();
    CountDownLatch saved = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<String> local = thread.submit(() -> {
        String[] rev = new String[1];
        client.bundle(tx -> {
          rev[0] = setCustomer(client, "1", "Mine");
          saved.countDown();
          await(commit);
        });
        return rev[0];
      });
      assertThat(saved.await(30, TimeUnit.SECONDS)).isTrue();
      setCustomer(db, "2", "Theirs");

      assertThat(sync.syncOnce().pulled()).as("written after the uncommitted save in the feed").isEqualTo(1);
      assertThat(sync.syncOnce().pushed()).isZero();
      commit.countDown();
      String rev = local.get(30, TimeUnit.SECONDS);

      assertThat(sync.syncOnce().pushed()).isEqualTo(1);
      assertThat(stored(db, "1").meta().rev()).isEqualTo(rev);
      assertThat(stored(db, "1").getCustomer()).isEqualTo("Mine");
      assertThat(sync.status().pendingChanges()).isZero();
    } finally {
      commit.countDown();
      thread.shutdown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Local saves on one thread while another syncs over and over and a third edits the master: every
   * local save reaches the master (different fields, merged by FIELD_MERGE), none is passed over by a
   * push, even one whose bundle commits after a pull placed rows behind it in the feed, and all ends
   * equal. Repeated, so that a one-in-a-few interleaving shows.
   */
  @Test
  void localSavesRacingSyncsAreNeverPassedOver() throws Exception {
    int documents = 8;
    int saves = 40;
    for (int round = 0; round < 6; round++) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < documents; i++) {
        String id = "r" + round + "-" + i;
        ids.add(id);
        invoice(id, "C0", "0");
      }
      Database client = newClient("client" + round);
      Replication sync = keep(Replication.of(client, remoteFor(server())).models(SalesInvoice.class)
          .conflictHandler(SalesInvoice.class, ConflictHandler.FIELD_MERGE).batchSize(3).build());
      sync.syncOnce();
      Map<String, Integer> localSaves = new ConcurrentHashMap<>();
      Map<String, String> masterCustomer = new ConcurrentHashMap<>();
      AtomicBoolean writing = new AtomicBoolean(true);
      ExecutorService threads = Executors.newFixedThreadPool(3);
      try {
        Future<Integer> syncs = threads.submit(() -> {
          int n = 0;
          while (writing.get()) {
            sync.syncOnce();
            n++;
          }
          return n;
        });
        Future<?> local = threads.submit(() -> {
          for (int k = 0; k < saves; k++) {
            String id = ids.get(k % documents);
            long hold = k % 4;
            // In a bundle that commits a few milliseconds after the save placed the row in the feed:
            // meanwhile the sync thread pulls (placing rows after it) and scans for what to push.
            saveRetrying(() -> client.bundle(tx -> {
              SalesInvoice invoice = stored(client, id);
              invoice.setTotal(invoice.getTotal().add(BigDecimal.ONE));
              invoice.save();
              pause(hold);
            }));
            localSaves.merge(id, 1, Integer::sum);
          }
          return null;
        });
        Future<?> remote = threads.submit(() -> {
          for (int k = 0; k < saves; k++) {
            String id = ids.get((k * 3) % documents);
            String customer = "C" + (k + 1);
            saveRetrying(() -> setCustomer(db, id, customer));
            masterCustomer.put(id, customer);
          }
          return null;
        });
        local.get();
        remote.get();
        writing.set(false);
        assertThat(syncs.get()).isPositive();
      } finally {
        threads.shutdown();
      }
      for (int i = 0; i < 5 && sync.status().pendingChanges() > 0; i++) {
        sync.syncOnce();
      }
      sync.syncOnce();

      assertThat(sync.conflicts()).as("round %d", round).isEmpty();
      assertThat(sync.status().pendingChanges()).as("round %d: nothing left behind", round).isZero();
      for (String id : ids) {
        SalesInvoice master = stored(db, id);
        SalesInvoice mine = stored(client, id);
        assertThat(master.getTotal()).as("round %d, %s: every local save reached the master", round, id)
            .isEqualByComparingTo(BigDecimal.valueOf(localSaves.getOrDefault(id, 0)));
        assertThat(master.getCustomer()).as("round %d, %s", round, id).isEqualTo(masterCustomer.getOrDefault(id, "C0"));
        assertThat(mine.meta().rev()).as("round %d, %s", round, id).isEqualTo(master.meta().rev());
        assertThat(mine.getCustomer()).isEqualTo(master.getCustomer());
        assertThat(mine.getTotal()).isEqualByComparingTo(master.getTotal());
      }
      sync.close();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs a read-modify-save until it is not stale: the other side may write the same document between. */
  private static void saveRetrying(Runnable save) {
    for (int attempt = 0; ; attempt++) {
      try {
        save.run();
        return;
      } catch (ConflictException stale) {
        if (attempt > 1_000) {
          throw stale;
        }
      }
    }
  }
}
