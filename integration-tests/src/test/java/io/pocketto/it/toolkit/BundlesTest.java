package io.pocketto.it.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.ConflictException;
import io.pocketto.Database;
import io.pocketto.TransactionRetriesExhaustedException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BundlesTest extends ToolkitTest {

  @Test
  void everyWriteInABundleCommitsTogether() {
    Counter a = counter("a", 1);
    Counter b = counter("b", 1);
    Counter c = counter("c", 1);

    db.bundle(tx -> {
      a.setValue(2);
      a.save();
      b.setValue(2);
      b.save();
      c.delete();
    });

    assertThat(storedValue("a")).isEqualTo(2);
    assertThat(storedValue("b")).isEqualTo(2);
    assertThat(Counter.in(db).find("c")).isEmpty();
    assertThat(a.meta().rev()).startsWith("2-");
  }

  @Test
  void aStaleRevisionRollsBackTheWholeBundleAndEveryRecordKeepsItsState() {
    Counter a = counter("a", 1);
    Counter b = counter("b", 1);
    Counter c = counter("c", 1);
    Counter other = Counter.in(db).find("c").orElseThrow();
    other.setValue(50);
    other.save();
    String revA = a.meta().rev();
    String revB = b.meta().rev();

    assertThatThrownBy(() -> db.bundle(tx -> {
      a.setValue(2);
      a.save();
      b.setValue(2);
      b.save();
      c.delete();
    })).isInstanceOfSatisfying(ConflictException.class, e -> {
      assertThat(e.id()).isEqualTo("c");
      assertThat(e.collection()).isEqualTo("counters");
      assertThat(e.revision()).isEqualTo(other.meta().rev());
    });

    assertThat(storedValue("a")).isEqualTo(1);
    assertThat(storedValue("b")).isEqualTo(1);
    assertThat(storedValue("c")).isEqualTo(50);
    assertThat(a.meta().rev()).isEqualTo(revA);
    assertThat(b.meta().rev()).isEqualTo(revB);
    assertThat(a.meta().dirty()).containsExactly("value");
    assertThat(a.meta().beforeUpdate()).containsEntry("value", 1L);
    assertThat(b.isDirty()).isTrue();
    // The recipe still works after the failed bundle: the records were not left on phantom revisions.
    a.save();
    assertThat(storedValue("a")).isEqualTo(2);
  }

  @Test
  void anExceptionInsideTheWorkRollsBackAndPropagates() {
    Counter a = counter("a", 1);
    Counter created = new Counter();
    created.setValue(9);

    assertThatThrownBy(() -> db.bundle(tx -> {
      a.setValue(2);
      a.save();
      created.saveTo(db);
      throw new IllegalArgumentException("changed my mind");
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("changed my mind");

    assertThat(storedValue("a")).isEqualTo(1);
    assertThat(created.getId()).isNull();
    assertThat(created.meta().rev()).isNull();
    assertThat(Counter.in(db).count()).isEqualTo(1);
  }

  @Test
  void readersNeverSeeHalfABundle() throws Exception {
    Counter a = counter("a", 1);
    Counter b = counter("b", 1);
    CountDownLatch firstWritten = new CountDownLatch(1);
    CountDownLatch readDone = new CountDownLatch(1);
    CompletableFuture<long[]> seen = CompletableFuture.supplyAsync(() -> {
      try {
        firstWritten.await(30, TimeUnit.SECONDS);
        return new long[] {storedValue("a"), storedValue("b")};
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      } finally {
        readDone.countDown();
      }
    });

    db.bundle(tx -> {
      a.setValue(2);
      a.save();
      firstWritten.countDown();
      try {
        assertThat(readDone.await(30, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      b.setValue(2);
      b.save();
    });

    assertThat(seen.get(30, TimeUnit.SECONDS)).containsExactly(1, 1);
    assertThat(storedValue("a")).isEqualTo(2);
    assertThat(storedValue("b")).isEqualTo(2);
  }

  @Test
  void aBundleInsideABundleJoinsItSoBothRollBack() {
    Counter a = counter("a", 1);
    Counter b = counter("b", 1);

    assertThatThrownBy(() -> db.bundle(outer -> {
      db.bundle(inner -> {
        a.setValue(2);
        a.save();
      });
      b.setValue(2);
      b.save();
      throw new IllegalStateException("outer fails");
    })).hasMessage("outer fails");

    assertThat(storedValue("a")).isEqualTo(1);
    assertThat(storedValue("b")).isEqualTo(1);
  }

  @Test
  void theBundleKnowsItsDatabase() {
    Database[] seen = new Database[1];
    db.bundle(tx -> seen[0] = tx.database());
    assertThat(seen[0]).isSameAs(db);
  }

  @Test
  void twoBundlesThatDeadlockBothCompleteAfterARetryWithNothingLost() throws Exception {
    counter("a", 0);
    counter("b", 0);
    CyclicBarrier bothWroteTheirFirst = new CyclicBarrier(2);
    AtomicInteger runs = new AtomicInteger();

    CompletableFuture<Void> ab = CompletableFuture.runAsync(() -> incrementInOrder("a", "b", bothWroteTheirFirst, runs));
    CompletableFuture<Void> ba = CompletableFuture.runAsync(() -> incrementInOrder("b", "a", bothWroteTheirFirst, runs));
    ab.get(2, TimeUnit.MINUTES);
    ba.get(2, TimeUnit.MINUTES);

    assertThat(storedValue("a")).isEqualTo(2);
    assertThat(storedValue("b")).isEqualTo(2);
    assertThat(runs.get()).as("one of the two bundles ran again").isGreaterThanOrEqualTo(3);
    assertThat(Counter.in(db).find("a").orElseThrow().meta().rev()).startsWith("3-");
  }

  /**
   * A bundle that increments {@code first}, then (on its first run, once the other bundle holds its
   * own first row) {@code second}: two of them in opposite orders wait for each other. The increments are
   * incremental writes: when the bundle runs again, the other one may have written a row after this one
   * read it, and the increment must then be applied to what it wrote, not fail the bundle with a 409.
   */
  private void incrementInOrder(String first, String second, CyclicBarrier barrier, AtomicInteger runs) {
    boolean[] firstRun = {true};
    db.bundle(tx -> {
      runs.incrementAndGet();
      Counter.in(db).find(first).orElseThrow().incrementalModify(c -> c.setValue(c.getValue() + 1));
      if (firstRun[0]) {
        firstRun[0] = false;
        try {
          barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new AssertionError("the other bundle never wrote its first row", e);
        }
      }
      Counter.in(db).find(second).orElseThrow().incrementalModify(c -> c.setValue(c.getValue() + 1));
    });
  }

  @Test
  void aBundleThatKeepsDeadlockingGivesUpWithAnExceptionThatSaysSo() throws Exception {
    counter("a", 0);
    counter("b", 0);
    db.setRetryPolicy(io.pocketto.RetryPolicy.defaults().withMaxAttempts(1));
    CyclicBarrier bothWroteTheirFirst = new CyclicBarrier(2);
    AtomicInteger runs = new AtomicInteger();

    CompletableFuture<Void> ab = CompletableFuture.runAsync(() -> incrementInOrder("a", "b", bothWroteTheirFirst, runs));
    CompletableFuture<Void> ba = CompletableFuture.runAsync(() -> incrementInOrder("b", "a", bothWroteTheirFirst, runs));
    java.util.List<Throwable> failures = new java.util.ArrayList<>();
    for (CompletableFuture<Void> f : java.util.List.of(ab, ba)) {
      try {
        f.get(2, TimeUnit.MINUTES);
      } catch (java.util.concurrent.ExecutionException e) {
        failures.add(e.getCause());
      }
    }

    assertThat(failures).hasSize(1);
    assertThat(failures.get(0)).isInstanceOf(TransactionRetriesExhaustedException.class)
        .hasMessageContaining("gave up on a bundle after 1 attempts");
    assertThat(((TransactionRetriesExhaustedException) failures.get(0)).status()).isEqualTo(503);
    assertThat(storedValue("a") + storedValue("b")).as("only the bundle that went through wrote").isEqualTo(2);
  }
}
