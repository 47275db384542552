package com.acme.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.billing.SalesInvoice;
import com.fasterxml.jackson.databind.JsonNode;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.sync.Remote;
import io.pocketto.sync.Replication;
import io.pocketto.sync.SyncResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's eventual conflict across the sample app: one server, two replicas over HTTP
 * ({@code /api/sync/...}), each replica serving its own page and API with {@code /api/replica}.
 */
class ReplicaSyncTest {
  private final List<AutoCloseable> opened = new ArrayList<>();

  private <T extends AutoCloseable> T open(T closeable) {
    opened.add(closeable);
    return closeable;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  private Database memory(String name) {
    return open(Pocketto.connect("jdbc:h2:mem:" + name + "-" + UUID.randomUUID()));
  }

  @Test
  void twoPausedReplicasEditTheSameInvoiceAndTheSecondMeetsTheFirstsRevisionThenAllConverge() {
    Database master = memory("server");
    InvoiceServer server = open(InvoiceServer.start(master, "127.0.0.1", 0));
    ApiClient serverApi = new ApiClient(server.port());
    ApiClient.Response created = serverApi.send("POST", "/api/invoices",
        "{\"id\": \"seed-1\", \"number\": \"INV-001\", \"customer\": \"Acme\", \"issuedOn\": \"2026-11-25\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    Remote remote = Remote.http(URI.create("http://127.0.0.1:" + server.port() + "/api/sync"));

    Database a = memory("replica-a");
    Database b = memory("replica-b");
    Replication syncA = open(Replication.of(a, remote).models(SalesInvoice.class).build());
    Replication syncB = open(Replication.of(b, remote).models(SalesInvoice.class).build());
    ApiClient replicaA = new ApiClient(open(InvoiceServer.start(a, "127.0.0.1", 0, syncA)).port());
    syncA.syncOnce();
    syncB.syncOnce();

    SalesInvoice onA = SalesInvoice.in(a).find("seed-1").orElseThrow();
    onA.setNumber("INV-003");
    onA.save();
    SalesInvoice onB = SalesInvoice.in(b).find("seed-1").orElseThrow();
    onB.setNumber("INV-002");
    onB.save();
    assertThat(syncB.syncOnce().pushed()).isEqualTo(1);
    SyncResult resultA = syncA.syncOnce();

    assertThat(resultA.conflicts()).hasSize(1);
    assertThat(resultA.conflicts().get(0).error().toJson()).isEqualTo("{\"name\":\"conflict\",\"message\":"
        + "\"Document update conflict\",\"status\":409,\"error\":true,\"reason\":\"Document update conflict\","
        + "\"revision\":\"" + onB.meta().rev() + "\"}");
    JsonNode state = replicaA.get("/api/replica").json();
    assertThat(state.get("online").asBoolean()).isTrue();
    assertThat(state.get("pendingChanges").asLong()).isEqualTo(1);
    assertThat(state.get("conflicts").get(0).get("error").get("revision").asText()).isEqualTo(onB.meta().rev());
    assertThat(state.get("conflicts").get(0).get("localNumber").asText()).isEqualTo("INV-003");
    assertThat(state.get("conflicts").get(0).get("masterNumber").asText()).isEqualTo("INV-002");

    ApiClient.Response taken = replicaA.send("POST", "/api/replica/conflicts/seed-1/take-theirs", null);
    assertThat(taken.status()).as(taken.text()).isEqualTo(200);
    assertThat(taken.json().get("conflicts")).isEmpty();
    assertThat(taken.json().get("pendingChanges").asLong()).isZero();
    syncA.syncOnce();
    syncB.syncOnce();

    String masterRev = serverApi.get("/api/invoices/seed-1").json().get("_rev").asText();
    assertThat(SalesInvoice.in(a).find("seed-1").orElseThrow().meta().rev()).isEqualTo(masterRev);
    assertThat(SalesInvoice.in(b).find("seed-1").orElseThrow().meta().rev()).isEqualTo(masterRev);
    assertThat(SalesInvoice.in(a).find("seed-1").orElseThrow().getNumber()).isEqualTo("INV-002");
    assertThat(masterRev).isEqualTo(onB.meta().rev());
  }

  @Test
  void pauseAndResumeShowInTheReplicaState() {
    Database master = memory("server");
    InvoiceServer server = open(InvoiceServer.start(master, "127.0.0.1", 0));
    Database a = memory("replica");
    Replication sync = open(Replication.of(a, Remote.http(URI.create("http://127.0.0.1:" + server.port() + "/api/sync")))
        .models(SalesInvoice.class).build());
    ApiClient replica = new ApiClient(open(InvoiceServer.start(a, "127.0.0.1", 0, sync)).port());

    assertThat(replica.send("POST", "/api/replica/pause", null).json().get("paused").asBoolean()).isTrue();
    assertThat(replica.send("POST", "/api/replica/resume", null).json().get("paused").asBoolean()).isFalse();
    assertThat(replica.send("POST", "/api/replica/conflicts/none/take-theirs", null).status()).isEqualTo(404);
  }

  @Test
  void aBadSyncRequestIsAJson4xx() {
    Database master = memory("server");
    ApiClient api = new ApiClient(open(InvoiceServer.start(master, "127.0.0.1", 0)).port());

    ApiClient.Response unknown = api.send("POST", "/api/sync/contacts/pull", "{}");
    ApiClient.Response bad = api.send("POST", "/api/sync/sales_invoices/push", "{\"rows\": 3}");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("message").asText()).contains("contacts");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("message").asText()).contains("'rows' must be an array");
  }
}
