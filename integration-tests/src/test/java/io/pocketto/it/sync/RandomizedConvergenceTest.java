package io.pocketto.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Change;
import io.pocketto.ChangeEvent;
import io.pocketto.Checkpoint;
import io.pocketto.ConflictHandler;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.Revision;
import io.pocketto.it.model.SalesInvoice;
import io.pocketto.it.sync.FaultyRemote.Fault;
import io.pocketto.sync.RemoteUnavailableException;
import io.pocketto.sync.Replication;
import io.pocketto.sync.ReplicationConflict;
import io.pocketto.sync.SyncResult;
import io.pocketto.sync.SyncServer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Several clients create, edit and delete at random while partitions and lost messages come and go;
 * after everyone is back and synced, every client equals the master and every revision chain is valid.
 * Seeded: a failure prints its seed, and {@code -Dsync.seed=<seed>} replays it.
 */
class RandomizedConvergenceTest extends SyncTestBase {
  private static final int CLIENTS = 3;
  private static final int STEPS = 300;
  private static final int IDS = 10;

  @Test
  void everyClientConvergesOnTheMasterAfterRandomWorkPartitionsAndFaults() {
    long seed = Long.getLong("sync.seed", new Random().nextLong());
    try {
      run(new Random(seed));
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("randomized convergence failed on " + backend + "; replay with -Dsync.seed=" + seed
          + ": " + e.getMessage(), e);
    }
  }

  private void run(Random random) {
    List<ChangeEvent> masterWrites = new CopyOnWriteArrayList<>();
    db.onChange("sales_invoices", masterWrites::add);
    SyncServer server = server();
    List<Database> clients = new ArrayList<>();
    List<FaultyRemote> remotes = new ArrayList<>();
    List<Replication> replicas = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      Database client = track(Pocketto.connect("jdbc:h2:mem:random-client-" + UUID.randomUUID()));
      FaultyRemote remote = new FaultyRemote(remoteFor(server));
      Replication.Builder builder = Replication.of(client, remote).models(SalesInvoice.class).batchSize(1 + random.nextInt(4));
      switch (i % 3) {
        case 0 -> builder.conflictHandler(SalesInvoice.class, ConflictHandler.FIELD_MERGE.withFallback(ConflictHandler.LAST_WRITE_WINS));
        case 1 -> builder.conflictHandler(SalesInvoice.class, ConflictHandler.MASTER_WINS);
        default -> { } // no handler: conflicts are listed and resolved by hand below
      }
      clients.add(client);
      remotes.add(remote);
      replicas.add(keep(builder.build()));
    }
    List<Database> everyone = new ArrayList<>(clients);
    everyone.add(db);

    for (int step = 0; step < STEPS; step++) {
      int c = random.nextInt(CLIENTS);
      Database client = clients.get(c);
      int dice = random.nextInt(100);
      if (dice < 30) {
        edit(random, random.nextInt(4) == 0 ? db : client);
      } else if (dice < 42) {
        create(random, client);
      } else if (dice < 50) {
        delete(random, client);
      } else if (dice < 72) {
        sync(replicas.get(c), random);
      } else if (dice < 82) {
        remotes.get(c).down(random.nextBoolean());
      } else if (dice < 92) {
        Fault fault = Fault.values()[1 + random.nextInt(2)];
        if (random.nextBoolean()) {
          remotes.get(c).failNextPush(fault);
        } else {
          remotes.get(c).failNextPull(fault);
        }
      } else {
        List<com.fasterxml.jackson.databind.node.ObjectNode> sent = remotes.get(c).pushesSent();
        if (!sent.isEmpty()) {
          server.push("sales_invoices", sent.get(random.nextInt(sent.size())).toString()); // an old batch, replayed late
        }
      }
    }

    remotes.forEach(FaultyRemote::heal);
    boolean quiet = false;
    for (int round = 0; round < 30 && !quiet; round++) {
      quiet = true;
      for (Replication replica : replicas) {
        SyncResult result = replica.syncOnce();
        for (ReplicationConflict<SalesInvoice> conflict : replica.conflicts(SalesInvoice.class)) {
          conflict.resolve(conflict.master()); // take theirs
          quiet = false;
        }
        quiet &= result.pushed() == 0 && result.pulled() == 0;
      }
    }
    assertThat(quiet).as("the clients reach quiescence").isTrue();

    Map<String, Change<SalesInvoice>> master = all(db);
    for (Database client : clients) {
      Map<String, Change<SalesInvoice>> here = all(client);
      assertThat(here.keySet()).as("ids in %s", client).isEqualTo(master.keySet());
      for (Change<SalesInvoice> m : master.values()) {
        Change<SalesInvoice> h = here.get(m.id());
        assertThat(h.revision()).as("revision of %s in %s", m.id(), client).isEqualTo(m.revision());
        assertThat(h.deleted()).as("deleted flag of %s in %s", m.id(), client).isEqualTo(m.deleted());
        assertThat(h.document().getNumber()).isEqualTo(m.document().getNumber());
        assertThat(h.document().getCustomer()).isEqualTo(m.document().getCustomer());
        assertThat(h.document().getTotal() == null ? null : h.document().getTotal().stripTrailingZeros())
            .isEqualTo(m.document().getTotal() == null ? null : m.document().getTotal().stripTrailingZeros());
      }
    }
    for (Replication replica : replicas) {
      assertThat(replica.status().pendingChanges()).isZero();
      assertThat(replica.conflicts()).isEmpty();
    }
    assertValidChains(masterWrites);
  }

  /** Each document's writes on the master form one chain: each starts from the one before, one height up or more. */
  private static void assertValidChains(List<ChangeEvent> writes) {
    Map<String, String> last = new HashMap<>();
    for (ChangeEvent e : writes) {
      String before = last.get(e.id());
      assertThat(Revision.isValid(e.revision())).as("revision %s", e.revision()).isTrue();
      if (before == null) {
        continue; // the first write this test saw (the document may predate the listener)
      }
      assertThat(e.previousRevision()).as("parent of %s in the chain of %s", e.revision(), e.id()).isEqualTo(before);
      assertThat(Revision.parse(e.revision()).height()).isGreaterThan(Revision.parse(before).height());
      last.put(e.id(), e.revision());
    }
  }

  private static Map<String, Change<SalesInvoice>> all(Database database) {
    Map<String, Change<SalesInvoice>> byId = new HashMap<>();
    for (Change<SalesInvoice> change : SalesInvoice.in(database).changes(Checkpoint.START, 100_000).changes()) {
      byId.put(change.id(), change);
    }
    return byId;
  }

  private static void sync(Replication replica, Random random) {
    try {
      replica.syncOnce();
    } catch (RemoteUnavailableException offline) {
      // a partition or a cut message: the next sync goes on from here
    }
  }

  private static String someId(Random random) {
    return "doc-" + random.nextInt(IDS);
  }

  private static void create(Random random, Database client) {
    String id = someId(random);
    if (SalesInvoice.in(client).find(id).isPresent()) {
      return;
    }
    SalesInvoice invoice = new SalesInvoice();
    invoice.setId(id);
    invoice.setNumber("N" + random.nextInt(5));
    invoice.setTotal(BigDecimal.valueOf(random.nextInt(1000), 2));
    invoice.saveTo(client);
  }

  private static void edit(Random random, Database database) {
    SalesInvoice.in(database).find(someId(random)).ifPresent(invoice -> {
      switch (random.nextInt(3)) {
        case 0 -> invoice.setNumber("N" + random.nextInt(5));
        case 1 -> invoice.setCustomer("C" + random.nextInt(5));
        default -> invoice.setTotal(BigDecimal.valueOf(random.nextInt(1000), 2));
      }
      invoice.save();
    });
  }

  private static void delete(Random random, Database client) {
    SalesInvoice.in(client).find(someId(random)).ifPresent(SalesInvoice::delete);
  }
}
