package com.acme.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.billing.SalesInvoice;
import com.fasterxml.jackson.databind.JsonNode;
import io.pocketto.Database;
import io.pocketto.sync.Remote;
import io.pocketto.sync.Replication;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replica's replication conflicts over HTTP ({@code /api/replica/conflicts/{id}}): shown with both
 * sides and the state the edit started from, and resolved by keep mine, take theirs or merge, each
 * stored as a child of the server's revision and pushed on the next sync. Replica A edits offline after
 * replica B has pushed its own edit of the same invoice, so A's push meets B's revision.
 */
class ReplicaConflictApiTest {
  private static final String ID = "inv-1";
  private static final String CONFLICT = "/api/replica/conflicts/" + ID;

  private final Opened opened = new Opened();
  private ApiClient serverApi;
  private ApiClient replicaA;
  private Database a;
  private Database b;
  private Replication syncA;
  private Replication syncB;

  private <T extends AutoCloseable> T open(T closeable) {
    return opened.open(closeable);
  }

  private Database memory(String name) {
    return opened.memory(name);
  }

  @BeforeEach
  void serverAndTwoReplicasSyncedAtTheSameRevision() {
    Database master = memory("server");
    InvoiceServer server = open(InvoiceServer.start(master, "127.0.0.1", 0));
    serverApi = new ApiClient(server.port());
    ApiClient.Response created = serverApi.post("/api/invoices", """
        {"id": "inv-1", "number": "INV-001", "customer": "Acme", "issuedOn": "2026-11-25", "status": "DRAFT",
         "lines": [{"description": "Consulting", "quantity": 3, "unitPrice": 120.00}]}""");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    Remote remote = Remote.http(URI.create("http://127.0.0.1:" + server.port() + "/api/sync"));
    a = memory("replica-a");
    b = memory("replica-b");
    syncA = open(Replication.of(a, remote).models(SalesInvoice.class).build());
    syncB = open(Replication.of(b, remote).models(SalesInvoice.class).build());
    replicaA = new ApiClient(open(InvoiceServer.start(a, "127.0.0.1", 0, syncA)).port());
    syncA.syncOnce();
    syncB.syncOnce();
  }

  @AfterEach
  void closeAll() throws Exception {
    opened.close();
  }

  /** B edits and pushes, then A edits offline and syncs: A holds the open conflict. */
  private void conflictOnA(Consumer<SalesInvoice> editOfA, Consumer<SalesInvoice> editOfB) {
    SalesInvoice onB = SalesInvoice.in(b).find(ID).orElseThrow();
    editOfB.accept(onB);
    onB.save();
    assertThat(syncB.syncOnce().pushed()).isEqualTo(1);
    SalesInvoice onA = SalesInvoice.in(a).find(ID).orElseThrow();
    editOfA.accept(onA);
    onA.save();
    assertThat(syncA.syncOnce().conflicts()).hasSize(1);
  }

  private String masterRev() {
    return serverApi.get("/api/invoices/" + ID).json().get("_rev").asText();
  }

  /** After A syncs and B pulls: the server, A and B hold the same revision; returns the server's invoice. */
  private JsonNode convergedAfterSync() {
    syncA.syncOnce();
    syncB.syncOnce();
    JsonNode server = serverApi.get("/api/invoices/" + ID).json();
    String rev = server.get("_rev").asText();
    assertThat(SalesInvoice.in(a).find(ID).orElseThrow().meta().rev()).isEqualTo(rev);
    assertThat(SalesInvoice.in(b).find(ID).orElseThrow().meta().rev()).isEqualTo(rev);
    assertThat(SalesInvoice.in(b).find(ID).orElseThrow().getNumber()).isEqualTo(server.get("number").asText());
    assertThat(SalesInvoice.in(b).find(ID).orElseThrow().getCustomer()).isEqualTo(server.get("customer").asText());
    assertThat(syncA.conflicts()).isEmpty();
    return server;
  }

  @Test
  void theConflictShowsThisReplicasEditTheServersRevisionAndTheStateTheEditStartedFrom() {
    String startedAt = SalesInvoice.in(a).find(ID).orElseThrow().meta().rev();
    conflictOnA(i -> i.setNumber("INV-003"), i -> i.setNumber("INV-002"));

    ApiClient.Response shown = replicaA.get(CONFLICT);

    assertThat(shown.status()).as(shown.text()).isEqualTo(200);
    JsonNode conflict = shown.json();
    assertThat(conflict.get("id").asText()).isEqualTo(ID);
    assertThat(conflict.get("error").toString()).isEqualTo("{\"name\":\"conflict\",\"message\":\"Document update "
        + "conflict\",\"status\":409,\"error\":true,\"reason\":\"Document update conflict\",\"revision\":\""
        + masterRev() + "\"}");
    assertThat(conflict.get("conflictingFields")).extracting(JsonNode::asText).containsExactly("number");
    assertThat(conflict.get("local").get("number").asText()).isEqualTo("INV-003");
    assertThat(conflict.get("master").get("number").asText()).isEqualTo("INV-002");
    assertThat(conflict.get("master").get("_rev").asText()).isEqualTo(masterRev());
    assertThat(conflict.get("assumedMaster").get("number").asText()).isEqualTo("INV-001");
    assertThat(conflict.get("assumedMaster").get("_rev").asText()).isEqualTo(startedAt);
    assertThat(conflict.get("master").get("total").decimalValue()).isEqualByComparingTo("360.00");
  }

  @Test
  void keepMineStoresThisReplicasVersionAsAChildOfTheServersRevisionAndPushesIt() {
    conflictOnA(i -> i.setNumber("INV-003"), i -> i.setCustomer("Globex"));
    String theirs = masterRev();

    ApiClient.Response kept = replicaA.post(CONFLICT + "/keep-mine", null);

    assertThat(kept.status()).as(kept.text()).isEqualTo(200);
    assertThat(kept.json().get("conflicts")).isEmpty();
    assertThat(kept.json().get("pendingChanges").asLong()).isEqualTo(1);
    JsonNode resolved = kept.json().get("resolved");
    assertThat(resolved.get("_rev").asText()).startsWith("3-");
    assertThat(resolved.get("number").asText()).isEqualTo("INV-003");
    assertThat(resolved.get("customer").asText()).as("mine, the value A's edit started from").isEqualTo("Acme");
    JsonNode server = convergedAfterSync();
    assertThat(server.get("_rev").asText()).isEqualTo(resolved.get("_rev").asText()).isNotEqualTo(theirs);
    assertThat(server.get("customer").asText()).isEqualTo("Acme");
  }

  @Test
  void takeTheirsDropsThisReplicasEditAndAdoptsTheServersRevision() {
    conflictOnA(i -> i.setNumber("INV-003"), i -> i.setNumber("INV-002"));
    String theirs = masterRev();

    ApiClient.Response taken = replicaA.post(CONFLICT + "/take-theirs", null);

    assertThat(taken.status()).as(taken.text()).isEqualTo(200);
    assertThat(taken.json().get("resolved").get("_rev").asText()).isEqualTo(theirs);
    assertThat(taken.json().get("resolved").get("number").asText()).isEqualTo("INV-002");
    assertThat(taken.json().get("pendingChanges").asLong()).isZero();
    assertThat(convergedAfterSync().get("_rev").asText()).isEqualTo(theirs);
  }

  @Test
  void mergeKeepsTheFieldsEachSideChanged() {
    conflictOnA(i -> i.setNumber("INV-003"), i -> i.setCustomer("Globex"));

    ApiClient.Response merged = replicaA.post(CONFLICT + "/merge", null);

    assertThat(merged.status()).as(merged.text()).isEqualTo(200);
    JsonNode resolved = merged.json().get("resolved");
    assertThat(resolved.get("_rev").asText()).startsWith("3-");
    assertThat(resolved.get("number").asText()).isEqualTo("INV-003");
    assertThat(resolved.get("customer").asText()).isEqualTo("Globex");
    assertThat(resolved.get("total").decimalValue()).isEqualByComparingTo("360.00");
    JsonNode server = convergedAfterSync();
    assertThat(server.get("_rev").asText()).isEqualTo(resolved.get("_rev").asText());
    assertThat(server.get("number").asText()).isEqualTo("INV-003");
    assertThat(server.get("customer").asText()).isEqualTo("Globex");
  }

  @Test
  void mergeOfAFieldBothChangedIsA409NamingItAndTheConflictStaysOpen() {
    conflictOnA(i -> {
      i.setNumber("INV-003");
      i.setCustomer("Initech");
    }, i -> i.setNumber("INV-002"));

    ApiClient.Response refused = replicaA.post(CONFLICT + "/merge", "{}");

    assertThat(refused.status()).as(refused.text()).isEqualTo(409);
    assertThat(refused.json().get("revision").asText()).isEqualTo(masterRev());
    assertThat(refused.json().get("conflictingFields")).extracting(JsonNode::asText).containsExactly("number");
    assertThat(refused.json().get("message").asText()).contains("both sides changed number");
    assertThat(refused.json().get("conflict").get("local").get("number").asText()).isEqualTo("INV-003");
    assertThat(replicaA.get("/api/replica").json().get("conflicts")).hasSize(1);
    assertThat(SalesInvoice.in(a).find(ID).orElseThrow().getNumber()).as("unchanged").isEqualTo("INV-003");
  }

  @Test
  void mergeWithAChoiceForTheFieldBothChangedResolvesIt() {
    conflictOnA(i -> {
      i.setNumber("INV-003");
      i.setCustomer("Initech");
    }, i -> {
      i.setNumber("INV-002");
      i.setStatus(com.acme.billing.Status.SENT);
    });

    ApiClient.Response theirs = replicaA.post(CONFLICT + "/merge", "{\"choices\": {\"number\": \"theirs\"}}");

    assertThat(theirs.status()).as(theirs.text()).isEqualTo(200);
    JsonNode resolved = theirs.json().get("resolved");
    assertThat(resolved.get("number").asText()).isEqualTo("INV-002");
    assertThat(resolved.get("customer").asText()).isEqualTo("Initech");
    assertThat(resolved.get("status").asText()).isEqualTo("SENT");
    JsonNode server = convergedAfterSync();
    assertThat(server.get("number").asText()).isEqualTo("INV-002");
    assertThat(server.get("customer").asText()).isEqualTo("Initech");
    assertThat(server.get("status").asText()).isEqualTo("SENT");
  }

  @Test
  void choosingMineForAFieldOnlyTheServerChangedKeepsThisReplicasValue() {
    conflictOnA(i -> i.setNumber("INV-003"), i -> i.setCustomer("Globex"));

    ApiClient.Response merged = replicaA.post(CONFLICT + "/merge", "{\"choices\": {\"customer\": \"mine\"}}");

    assertThat(merged.status()).as(merged.text()).isEqualTo(200);
    assertThat(merged.json().get("resolved").get("number").asText()).isEqualTo("INV-003");
    assertThat(merged.json().get("resolved").get("customer").asText()).isEqualTo("Acme");
  }

  @Test
  void aResolvedConflictIsGoneAndResolvingItAgainIsA404() {
    conflictOnA(i -> i.setNumber("INV-003"), i -> i.setNumber("INV-002"));
    assertThat(replicaA.post(CONFLICT + "/take-theirs", null).status()).isEqualTo(200);

    for (String action : List.of("/keep-mine", "/take-theirs", "/merge")) {
      ApiClient.Response again = replicaA.post(CONFLICT + action, null);
      assertThat(again.status()).as(action).isEqualTo(404);
      assertThat(again.json().get("message").asText()).isEqualTo("no open replication conflict on invoice 'inv-1'");
    }
    assertThat(replicaA.get(CONFLICT).status()).isEqualTo(404);
  }

  @Test
  void aResolutionNamingAServerRevisionTheConflictNoLongerShowsIsA412WithTheConflictAsItIsNow() {
    conflictOnA(i -> i.setNumber("INV-003"), i -> i.setNumber("INV-002"));
    String seen = masterRev();
    SalesInvoice onB = SalesInvoice.in(b).find(ID).orElseThrow();
    onB.setCustomer("Globex");
    onB.save();
    syncB.syncOnce();
    syncA.syncOnce(); // pulls B's newer revision into the open conflict
    String now = masterRev();
    String local = SalesInvoice.in(a).find(ID).orElseThrow().meta().rev();

    ApiClient.Response stale = replicaA.send("POST", CONFLICT + "/take-theirs", null, "If-Match", "\"" + seen + "\"");

    assertThat(stale.status()).as(stale.text()).isEqualTo(412);
    assertThat(stale.json().get("revision").asText()).isEqualTo(now);
    assertThat(stale.json().get("message").asText()).contains("is now " + now + ", not " + seen);
    assertThat(stale.json().get("conflict").get("master").get("customer").asText()).isEqualTo("Globex");
    assertThat(SalesInvoice.in(a).find(ID).orElseThrow().meta().rev()).as("nothing resolved").isEqualTo(local);
    ApiClient.Response fresh = replicaA.send("POST", CONFLICT + "/take-theirs", null, "If-Match", "\"" + now + "\"");
    assertThat(fresh.status()).as(fresh.text()).isEqualTo(200);
    assertThat(fresh.json().get("resolved").get("_rev").asText()).isEqualTo(now);
    assertThat(convergedAfterSync().get("customer").asText()).isEqualTo("Globex");
  }

  @Test
  void aMalformedIfMatchIsA400() {
    conflictOnA(i -> i.setNumber("INV-003"), i -> i.setNumber("INV-002"));

    ApiClient.Response refused = replicaA.send("POST", CONFLICT + "/keep-mine", null, "If-Match", "\"not-a-revision\"");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("field").asText()).isEqualTo("If-Match");
    assertThat(syncA.conflicts()).hasSize(1);
  }

  @Test
  void twoResolutionsRacingResolveItOnceAndTheOtherIsA404() throws Exception {
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int round = 1; round <= 10; round++) {
        int r = round;
        conflictOnA(i -> i.setNumber("A-" + r), i -> i.setNumber("B-" + r));
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<ApiClient.Response>> answers = new ArrayList<>();
        for (String action : List.of("/keep-mine", "/take-theirs")) {
          answers.add(threads.submit(() -> {
            start.await();
            return replicaA.post(CONFLICT + action, null);
          }));
        }
        start.countDown();
        ApiClient.Response keep = answers.get(0).get();
        ApiClient.Response take = answers.get(1).get();

        assertThat(List.of(keep.status(), take.status())).as("round %d", r).containsExactlyInAnyOrder(200, 404);
        ApiClient.Response won = keep.status() == 200 ? keep : take;
        SalesInvoice stored = SalesInvoice.in(a).find(ID).orElseThrow();
        assertThat(stored.meta().rev()).as("round %d", r).isEqualTo(won.json().get("resolved").get("_rev").asText());
        assertThat(stored.getNumber()).as("round %d", r).isEqualTo(keep == won ? "A-" + r : "B-" + r);
        assertThat(convergedAfterSync().get("number").asText()).isEqualTo(stored.getNumber());
      }
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void badMergeBodiesAreA400NamingTheFieldAndResolveNothing() {
    conflictOnA(i -> i.setNumber("INV-003"), i -> i.setNumber("INV-002"));
    String rev = SalesInvoice.in(a).find(ID).orElseThrow().meta().rev();

    record Case(String body, String field, String message) {}
    for (Case c : List.of(
        new Case("{\"choice\": {}}", "choice", "unknown field 'choice'; a merge takes [choices]"),
        new Case("{\"choices\": [\"number\"]}", "choices", "'choices' must be an object"),
        new Case("{\"choices\": {\"colour\": \"mine\"}}", "choices.colour", "unknown field 'colour'"),
        new Case("{\"choices\": {\"number\": \"both\"}}", "choices.number", "takes \"mine\" or \"theirs\", not \"both\""),
        new Case("{\"choices\": {\"number\": true}}", "choices.number", "takes \"mine\" or \"theirs\", not true"),
        new Case("{\"choices\": {\"total\": \"mine\"}}", "choices.total", "'total' is computed from the lines"),
        new Case("[]", null, "must be a JSON object"),
        new Case("{\"choices\": ", null, "malformed JSON"))) {
      ApiClient.Response refused = replicaA.post(CONFLICT + "/merge", c.body());
      assertThat(refused.status()).as(c.body()).isEqualTo(400);
      assertThat(refused.json().get("message").asText()).as(c.body()).contains(c.message());
      assertThat(refused.json().path("field").asText(null)).as(c.body()).isEqualTo(c.field());
    }
    ApiClient.Response notJson = replicaA.sendAs("POST", CONFLICT + "/merge", "number=mine", "text/plain");
    assertThat(notJson.status()).isEqualTo(415);
    assertThat(syncA.conflicts()).hasSize(1);
    assertThat(SalesInvoice.in(a).find(ID).orElseThrow().meta().rev()).isEqualTo(rev);
  }

  @Test
  void aPlainServerHasNoReplicaRoutes() {
    ApiClient.Response state = serverApi.get("/api/replica");
    ApiClient.Response merge = serverApi.post(CONFLICT + "/merge", null);

    assertThat(state.status()).isEqualTo(404);
    assertThat(state.json().get("name").asText()).isEqualTo("not_found");
    assertThat(merge.status()).isEqualTo(404);
  }
}
