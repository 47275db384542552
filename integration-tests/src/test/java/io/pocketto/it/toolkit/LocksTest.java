package io.pocketto.it.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pocketto.ChangeBatch;
import io.pocketto.ChangeEvent;
import io.pocketto.Checkpoint;
import io.pocketto.ConflictException;
import io.pocketto.ConflictHandler;
import io.pocketto.DocumentNotFoundException;
import io.pocketto.Lock;
import io.pocketto.LockedException;
import io.pocketto.RetryPolicy;
import io.pocketto.WriterScope;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Locks with leases (CLASP's "locks for exclusive access"), on the seed's invoice: alice locks invoice 1
 * while she edits it; bob's writes are refused until she releases it or her lease ends.
 */
class LocksTest extends ToolkitTest {
  private static final Duration LONG = Duration.ofHours(1);
  private final List<ChangeEvent> events = new CopyOnWriteArrayList<>();
  private Invoice alices;
  private Invoice bobs;
  private Lock lock;

  @BeforeEach
  void aliceLocksInvoiceOne() {
    db.setWriter("alice");
    Invoice invoice = new Invoice();
    invoice.setId("1");
    invoice.setNumber("INV-001");
    invoice.setCustomer("Acme");
    invoice.setTotal(new BigDecimal("100"));
    invoice.saveTo(db);
    bobs = load();
    alices = load();
    lock = alices.lock(LONG);
    Invoice.in(db).onChange(events::add);
  }

  @AfterEach
  void noScopeLeaks() {
    assertThat(db.writer()).isEqualTo("alice");
  }

  private Invoice load() {
    return Invoice.in(db).find("1").orElseThrow();
  }

  private <R> R asBob(Supplier<R> work) {
    try (WriterScope bob = db.as("bob")) {
      return work.get();
    }
  }

  private void runAsBob(Runnable work) {
    asBob(() -> {
      work.run();
      return null;
    });
  }

  /** Runs {@code write} as bob and checks it was refused by alice's lock, leaving the document as it was. */
  private LockedException refusedForBob(Runnable write) {
    String storedRev = load().meta().rev();
    LockedException e = asBob(() -> catchThrowableOfType(LockedException.class, write::run));
    assertThat(e).as("bob's write must be refused").isNotNull();
    assertThat(e.status()).isEqualTo(423);
    assertThat(e.holder()).isEqualTo("alice");
    assertThat(e.expires()).isEqualTo(lock.expires());
    assertThat(e.writer()).isEqualTo("bob");
    assertThat(e.id()).isEqualTo("1");
    assertThat(e.getMessage()).contains("invoices/1 is locked by 'alice' until " + lock.expires());
    Invoice stored = load();
    assertThat(stored.meta().rev()).isEqualTo(storedRev);
    assertThat(stored.getCustomer()).isEqualTo("Acme");
    return e;
  }

  @Test
  void theHolderWritesAsUsual() {
    alices.setCustomer("Alice Pte Ltd");
    alices.save();

    assertThat(load().getCustomer()).isEqualTo("Alice Pte Ltd");
    assertThat(lock.holder()).isEqualTo("alice");
    assertThat(Invoice.in(db).lockOf("1")).get().extracting(Lock::holder).isEqualTo("alice");
  }

  @Test
  void anotherWritersSaveIsRefusedAndTheRecordKeepsItsChanges() {
    bobs.setCustomer("Bob Ltd");
    String rev = bobs.meta().rev();

    refusedForBob(bobs::save);

    assertThat(bobs.meta().rev()).isEqualTo(rev);
    assertThat(bobs.meta().dirty()).containsExactly("customer");
    assertThat(events).isEmpty();
  }

  @Test
  void anotherWritersDeleteIsRefused() {
    refusedForBob(bobs::delete);

    assertThat(Invoice.in(db).find("1")).isPresent();
  }

  @Test
  void anotherWritersIncrementalWritesFailAtOnceByDefault() {
    assertThat(db.retryPolicy().lockWait()).isEqualTo(Duration.ZERO);
    refusedForBob(() -> bobs.incrementalModify(i -> i.setCustomer("Bob Ltd")));
    assertThat(bobs.getCustomer()).isEqualTo("Acme");
    assertThat(bobs.isDirty()).isFalse();
    refusedForBob(() -> bobs.incrementalPatch(Map.of("customer", "Bob Ltd")));
    refusedForBob(() -> Invoice.in(db).incrementalUpsert("1", i -> i.setCustomer("Bob Ltd")));
  }

  @Test
  void anotherWritersSaveThroughAConflictHandlerIsRefused() {
    bobs.setCustomer("Bob Ltd");

    refusedForBob(() -> bobs.save(ConflictHandler.LAST_WRITE_WINS));
  }

  @Test
  void anotherWritersBundleIsRefusedAndRolledBackWhole() {
    refusedForBob(() -> db.bundle(tx -> {
      Invoice other = new Invoice();
      other.setId("2");
      other.saveTo(db);
      bobs.setCustomer("Bob Ltd");
      bobs.save();
    }));

    assertThat(Invoice.in(db).find("2")).isEmpty();
    assertThat(bobs.meta().dirty()).containsExactly("customer");
  }

  @Test
  void aStaleWriteUnderALockIsStillA409() {
    alices.setCustomer("Alice Pte Ltd");
    alices.save();
    bobs.setCustomer("Bob Ltd");

    ConflictException e = asBob(() -> catchThrowableOfType(ConflictException.class, bobs::save));

    assertThat(e.winningWriter()).isEqualTo("alice");
    assertThat(asBob(() -> catchThrowableOfType(LockedException.class, () -> load().incrementalModify(i -> i.setNumber("X")))))
        .extracting(LockedException::holder).isEqualTo("alice");
  }

  @Test
  void recreatingADeletedDocumentIsRefusedWhileItsLockLasts() {
    alices.delete();
    Invoice again = new Invoice();
    again.setId("1");

    LockedException e = asBob(() -> catchThrowableOfType(LockedException.class, () -> again.saveTo(db)));

    assertThat(e.holder()).isEqualTo("alice");
    assertThat(Invoice.in(db).find("1")).isEmpty();
  }

  @Test
  void aLockChangesNoRevisionNoFieldAndNoPlaceInTheChangesFeed() {
    lock.release();
    ChangeBatch<Invoice> before = Invoice.in(db).changes(Checkpoint.START, 10);
    String rev = load().meta().rev();

    Lock again = alices.lock(LONG);

    assertThat(alices.isDirty()).isFalse();
    assertThat(alices.meta().rev()).isEqualTo(rev);
    assertThat(load().meta().rev()).isEqualTo(rev);
    assertThat(Invoice.in(db).changes(before.checkpoint(), 10).changes()).isEmpty();
    again.release();
    assertThat(Invoice.in(db).changes(before.checkpoint(), 10).changes()).isEmpty();
    assertThat(events).isEmpty();
  }

  @Test
  void ofEightWritersRacingForOneLockExactlyOneHoldsIt() throws Exception {
    lock.release();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 20; round++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> outcomes = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
          String writer = "writer-" + w;
          outcomes.add(pool.submit(() -> {
            try (WriterScope as = db.as(writer)) {
              start.await();
              return Invoice.in(db).lock("1", LONG);
            } catch (LockedException e) {
              return e;
            }
          }));
        }
        start.countDown();
        List<Lock> winners = new ArrayList<>();
        List<LockedException> losers = new ArrayList<>();
        for (Future<Object> f : outcomes) {
          Object outcome = f.get(60, TimeUnit.SECONDS);
          if (outcome instanceof Lock l) {
            winners.add(l);
          } else {
            losers.add((LockedException) outcome);
          }
        }
        assertThat(winners).as("round %d", round).hasSize(1);
        Lock winner = winners.get(0);
        assertThat(losers).hasSize(7).allSatisfy(e -> assertThat(e.holder()).isEqualTo(winner.holder()));
        assertThat(Invoice.in(db).lockOf("1")).get().extracting(Lock::holder).isEqualTo(winner.holder());
        try (WriterScope as = db.as(winner.holder())) {
          winner.release();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLeaseEndsByItselfAndThenOthersMayWrite() throws Exception {
    lock.release();
    Lock brief = alices.lock(Duration.ofMillis(200));
    assertThat(brief.expires()).isNotNull();
    // Waits for the database's clock to pass the lease; asserts nothing about how long that takes.
    for (int i = 0; i < 600 && Invoice.in(db).lockOf("1").isPresent(); i++) {
      Thread.sleep(50);
    }
    assertThat(Invoice.in(db).lockOf("1")).isEmpty();

    bobs.setCustomer("Bob Ltd");
    runAsBob(bobs::save);

    assertThat(load().getCustomer()).isEqualTo("Bob Ltd");
    assertThat(load().meta().writer()).isEqualTo("bob");
  }

  @Test
  void theHolderRenewsItsLease() {
    Lock renewed = lock.renew(Duration.ofHours(2));

    assertThat(renewed.holder()).isEqualTo("alice");
    assertThat(renewed.expires()).isAfter(lock.expires());
    assertThat(Invoice.in(db).lockOf("1")).get().extracting(Lock::expires).isEqualTo(renewed.expires());
    refusedForBobWith(renewed);
  }

  private void refusedForBobWith(Lock current) {
    bobs.setCustomer("Bob Ltd");
    LockedException e = asBob(() -> catchThrowableOfType(LockedException.class, bobs::save));
    assertThat(e.expires()).isEqualTo(current.expires());
  }

  @Test
  void onlyTheHolderMayRenew() {
    LockedException e = asBob(() -> catchThrowableOfType(LockedException.class, () -> lock.renew(LONG)));

    assertThat(e.holder()).isEqualTo("alice");
    assertThat(Invoice.in(db).lockOf("1")).get().extracting(Lock::expires).isEqualTo(lock.expires());
  }

  @Test
  void anotherWriterCannotTakeAHeldLock() {
    LockedException e = asBob(() -> catchThrowableOfType(LockedException.class, () -> bobs.lock(LONG)));

    assertThat(e.holder()).isEqualTo("alice");
    assertThat(e.expires()).isEqualTo(lock.expires());
  }

  @Test
  void releasingSomeoneElsesLockIsAnError() {
    LockedException byId = asBob(() -> catchThrowableOfType(LockedException.class, () -> Invoice.in(db).unlock("1")));
    LockedException byHandle = asBob(() -> catchThrowableOfType(LockedException.class, lock::release));
    Lock seen = Invoice.in(db).lockOf("1").orElseThrow();
    LockedException byLookup = asBob(() -> catchThrowableOfType(LockedException.class, seen::release));

    assertThat(List.of(byId, byHandle, byLookup)).allSatisfy(e -> {
      assertThat(e.holder()).isEqualTo("alice");
      assertThat(e.writer()).isEqualTo("bob");
    });
    assertThat(Invoice.in(db).lockOf("1")).get().extracting(Lock::holder).isEqualTo("alice");
  }

  @Test
  void releasingFreesTheDocumentAndReleasingAgainDoesNothing() {
    lock.release();
    lock.release();
    Invoice.in(db).unlock("1");

    assertThat(Invoice.in(db).lockOf("1")).isEmpty();
    bobs.setCustomer("Bob Ltd");
    runAsBob(bobs::save);
    assertThat(load().getCustomer()).isEqualTo("Bob Ltd");
  }

  @Test
  void anIncrementalWriteAskedToWaitGoesThroughOnceTheLockIsReleased() throws Exception {
    RetryPolicy patient = RetryPolicy.defaults().withLockWait(Duration.ofMinutes(1));
    ExecutorService bobsThread = Executors.newSingleThreadExecutor();
    try {
      Future<Invoice> bobsWrite = bobsThread.submit(() -> asBob(
          () -> bobs.incrementalModify(i -> i.setTotal(i.getTotal().add(BigDecimal.ONE)), patient)));
      alices.setTotal(new BigDecimal("200"));
      alices.save();
      lock.release();

      Invoice written = bobsWrite.get(60, TimeUnit.SECONDS);

      assertThat(written.getTotal()).isEqualByComparingTo("201");
      assertThat(load().getTotal()).isEqualByComparingTo("201");
      assertThat(load().meta().writer()).isEqualTo("bob");
    } finally {
      bobsThread.shutdownNow();
    }
  }

  @Test
  void anIncrementalWriteThatWaitedInVainFailsWithTheLockAndLeavesTheRecord() {
    RetryPolicy briefly = RetryPolicy.defaults().withLockWait(Duration.ofMillis(150));

    refusedForBob(() -> bobs.incrementalModify(i -> i.setCustomer("Bob Ltd"), briefly));

    assertThat(bobs.getCustomer()).isEqualTo("Acme");
    assertThat(bobs.isDirty()).isFalse();
  }

  @Test
  void locksRefuseWhatCannotBeLocked() {
    Invoice unsaved = new Invoice();
    assertThatThrownBy(() -> unsaved.lock(LONG)).isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot lock a Invoice that was never saved");
    assertThatThrownBy(() -> Invoice.in(db).lock("nope", LONG)).isInstanceOf(DocumentNotFoundException.class);
    assertThatThrownBy(() -> alices.lock(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lease must be from 1 ms to 366 days");
    assertThatThrownBy(() -> RetryPolicy.defaults().withLockWait(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lockedExceptionJsonNamesHolderAndExpiry() {
    LockedException e = asBob(() -> catchThrowableOfType(LockedException.class, bobs::delete));

    assertThat(e.toJson()).isEqualTo("{\"name\":\"locked\",\"message\":\"Document is locked\",\"status\":423,"
        + "\"error\":true,\"reason\":\"Document is locked\",\"holder\":\"alice\",\"expires\":\"" + lock.expires() + "\"}");
  }
}
