package io.pocketto.it;

import static io.pocketto.it.Invoices.newInvoice;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.ConflictException;
import io.pocketto.Revision;
import io.pocketto.it.model.SalesInvoice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real threads racing on one database: exactly one writer wins each revision, and nobody else is lost. */
class ConcurrencyTest extends BackendTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 5;

  private ExecutorService pool;

  @BeforeEach
  void startThreads() {
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void stopThreads() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("writer threads stopped").isTrue();
  }

  @Test
  void exactlyOneOfManyWritersOfTheSameRevisionWins() throws Exception {
    newInvoice("1", "INV-0").save();

    for (int round = 1; round <= ROUNDS; round++) {
      String base = SalesInvoice.find("1").orElseThrow().meta().rev();
      CountDownLatch ready = new CountDownLatch(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String number = "INV-" + round + "-" + t;
        futures.add(pool.submit(() -> {
          SalesInvoice mine = SalesInvoice.in(db).find("1").orElseThrow();
          mine.setNumber(number);
          ready.countDown();
          start.await();
          return attempt(mine);
        }));
      }
      assertThat(ready.await(60, TimeUnit.SECONDS)).as("every writer loaded the document").isTrue();
      start.countDown();
      List<Outcome> outcomes = results(futures);

      List<Outcome> winners = outcomes.stream().filter(o -> o.conflict() == null).toList();
      assertThat(winners).as("winners of round %d", round).hasSize(1);
      Outcome winner = winners.get(0);
      assertThat(Revision.parse(winner.record().meta().rev()).height())
          .isEqualTo(Revision.parse(base).height() + 1);
      for (Outcome loser : outcomes) {
        if (loser != winner) {
          assertThat(loser.conflict().revision()).isEqualTo(winner.record().meta().rev());
          assertThat(loser.conflict().expectedRevision()).isEqualTo(base);
          assertThat(loser.record().meta().rev()).isEqualTo(base);
          assertThat(loser.record().isDirty()).isTrue();
        }
      }
      SalesInvoice stored = SalesInvoice.find("1").orElseThrow();
      assertThat(stored.meta().rev()).isEqualTo(winner.record().meta().rev());
      assertThat(stored.getNumber()).isEqualTo(winner.record().getNumber());
    }
  }

  @Test
  void exactlyOneOfManyCreatorsOfTheSameIdWins() throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Outcome>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String number = "INV-" + t;
      futures.add(pool.submit(() -> {
        SalesInvoice mine = newInvoice("1", number);
        start.await();
        return attempt(mine, () -> mine.saveTo(db));
      }));
    }
    start.countDown();
    List<Outcome> outcomes = results(futures);

    List<Outcome> winners = outcomes.stream().filter(o -> o.conflict() == null).toList();
    assertThat(winners).hasSize(1);
    String winnerRev = winners.get(0).record().meta().rev();
    assertThat(outcomes).filteredOn(o -> o.conflict() != null).hasSize(THREADS - 1).allSatisfy(o -> {
      assertThat(o.conflict().expectedRevision()).isNull();
      assertThat(o.conflict().revision()).isEqualTo(winnerRev);
      assertThat(o.record().meta().rev()).isNull();
    });
    assertThat(SalesInvoice.find("1").orElseThrow().getNumber()).isEqualTo(winners.get(0).record().getNumber());
  }

  @Test
  void exactlyOneOfManyCreatorsOfADeletedIdWins() throws Exception {
    newInvoice("1", "INV-OLD").save().delete();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Outcome>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String number = "INV-" + t;
      futures.add(pool.submit(() -> {
        SalesInvoice mine = newInvoice("1", number);
        start.await();
        return attempt(mine, () -> mine.saveTo(db));
      }));
    }
    start.countDown();
    List<Outcome> outcomes = results(futures);

    List<Outcome> winners = outcomes.stream().filter(o -> o.conflict() == null).toList();
    assertThat(winners).hasSize(1);
    SalesInvoice winner = winners.get(0).record();
    assertThat(winner.meta().rev()).startsWith("3-");
    assertThat(outcomes).filteredOn(o -> o.conflict() != null).hasSize(THREADS - 1).allSatisfy(o -> {
      assertThat(o.conflict().revision()).isEqualTo(winner.meta().rev());
      assertThat(o.record().meta().rev()).isNull();
    });
    SalesInvoice stored = SalesInvoice.find("1").orElseThrow();
    assertThat(stored.getNumber()).isEqualTo(winner.getNumber());
    assertThat(stored.meta().rev()).isEqualTo(winner.meta().rev());
  }

  @Test
  void writersOfDifferentDocumentsAllSucceed() throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<SalesInvoice>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String id = "doc-" + t;
      futures.add(pool.submit(() -> {
        start.await();
        SalesInvoice mine = newInvoice(id, "INV-0").saveTo(db);
        for (int round = 1; round <= ROUNDS; round++) {
          mine.setNumber("INV-" + round);
          mine.save();
        }
        return mine;
      }));
    }
    start.countDown();

    for (Future<SalesInvoice> future : futures) {
      SalesInvoice mine = future.get(60, TimeUnit.SECONDS);
      assertThat(Revision.parse(mine.meta().rev()).height()).isEqualTo(ROUNDS + 1);
      SalesInvoice stored = SalesInvoice.find(mine.getId()).orElseThrow();
      assertThat(stored.getNumber()).isEqualTo("INV-" + ROUNDS);
      assertThat(stored.meta().rev()).isEqualTo(mine.meta().rev());
    }
    assertThat(SalesInvoice.in(db).count()).isEqualTo(THREADS);
  }

  /** What one writer's save came to: its record, and the conflict if it lost. */
  private record Outcome(SalesInvoice record, ConflictException conflict) {}

  private static Outcome attempt(SalesInvoice record) {
    return attempt(record, record::save);
  }

  private static Outcome attempt(SalesInvoice record, Runnable write) {
    try {
      write.run();
      return new Outcome(record, null);
    } catch (ConflictException e) {
      // Only a conflict is an expected way to lose; anything else fails the test through the future.
      return new Outcome(record, e);
    }
  }

  private static <T> List<T> results(List<Future<T>> futures)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<T> out = new ArrayList<>();
    for (Future<T> f : futures) {
      out.add(f.get(60, TimeUnit.SECONDS));
    }
    return out;
  }
}
