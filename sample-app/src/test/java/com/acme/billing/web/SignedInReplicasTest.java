package com.acme.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.internal.ApiAccess;
import com.acme.billing.ReplicaApp;
import com.acme.billing.SalesInvoice;
import io.pocketto.Database;
import io.pocketto.sync.Credentials;
import io.pocketto.sync.Remote;
import io.pocketto.sync.Replication;
import io.pocketto.sync.SyncResult;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample app with a users file: alice (ACME) and gary (Globex) each run a replica signed in as
 * themselves, hold only their customers' invoices, and see an invoice move when the server reassigns it.
 */
class SignedInReplicasTest {
  @TempDir
  Path dir;

  private final Opened opened = new Opened();

  @AfterEach
  void closeAll() throws Exception {
    opened.close();
  }

  private <T extends AutoCloseable> T open(T closeable) {
    return opened.open(closeable);
  }

  private Database memory(String name) {
    return opened.memory(name);
  }

  private static List<String> ids(Database db) {
    return ApiAccess.table(SalesInvoice.in(db)).all().stream().map(SalesInvoice::getId).sorted().toList();
  }

  @Test
  void eachReplicaSeesItsUsersCustomersAndAReassignedInvoiceMoves() throws Exception {
    Path users = Files.writeString(dir.resolve("users.txt"), "# name:password:customers\nalice:a-secret:ACME\ngary:g-secret:Globex\n");
    InvoiceServer server = open(InvoiceServer.start(memory("server"), "127.0.0.1", 0, SyncUsers.load(users)));
    ApiClient serverApi = new ApiClient(server.port());
    for (String[] invoice : new String[][] {{"A1", "ACME"}, {"A2", "ACME"}, {"G1", "Globex"}}) {
      ApiClient.Response created = serverApi.send("POST", "/api/invoices",
          "{\"id\": \"" + invoice[0] + "\", \"number\": \"INV-" + invoice[0] + "\", \"customer\": \"" + invoice[1] + "\"}");
      assertThat(created.status()).as(created.text()).isEqualTo(201);
    }
    String base = "http://127.0.0.1:" + server.port();
    Database aliceDb = memory("alice");
    Database garyDb = memory("gary");
    Replication alice = open(Replication.of(aliceDb, Remote.http(URI.create(base + "/api/sync"),
        Credentials.issuedBy(() -> ReplicaApp.signIn(base, "alice", "a-secret")))).models(SalesInvoice.class).build());
    Replication gary = open(Replication.of(garyDb, Remote.http(URI.create(base + "/api/sync"),
        Credentials.issuedBy(() -> ReplicaApp.signIn(base, "gary", "g-secret")))).models(SalesInvoice.class).build());
    ApiClient alicePage = new ApiClient(open(InvoiceServer.start(aliceDb, "127.0.0.1", 0, alice, "alice")).port());

    alice.syncOnce();
    gary.syncOnce();
    assertThat(ids(aliceDb)).containsExactly("A1", "A2");
    assertThat(ids(garyDb)).containsExactly("G1");
    assertThat(alicePage.get("/api/replica").json().get("signedInAs").asText()).isEqualTo("alice");

    String rev = serverApi.get("/api/invoices/A1").json().get("_rev").asText();
    ApiClient.Response moved = serverApi.send("PATCH", "/api/invoices/A1", "{\"customer\": \"Globex\"}", "If-Match", "\"" + rev + "\"");
    assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    SyncResult aliceAfter = alice.syncOnce();
    gary.syncOnce();

    assertThat(aliceAfter.removed()).isEqualTo(1);
    assertThat(ids(aliceDb)).containsExactly("A2");
    assertThat(ids(garyDb)).containsExactly("A1", "G1");
  }

  @Test
  void syncWithoutSigningInIs401AndAWrongPasswordGetsNoToken() throws Exception {
    Path users = Files.writeString(dir.resolve("users.txt"), "alice:a-secret:ACME\n");
    InvoiceServer server = open(InvoiceServer.start(memory("server"), "127.0.0.1", 0, SyncUsers.load(users)));
    ApiClient api = new ApiClient(server.port());

    ApiClient.Response pull = api.send("POST", "/api/sync/sales_invoices/pull", "{\"checkpoint\": null}");
    ApiClient.Response wrong = api.send("POST", "/api/sign-in", "{\"user\": \"alice\", \"password\": \"guess\"}");

    assertThat(pull.status()).isEqualTo(401);
    assertThat(pull.json().get("name").asText()).isEqualTo("unauthorized");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().has("token")).isFalse();
    assertThat(ReplicaApp.signIn("http://127.0.0.1:" + server.port(), "alice", "guess")).isNull();
    assertThat(ReplicaApp.signIn("http://127.0.0.1:" + server.port(), "alice", "a-secret")).isNotBlank();
  }
}
