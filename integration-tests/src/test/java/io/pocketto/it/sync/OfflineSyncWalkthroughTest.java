package io.pocketto.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pocketto.Database;
import io.pocketto.it.model.SalesInvoice;
import io.pocketto.sync.Remote;
import io.pocketto.sync.Replication;
import io.pocketto.sync.ReplicationConflict;
import io.pocketto.sync.SyncResult;
import io.pocketto.sync.SyncServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "Offline sync" walk-through, as code: it prints what the README shows. Revisions are
 * deterministic, so the output is the same on every backend and every run.
 */
class OfflineSyncWalkthroughTest extends SyncTestBase {
  private final List<String> lines = new ArrayList<>();

  private void show(String line) {
    lines.add(line);
    System.out.println(line);
  }

  @Test
  void theSeedsEventualConflictFromTwoOfflineClientsToOneRevision() {
    SalesInvoice invoice = new SalesInvoice();
    invoice.setId("1");
    invoice.setNumber("INV-001");
    invoice.saveTo(db);
    for (int i = 2; i <= 9; i++) {
      invoice.setTotal(java.math.BigDecimal.valueOf(i * 10));
      invoice.save();
    }
    SyncServer server = SyncServer.of(db, SalesInvoice.class);
    Remote remote = Remote.direct(server);
    Database clientA = newClient("a");
    Database clientB = newClient("b");
    List<String> messagesOfA = new ArrayList<>();
    Remote recorded = new Remote() {
      @Override
      public ObjectNode pull(String collection, ObjectNode request) {
        ObjectNode answer = remote.pull(collection, request);
        messagesOfA.add("POST /api/sync/" + collection + "/pull\n" + request.toPrettyString() + "\n->\n" + answer.toPrettyString());
        return answer;
      }

      @Override
      public ObjectNode push(String collection, ObjectNode request) {
        ObjectNode answer = remote.push(collection, request);
        messagesOfA.add("POST /api/sync/" + collection + "/push\n" + request.toPrettyString() + "\n->\n" + answer.toPrettyString());
        return answer;
      }
    };
    Replication a = keep(Replication.of(clientA, recorded).models(SalesInvoice.class).build());
    Replication b = keep(Replication.of(clientB, remote).models(SalesInvoice.class).build());
    a.syncOnce();
    b.syncOnce();
    show("both clients at " + SalesInvoice.in(clientA).find("1").orElseThrow().meta().rev());

    SalesInvoice invoiceA = SalesInvoice.in(clientA).find("1").orElseThrow();
    invoiceA.setNumber("INV-003");
    invoiceA.save();
    SalesInvoice invoiceB = SalesInvoice.in(clientB).find("1").orElseThrow();
    invoiceB.setNumber("INV-002");
    invoiceB.save();
    show("offline, A saved " + invoiceA.getNumber() + " as " + invoiceA.meta().rev());
    show("offline, B saved " + invoiceB.getNumber() + " as " + invoiceB.meta().rev());

    SyncResult syncB = b.syncOnce();
    show("B syncs: pushed=" + syncB.pushed() + " conflicts=" + syncB.conflicts().size());
    SyncResult syncA = a.syncOnce();
    show("A syncs: pushed=" + syncA.pushed() + " conflicts=" + syncA.conflicts().size());
    ReplicationConflict<SalesInvoice> conflict = a.conflicts(SalesInvoice.class).get(0);
    show(conflict.error().toJson());
    show("A's record is unchanged: " + SalesInvoice.in(clientA).find("1").orElseThrow().getNumber() + " at "
        + SalesInvoice.in(clientA).find("1").orElseThrow().meta().rev());

    SalesInvoice latest = conflict.master();
    latest.setNumber("INV-003");
    SalesInvoice resolved = conflict.resolve(latest);
    show("A resolves on top of the master: " + resolved.meta().rev());
    SyncResult again = a.syncOnce();
    show("A syncs: pushed=" + again.pushed() + " conflicts=" + again.conflicts().size());
    SyncResult pulled = b.syncOnce();
    show("B syncs: pulled=" + pulled.pulled());
    for (Database each : new Database[] {db, clientA, clientB}) {
      SalesInvoice stored = SalesInvoice.in(each).find("1").orElseThrow();
      show((each == db ? "master" : each == clientA ? "A     " : "B     ") + " " + stored.getNumber() + " " + stored.meta().rev());
    }

    messagesOfA.forEach(m -> System.out.println("MESSAGE " + m));

    assertConverged("1", db, clientA, clientB);
    assertThat(conflict.error().revision()).isEqualTo(invoiceB.meta().rev());
    assertThat(lines.get(lines.size() - 1)).startsWith("B      INV-003 11-");
  }
}
