package io.pocketto.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.internal.ApiAccess;
import io.pocketto.Checkpoint;
import io.pocketto.Database;
import io.pocketto.it.model.SalesInvoice;
import io.pocketto.sync.Credentials;
import io.pocketto.sync.JwtAuthenticator;
import io.pocketto.sync.Remote;
import io.pocketto.sync.Replication;
import io.pocketto.sync.ReplicationRefusal;
import io.pocketto.sync.SyncResult;
import io.pocketto.sync.SyncServer;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Partial replication: alice (customer ACME) and gary (Globex) sync their own replicas with one master,
 * over HTTP, on each backend. Each holds exactly its customers' invoices; an invoice that leaves a scope
 * (reassigned, or the principal's customers change) is removed from that replica at its next pull,
 * without a delete, and an unpushed change to it is kept and reported.
 */
class ScopedReplicationTest extends SyncTestBase {
  private URI base;

  @BeforeEach
  void serveTwoCustomers() {
    invoice("A1", "ACME", "100");
    invoice("A2", "ACME", "200");
    invoice("G1", "Globex", "300");
    base = serve(SyncServer.builder(db)
        .authenticator(JwtAuthenticator.hmac(Tokens.SECRET, Tokens.ISSUER))
        .model(SalesInvoice.class, rules -> rules.scope(p -> SalesInvoice.CUSTOMER.in(p.texts("customers"))))
        .build());
  }

  private Replication replicaOf(Database client, String user, String... customers) {
    return replicate(client, Remote.http(base, Credentials.bearer(Tokens.hmac(user, customers))));
  }

  /** The live invoices of a database, by id. */
  private static List<String> live(Database database) {
    return ApiAccess.table(SalesInvoice.in(database)).all().stream().map(SalesInvoice::getId).sorted().toList();
  }

  /** Every row of a database's invoices table, tombstones included. */
  private static List<String> rows(Database database) {
    return SalesInvoice.in(database).changes(Checkpoint.START, 1000).changes().stream().map(c -> c.id()).sorted().toList();
  }

  private void reassign(String id, String customer) {
    SalesInvoice invoice = stored(db, id);
    invoice.setCustomer(customer);
    invoice.save();
  }

  @Test
  void eachReplicaEndsUpWithExactlyItsCustomersInvoices() {
    Database aliceDb = newClient("alice");
    Database garyDb = newClient("gary");

    SyncResult alice = replicaOf(aliceDb, "alice", "ACME").syncOnce();
    SyncResult gary = replicaOf(garyDb, "gary", "Globex").syncOnce();

    assertThat(alice.pulled()).isEqualTo(2);
    assertThat(gary.pulled()).isEqualTo(1);
    assertThat(rows(aliceDb)).containsExactly("A1", "A2");
    assertThat(rows(garyDb)).containsExactly("G1");
    assertConverged("A1", db, aliceDb);
    assertConverged("G1", db, garyDb);
  }

  @Test
  void aReassignedInvoiceMovesFromOneReplicaToTheOtherAtTheirNextSyncs() {
    Database aliceDb = newClient("alice");
    Database garyDb = newClient("gary");
    Replication alice = replicaOf(aliceDb, "alice", "ACME");
    Replication gary = replicaOf(garyDb, "gary", "Globex");
    alice.syncOnce();
    gary.syncOnce();

    reassign("A1", "Globex");
    SyncResult aliceAfter = alice.syncOnce();
    SyncResult garyAfter = gary.syncOnce();

    assertThat(aliceAfter.removed()).isEqualTo(1);
    assertThat(rows(aliceDb)).as("gone outright, no tombstone").containsExactly("A2");
    assertThat(garyAfter.pulled()).isEqualTo(1);
    assertThat(rows(garyDb)).containsExactly("A1", "G1");
    assertConverged("A1", db, garyDb);
    assertThat(stored(garyDb, "A1").getCustomer()).isEqualTo("Globex");

    // The removal is not a delete: nothing replicates back, the master keeps the invoice.
    SyncResult again = alice.syncOnce();
    assertThat(again.pushed()).isZero();
    assertThat(again.removed()).isZero();
    assertThat(stored(db, "A1").meta().rev()).isEqualTo(stored(garyDb, "A1").meta().rev());
    assertThat(live(db)).containsExactly("A1", "A2", "G1");
    assertThat(alice.status().pendingChanges()).isZero();
  }

  @Test
  void anInvoiceThatComesBackIsPulledAgain() {
    Database aliceDb = newClient("alice");
    Replication alice = replicaOf(aliceDb, "alice", "ACME");
    alice.syncOnce();
    reassign("A1", "Globex");
    alice.syncOnce();

    reassign("A1", "ACME");
    SyncResult back = alice.syncOnce();

    assertThat(back.pulled()).isEqualTo(1);
    assertThat(rows(aliceDb)).containsExactly("A1", "A2");
    assertConverged("A1", db, aliceDb);
  }

  @Test
  void aDeletionInTheScopeReplicatesAsATombstone() {
    Database aliceDb = newClient("alice");
    Replication alice = replicaOf(aliceDb, "alice", "ACME");
    alice.syncOnce();

    stored(db, "A2").delete();
    SyncResult after = alice.syncOnce();

    assertThat(after.pulled()).isEqualTo(1);
    assertThat(after.removed()).isZero();
    assertThat(live(aliceDb)).containsExactly("A1");
    assertThat(rows(aliceDb)).as("the tombstone, as for any replicated delete").containsExactly("A1", "A2");
    assertConverged("A2", db, aliceDb);
  }

  @Test
  void aReplicaMayDeleteAnInvoiceOfItsScope() {
    Database aliceDb = newClient("alice");
    Replication alice = replicaOf(aliceDb, "alice", "ACME");
    alice.syncOnce();

    stored(aliceDb, "A2").delete();
    SyncResult result = alice.syncOnce();

    assertThat(result.pushed()).isEqualTo(1);
    assertThat(result.refusals()).isEmpty();
    assertThat(live(db)).containsExactly("A1", "G1");
    assertConverged("A2", db, aliceDb);
    assertThat(stored(db, "A2").meta().writer()).isEqualTo("alice");
  }

  @Test
  void whenThePrincipalsCustomersChangeTheReplicaFollowsAtItsNextPull() {
    Database aliceDb = newClient("alice");
    AtomicReference<String> token = new AtomicReference<>(Tokens.hmac("alice", "ACME"));
    Credentials credentials = token::get;
    Replication alice = replicate(aliceDb, Remote.http(base, credentials));
    alice.syncOnce();

    token.set(Tokens.hmac("alice", "Globex"));
    SyncResult moved = alice.syncOnce();

    assertThat(moved.removed()).isEqualTo(2);
    assertThat(moved.pulled()).isEqualTo(1);
    assertThat(rows(aliceDb)).containsExactly("G1");

    token.set(Tokens.hmac("alice", "ACME", "Globex"));
    SyncResult both = alice.syncOnce();
    assertThat(both.pulled()).isEqualTo(2);
    assertThat(both.removed()).isZero();
    assertThat(rows(aliceDb)).containsExactly("A1", "A2", "G1");
    assertThat(live(db)).containsExactly("A1", "A2", "G1");
  }

  @Test
  void anUnpushedEditOfADepartingInvoiceIsKeptAndReportedNotDropped() {
    Database aliceDb = newClient("alice");
    Replication alice = replicaOf(aliceDb, "alice", "ACME");
    alice.syncOnce();
    String masterRevBefore = stored(db, "A1").meta().rev();
    SalesInvoice mine = stored(aliceDb, "A1");
    mine.setTotal(new BigDecimal("111"));
    mine.save();   // offline: not pushed yet

    reassign("A1", "Globex");
    String masterRev = stored(db, "A1").meta().rev();
    SyncResult result = alice.syncOnce();

    assertThat(masterRev).isNotEqualTo(masterRevBefore);
    assertThat(result.pushed()).isZero();
    assertThat(result.refusals()).hasSize(1);
    ReplicationRefusal<?> refusal = result.refusals().get(0);
    assertThat(refusal.id()).isEqualTo("A1");
    assertThat(refusal.status()).isEqualTo(403);
    assertThat(refusal.reason()).isEqualTo("the document left your sync scope on the server; this change was not pushed");
    assertThat(((SalesInvoice) refusal.local()).getTotal()).isEqualByComparingTo("111");
    assertThat(stored(aliceDb, "A1").getTotal()).as("the edit is kept").isEqualByComparingTo("111");
    assertThat(stored(db, "A1").meta().rev()).as("and never reaches the master").isEqualTo(masterRev);

    // Not pushed again, however often it syncs.
    SyncResult again = alice.syncOnce();
    assertThat(again.pushed()).isZero();
    assertThat(again.refusals()).hasSize(1);
    assertThat(stored(db, "A1").meta().rev()).isEqualTo(masterRev);

    refusal.discard();
    assertThat(rows(aliceDb)).containsExactly("A2");
    assertThat(alice.refusals()).isEmpty();
    assertThat(alice.syncOnce().pushed()).isZero();
    assertThat(stored(db, "A1").getCustomer()).isEqualTo("Globex");
  }

  @Test
  void aRemovalWhoseAnswerWasLostIsGivenAgain() {
    Database aliceDb = newClient("alice");
    FaultyRemote remote = new FaultyRemote(Remote.http(base, Credentials.bearer(Tokens.hmac("alice", "ACME"))));
    Replication alice = replicate(aliceDb, remote);
    alice.syncOnce();
    reassign("A1", "Globex");

    remote.failNextPull(FaultyRemote.Fault.CUT_AFTER);
    try {
      alice.syncOnce();
    } catch (io.pocketto.sync.RemoteUnavailableException expected) {
      // the server answered the removal; the answer was lost
    }
    assertThat(rows(aliceDb)).containsExactly("A1", "A2");

    SyncResult retried = alice.syncOnce();
    assertThat(retried.removed()).isEqualTo(1);
    assertThat(rows(aliceDb)).containsExactly("A2");
    assertThat(alice.syncOnce().removed()).isZero();
  }

  @Test
  void anEditPushedInsideTheScopeReachesTheOtherReplicaOfTheSameCustomer() {
    Database phone = newClient("alice-phone");
    Database laptop = newClient("alice-laptop");
    Replication onPhone = replicaOf(phone, "alice", "ACME");
    Replication onLaptop = replicaOf(laptop, "alice", "ACME");
    onPhone.syncOnce();
    onLaptop.syncOnce();

    SalesInvoice edit = stored(phone, "A2");
    edit.setTotal(new BigDecimal("250"));
    edit.save();
    assertThat(onPhone.syncOnce().pushed()).isEqualTo(1);
    assertThat(onLaptop.syncOnce().pulled()).isEqualTo(1);

    assertConverged("A2", db, phone, laptop);
    assertThat(stored(db, "A2").meta().writer()).isEqualTo("alice");
  }

  @Test
  void aReassignmentRacingAPushNeverShowsThePusherTheOtherCustomersState() throws Exception {
    Database aliceDb = newClient("alice");
    Replication alice = replicaOf(aliceDb, "alice", "ACME");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        String id = "R" + round;
        invoice(id, "ACME", "10");
        alice.syncOnce();
        SalesInvoice mine = stored(aliceDb, id);
        mine.setTotal(new BigDecimal("11"));
        mine.save();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        var sync = pool.submit(() -> {
          go.await();
          return alice.syncOnce();
        });
        var move = pool.submit(() -> {
          go.await();
          while (true) {
            try {
              reassign(id, "Globex");
              return null;
            } catch (io.pocketto.ConflictException lost) {
              // alice's push came first: reassign her revision
            }
          }
        });
        go.countDown();
        SyncResult raced = sync.get();
        move.get();
        SyncResult after = alice.syncOnce();

        for (SyncResult result : List.of(raced, after)) {
          assertThat(result.conflicts()).as("round %d: a conflict would show Globex's document", round).isEmpty();
        }
        assertThat(stored(db, id).getCustomer()).isEqualTo("Globex");
        var left = ApiAccess.table(SalesInvoice.in(aliceDb)).findIncludingDeleted(id);
        if (left.isPresent()) {
          // Her edit lost the race: kept locally as her own ACME invoice, reported as refused.
          assertThat(left.get().getCustomer()).isEqualTo("ACME");
          assertThat(alice.refusals()).extracting(ReplicationRefusal::id).contains(id);
        }
      }
    } finally {
      pool.shutdown();
    }
  }
}
