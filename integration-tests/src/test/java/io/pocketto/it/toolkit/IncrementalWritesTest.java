package io.pocketto.it.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.ConflictException;
import io.pocketto.RetriesExhaustedException;
import io.pocketto.RetryPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IncrementalWritesTest extends ToolkitTest {
  @Test
  void incrementalModifyAppliesTheMutationAndSaves() {
    Counter c = counter("c", 1);
    String rev = c.meta().rev();

    Counter returned = c.incrementalModify(r -> r.setValue(r.getValue() + 10));

    assertThat(returned).isSameAs(c);
    assertThat(c.getValue()).isEqualTo(11);
    assertThat(c.meta().rev()).startsWith("2-").isNotEqualTo(rev);
    assertThat(c.isDirty()).isFalse();
    assertThat(Counter.in(db).find("c").orElseThrow().getValue()).isEqualTo(11);
  }

  @Test
  void onConflictTheMutationIsReappliedToTheStoredState() {
    Counter stale = counter("c", 1);
    Counter other = Counter.in(db).find("c").orElseThrow();
    other.setValue(100);
    other.save();
    AtomicInteger runs = new AtomicInteger();

    stale.incrementalModify(r -> {
      runs.incrementAndGet();
      r.setValue(r.getValue() + 1);
    });

    assertThat(runs).hasValue(2);
    assertThat(stale.getValue()).isEqualTo(101);
    assertThat(stale.meta().rev()).startsWith("3-");
    assertThat(Counter.in(db).find("c").orElseThrow().getValue()).isEqualTo(101);
  }

  @Test
  void concurrentIncrementsLoseNoUpdate() throws Exception {
    int threads = 8;
    int increments = 60;
    Counter start = new Counter();
    start.setId("hot");
    start.saveTo(db);
    AtomicInteger runs = new AtomicInteger();

    race(threads, () -> {
      for (int i = 0; i < increments; i++) {
        Counter mine = Counter.in(db).find("hot").orElseThrow();
        mine.incrementalModify(r -> {
          runs.incrementAndGet();
          r.setValue(r.getValue() + 1);
        });
      }
    });

    Counter end = Counter.in(db).find("hot").orElseThrow();
    int retries = runs.get() - threads * increments;
    System.out.printf("%s: %d increments, %d retries%n", backend, threads * increments, retries);
    assertThat(end.getValue()).isEqualTo((long) threads * increments);
    assertThat(end.meta().rev()).startsWith((threads * increments + 1) + "-");
  }

  @Test
  void whenRetriesRunOutTheLastConflictIsCarriedAndTheRecordIsUntouched() {
    db.setRetryPolicy(RetryPolicy.defaults().withMaxAttempts(3).withBackoff(Duration.ZERO, Duration.ZERO));
    Counter c = counter("c", 1);
    String rev = c.meta().rev();
    AtomicInteger runs = new AtomicInteger();

    // Every attempt is overtaken by another writer just before it saves.
    assertThatThrownBy(() -> c.incrementalModify(r -> {
      runs.incrementAndGet();
      Counter other = Counter.in(db).find("c").orElseThrow();
      other.setValue(other.getValue() + 1000);
      other.save();
      r.setValue(r.getValue() + 1);
    }))
        .isInstanceOfSatisfying(RetriesExhaustedException.class, e -> {
          assertThat(e.attempts()).isEqualTo(3);
          assertThat(e.status()).isEqualTo(409);
          assertThat(e.lastConflict().revision()).startsWith("4-");
          assertThat(e.getMessage()).contains("counters/c").contains("3 attempts");
        });
    assertThat(runs).hasValue(3);
    assertThat(c.getValue()).isEqualTo(1);
    assertThat(c.meta().rev()).isEqualTo(rev);
    assertThat(c.isDirty()).isFalse();
  }

  @Test
  void incrementalModifyRefusesUnsavedChangesSoARetryCannotDropThem() {
    Counter c = counter("c", 1);
    c.setLabel("pending");

    assertThatThrownBy(() -> c.incrementalModify(r -> r.setValue(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unsaved changes to [label]");
    assertThat(c.getLabel()).isEqualTo("pending");
  }

  @Test
  void incrementalModifyOfANewRecordPointsToUpsert() {
    Counter c = new Counter();
    assertThatThrownBy(() -> c.incrementalModify(r -> r.setValue(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("incrementalUpsert");
  }

  @Test
  void incrementalPatchSetsFieldsByNameAfterCheckingThem() {
    Invoice inv = new Invoice();
    inv.setId("i");
    inv.setNumber("INV-001");
    inv.saveTo(db);
    Map<String, Object> changes = new HashMap<>();
    changes.put("customer", "Acme");
    changes.put("total", 12);
    changes.put("stage", "SENT");
    changes.put("tags", List.of("urgent", "eu"));

    inv.incrementalPatch(changes);

    Invoice stored = Invoice.in(db).find("i").orElseThrow();
    assertThat(stored.getCustomer()).isEqualTo("Acme");
    assertThat(stored.getTotal()).isEqualByComparingTo("12");
    assertThat(stored.getStage()).isEqualTo(InvoiceModel.Stage.SENT);
    assertThat(stored.getTags()).containsExactly("urgent", "eu");
    assertThat(stored.getNumber()).isEqualTo("INV-001");
  }

  @Test
  void incrementalPatchRejectsAnUnknownFieldBeforeWriting() {
    Invoice inv = new Invoice();
    inv.setId("i");
    inv.saveTo(db);
    String rev = inv.meta().rev();

    assertThatThrownBy(() -> inv.incrementalPatch(Map.of("totl", BigDecimal.ONE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invoice has no field 'totl'; its fields are [number, customer, total, stage, tags]");
    assertThat(Invoice.in(db).find("i").orElseThrow().meta().rev()).isEqualTo(rev);
  }

  @Test
  void incrementalPatchRejectsAWrongTypeNamingFieldAndType() {
    Invoice inv = new Invoice();
    inv.setId("i");
    inv.saveTo(db);

    assertThatThrownBy(() -> inv.incrementalPatch(Map.of("total", "twelve")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invoice field 'total' takes BigDecimal, not String 'twelve'");
    assertThatThrownBy(() -> inv.incrementalPatch(Map.of("stage", "LOST")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field 'stage' takes Stage (one of")
        .hasMessageContaining("no constant named 'LOST'");
    assertThat(inv.isDirty()).isFalse();
  }

  @Test
  void incrementalUpsertInsertsWhenAbsentAndModifiesWhenPresent() {
    Counter created = Counter.in(db).incrementalUpsert("u", r -> r.setValue(r.getValue() + 5));
    assertThat(created.getValue()).isEqualTo(5);
    assertThat(created.meta().rev()).startsWith("1-");

    Counter modified = Counter.in(db).incrementalUpsert("u", r -> r.setValue(r.getValue() + 5));
    assertThat(modified.getValue()).isEqualTo(10);
    assertThat(modified.meta().rev()).startsWith("2-");
  }

  @Test
  void racingUpsertsOfANewIdAllLand() throws Exception {
    int threads = 8;
    int each = 20;

    race(threads, () -> {
      for (int i = 0; i < each; i++) {
        Counter.in(db).incrementalUpsert("new-id", r -> r.setValue(r.getValue() + 1));
      }
    });

    assertThat(Counter.in(db).find("new-id").orElseThrow().getValue()).isEqualTo((long) threads * each);
  }

  @Test
  void upsertOnADeletedIdStartsOverOnTopOfTheTombstone() {
    Counter c = counter("gone", 7);
    c.delete();

    Counter revived = Counter.in(db).incrementalUpsert("gone", r -> r.setValue(r.getValue() + 1));

    assertThat(revived.getValue()).isEqualTo(1);
    assertThat(revived.meta().rev()).startsWith("3-");
  }

  @Test
  void aPlainStaleSaveStillRaises409() {
    Counter a = counter("c", 1);
    Counter b = Counter.in(db).find("c").orElseThrow();
    b.setValue(2);
    b.save();
    a.setValue(3);
    assertThatThrownBy(a::save).isInstanceOf(ConflictException.class);
  }

  @Test
  void threadsOfOneProcessTakeTurnsSoOneRetryAlwaysSuffices() throws Exception {
    // Without turns, a retrier keeps losing to fresh writers and two attempts run out at once.
    db.setRetryPolicy(RetryPolicy.defaults().withMaxAttempts(2).withBackoff(Duration.ZERO, Duration.ZERO));
    int threads = 8;
    int increments = 40;
    counter("turns", 0);
    AtomicInteger runs = new AtomicInteger();

    race(threads, () -> {
      for (int i = 0; i < increments; i++) {
        Counter mine = Counter.in(db).find("turns").orElseThrow();
        mine.incrementalModify(r -> {
          runs.incrementAndGet();
          r.setValue(r.getValue() + 1);
        });
      }
    });

    assertThat(Counter.in(db).find("turns").orElseThrow().getValue()).isEqualTo((long) threads * increments);
    assertThat(runs.get()).as("each write ran its mutation at most twice: once stale, once in its turn")
        .isBetween(threads * increments, 2 * threads * increments);
  }

  @Test
  void racingUpsertsTakeTurnsAndNeverRetry() throws Exception {
    db.setRetryPolicy(RetryPolicy.defaults().withMaxAttempts(1));
    int threads = 8;
    int each = 25;

    race(threads, () -> {
      for (int i = 0; i < each; i++) {
        Counter.in(db).incrementalUpsert("queued", r -> r.setValue(r.getValue() + 1));
      }
    });

    Counter end = Counter.in(db).find("queued").orElseThrow();
    assertThat(end.getValue()).isEqualTo((long) threads * each);
    assertThat(end.meta().rev()).startsWith(threads * each + "-");
  }

  /** Runs {@code work} on {@code threads} threads released together; rethrows the first failure. */
  private static void race(int threads, Runnable work) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          go.await();
          work.run();
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
