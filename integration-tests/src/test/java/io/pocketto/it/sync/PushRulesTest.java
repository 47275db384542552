package io.pocketto.it.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.internal.ApiAccess;
import io.pocketto.Database;
import io.pocketto.Lock;
import io.pocketto.it.model.SalesInvoice;
import io.pocketto.it.model.SalesInvoiceModel.Status;
import io.pocketto.sync.Credentials;
import io.pocketto.sync.JwtAuthenticator;
import io.pocketto.sync.PushDecision;
import io.pocketto.sync.Remote;
import io.pocketto.sync.Replication;
import io.pocketto.sync.ReplicationRefusal;
import io.pocketto.sync.SyncAuthenticationException;
import io.pocketto.sync.SyncResult;
import io.pocketto.sync.SyncServer;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Push rules, writers, server-only fields, locks and credentials, over HTTP on each backend. The rule:
 * a total above 1,000 needs approval, and only gary may hand an invoice over to another customer. The
 * invoice's status is server-only: set by the back office, never sent to replicas nor changed by them.
 */
class PushRulesTest extends SyncTestBase {
  private static final String NEEDS_APPROVAL = "a total above 1,000 needs approval";

  private URI base;
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void serve() {
    for (String[] i : new String[][] {{"A1", "100"}, {"A2", "200"}, {"A3", "300"}}) {
      SalesInvoice sent = invoice(i[0], "ACME", i[1]);
      sent.setStatus(Status.SENT);
      sent.save();
    }
    JwtAuthenticator jwt = JwtAuthenticator.hmac(Tokens.SECRET, Tokens.ISSUER);
    base = serve(SyncServer.builder(db)
        .authenticator(headers -> {
          requests.incrementAndGet();
          return jwt.authenticate(headers);
        })
        .model(SalesInvoice.class, rules -> rules
            .scope(p -> SalesInvoice.CUSTOMER.in(p.texts("customers")))
            .pushRule((p, before, after, deleting) -> {
              if (!deleting && after.getTotal() != null && after.getTotal().compareTo(new BigDecimal("1000")) > 0) {
                return PushDecision.refuse(NEEDS_APPROVAL);
              }
              return p.id().equals("gary") ? PushDecision.acceptLeavingScope() : PushDecision.accept();
            })
            .serverOnly(SalesInvoice.STATUS))
        .build());
  }

  private Replication replicaOf(Database client, String user, String... customers) {
    return replicate(client, Remote.http(base, Credentials.bearer(Tokens.hmac(user, customers))));
  }

  private static void setTotal(Database database, String id, String total) {
    SalesInvoice invoice = stored(database, id);
    invoice.setTotal(new BigDecimal(total));
    invoice.save();
  }

  @Test
  void aRefusedRowLeavesTheRestOfItsBatchAppliedAndIsNotPushedAgainUntilChanged() {
    Database aliceDb = newClient("alice");
    Replication alice = replicaOf(aliceDb, "alice", "ACME");
    alice.syncOnce();
    setTotal(aliceDb, "A1", "110");
    setTotal(aliceDb, "A2", "5000");
    setTotal(aliceDb, "A3", "330");

    SyncResult result = alice.syncOnce();

    assertThat(result.pushed()).isEqualTo(2);
    assertThat(stored(db, "A1").getTotal()).isEqualByComparingTo("110");
    assertThat(stored(db, "A3").getTotal()).isEqualByComparingTo("330");
    assertThat(stored(db, "A2").getTotal()).as("not written").isEqualByComparingTo("200");
    assertThat(result.refusals()).hasSize(1);
    ReplicationRefusal<?> refusal = result.refusals().get(0);
    assertThat(refusal.id()).isEqualTo("A2");
    assertThat(refusal.status()).isEqualTo(403);
    assertThat(refusal.reason()).isEqualTo(NEEDS_APPROVAL);
    assertThat(stored(aliceDb, "A2").getTotal()).as("visible locally, as refused").isEqualByComparingTo("5000");

    String masterRev = stored(db, "A2").meta().rev();
    for (int i = 0; i < 3; i++) {
      SyncResult again = alice.syncOnce();
      assertThat(again.pushed()).isZero();
      assertThat(again.refusals()).extracting(ReplicationRefusal::id).containsExactly("A2");
    }
    assertThat(stored(db, "A2").meta().rev()).isEqualTo(masterRev);

    setTotal(aliceDb, "A2", "900");
    SyncResult changed = alice.syncOnce();
    assertThat(changed.pushed()).isEqualTo(1);
    assertThat(changed.refusals()).isEmpty();
    assertConverged("A2", db, aliceDb);
  }

  @Test
  void discardingARefusalTakesTheMastersStateBack() {
    Database aliceDb = newClient("alice");
    Replication alice = replicaOf(aliceDb, "alice", "ACME");
    alice.syncOnce();
    setTotal(aliceDb, "A1", "5000");
    ReplicationRefusal<?> refusal = alice.syncOnce().refusals().get(0);

    refusal.discard();

    assertThat(alice.refusals()).isEmpty();
    assertConverged("A1", db, aliceDb);
    assertThat(alice.status().pendingChanges()).isZero();
  }

  @Test
  void aRuleMayLetAnInvoiceLeaveThePushersScope() {
    Database garyDb = newClient("gary");
    Replication gary = replicaOf(garyDb, "gary", "ACME");
    gary.syncOnce();
    SalesInvoice handOver = stored(garyDb, "A1");
    handOver.setCustomer("Initech");
    handOver.save();

    SyncResult result = gary.syncOnce();

    assertThat(result.pushed()).isEqualTo(1);
    assertThat(result.refusals()).isEmpty();
    assertThat(stored(db, "A1").getCustomer()).isEqualTo("Initech");
    assertThat(result.removed()).as("then it leaves gary's replica").isEqualTo(1);
    assertThat(ApiAccess.table(SalesInvoice.in(garyDb)).findIncludingDeleted("A1")).isEmpty();
  }

  @Test
  void everyPushedRevisionNamesTheAuthenticatedPrincipalAsItsWriter() {
    Database aliceDb = newClient("alice");
    aliceDb.setWriter("mallory");   // what the device calls itself does not matter
    Replication alice = replicaOf(aliceDb, "alice", "ACME");
    alice.syncOnce();
    setTotal(aliceDb, "A1", "120");
    SalesInvoice created = new SalesInvoice();
    created.setId("A9");
    created.setCustomer("ACME");
    created.setTotal(BigDecimal.ONE);
    created.saveTo(aliceDb);

    assertThat(alice.syncOnce().pushed()).isEqualTo(2);

    assertThat(stored(aliceDb, "A1").meta().writer()).isEqualTo("mallory");
    assertThat(stored(db, "A1").meta().writer()).isEqualTo("alice");
    assertThat(stored(db, "A9").meta().writer()).isEqualTo("alice");
    assertThat(db.writer()).as("the master's own writer is untouched").isNotEqualTo("alice");
  }

  @Test
  void serverOnlyFieldsAreNeverSentAndKeepTheirStoredValuesOnPush() {
    Database aliceDb = newClient("alice");
    Replication alice = replicaOf(aliceDb, "alice", "ACME");
    alice.syncOnce();
    assertThat(stored(aliceDb, "A1").getStatus()).as("never sent").isNull();

    SalesInvoice edit = stored(aliceDb, "A1");
    edit.setTotal(new BigDecimal("150"));
    edit.setStatus(Status.PAID);   // a client cannot mark an invoice paid
    edit.save();
    assertThat(alice.syncOnce().pushed()).isEqualTo(1);

    SalesInvoice master = stored(db, "A1");
    assertThat(master.getTotal()).isEqualByComparingTo("150");
    assertThat(master.getStatus()).isEqualTo(Status.SENT);
    assertThat(master.meta().rev()).isEqualTo(stored(aliceDb, "A1").meta().rev());

    SalesInvoice created = new SalesInvoice();
    created.setId("A9");
    created.setCustomer("ACME");
    created.setStatus(Status.PAID);
    created.saveTo(aliceDb);
    alice.syncOnce();
    assertThat(stored(db, "A9").getStatus()).as("a create gets no value either").isNull();
  }

  @Test
  void aRowLockedOnTheMasterIsPushedAgainOnceTheLockIsGone() {
    Database aliceDb = newClient("alice");
    Replication alice = replicaOf(aliceDb, "alice", "ACME");
    alice.syncOnce();
    setTotal(aliceDb, "A1", "111");
    Lock lock;
    try (var clerk = db.as("clerk")) {
      lock = SalesInvoice.in(db).lock("A1", Duration.ofMinutes(5));
    }

    SyncResult blocked = alice.syncOnce();

    assertThat(blocked.pushed()).isZero();
    assertThat(blocked.conflicts()).as("a lock is not a conflict").isEmpty();
    assertThat(blocked.refusals()).as("nor a refusal").isEmpty();
    assertThat(stored(db, "A1").getTotal()).isEqualByComparingTo("100");

    try (var clerk = db.as("clerk")) {
      SalesInvoice.in(db).unlock("A1");
    }
    assertThat(alice.syncOnce().pushed()).isEqualTo(1);
    assertThat(stored(db, "A1").getTotal()).isEqualByComparingTo("111");
    assertThat(lock).isNotNull();
  }

  @Test
  void expiredCredentialsAreRefreshedOnceAndTheSyncGoesOn() {
    List<String> issued = new ArrayList<>(List.of(
        Tokens.hmac(Tokens.SECRET, Tokens.claims(Tokens.ISSUER, "alice", List.of("ACME"), Duration.ofMinutes(-5))),
        Tokens.hmac("alice", "ACME")));
    Credentials credentials = Credentials.issuedBy(() -> issued.remove(0));
    Replication alice = replicate(newClient("alice"), Remote.http(base, credentials));

    SyncResult result = alice.syncOnce();

    assertThat(result.pulled()).isEqualTo(3);
    assertThat(issued).isEmpty();
    assertThat(alice.status().signInNeeded()).isFalse();
  }

  @Test
  void aReplicaToldUnauthorizedPausesAndReportsItInsteadOfRetrying() {
    String expired = Tokens.hmac(Tokens.SECRET, Tokens.claims(Tokens.ISSUER, "alice", List.of("ACME"), Duration.ofMinutes(-5)));
    AtomicInteger issues = new AtomicInteger();
    Credentials credentials = Credentials.issuedBy(() -> {
      issues.incrementAndGet();
      return expired;   // the identity provider has nothing better
    });
    Replication alice = replicate(newClient("alice"), Remote.http(base, credentials));
    requests.set(0);

    assertThatThrownBy(alice::syncOnce).isInstanceOf(SyncAuthenticationException.class)
        .hasMessageContaining("401").hasMessageContaining("Expired JWT");

    assertThat(issues.get()).as("the token, and one refresh after the 401").isEqualTo(2);
    assertThat(requests.get()).as("the refresh gave the same token: no pointless retry").isEqualTo(1);
    Replication.Status status = alice.status();
    assertThat(status.signInNeeded()).isTrue();
    assertThat(status.paused()).isTrue();
    assertThat(status.lastError()).contains("401");

    alice.resume();
    assertThat(alice.status().signInNeeded()).isFalse();
    assertThat(alice.status().paused()).isFalse();
  }
}
