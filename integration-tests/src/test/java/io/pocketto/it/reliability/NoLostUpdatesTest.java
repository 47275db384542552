package io.pocketto.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Database;
import io.pocketto.ModelStore;
import io.pocketto.Revision;
import io.pocketto.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.EnumSource;

/** N threads × M {@code incrementalModify} increments over a few hot documents: every one of them counts. */
@EnumSource(names = {"H2_FILE", "POSTGRES"})
class NoLostUpdatesTest extends ReliabilityTest {
  private static final int THREADS = 8;
  private static final int INCREMENTS_PER_THREAD = 100;
  private static final int DOCUMENTS = 3;

  @Test
  void everyIncrementOfEveryThreadIsInTheFinalValues() throws Exception {
    Database db = open();
    // Contention on three documents by eight threads: retries must not run out before the increments do.
    db.setRetryPolicy(RetryPolicy.defaults().withMaxAttempts(1_000).withBackoff(Duration.ZERO, Duration.ofMillis(2)));
    ModelStore<Tally> tallies = Tally.in(db);
    for (int d = 0; d < DOCUMENTS; d++) {
      Tally t = new Tally();
      t.setId("hot-" + d);
      tallies.save(t);
    }
    AtomicLongArray expected = new AtomicLongArray(DOCUMENTS);
    CountDownLatch startGate = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          startGate.await();
          for (int i = 0; i < INCREMENTS_PER_THREAD; i++) {
            int d = (thread + i) % DOCUMENTS;
            Tally mine = tallies.find("hot-" + d).orElseThrow();
            mine.incrementalModify(r -> r.setCount(r.getCount() + 1));
            expected.incrementAndGet(d);
          }
          return null;
        }));
      }
      startGate.countDown();
      for (Future<?> f : results) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    long total = 0;
    for (int d = 0; d < DOCUMENTS; d++) {
      Tally end = tallies.find("hot-" + d).orElseThrow();
      assertThat(end.getCount()).as("hot-%d", d).isEqualTo(expected.get(d));
      assertThat(Revision.parse(end.meta().rev()).height()).as("one revision per increment of hot-%d", d)
          .isEqualTo(expected.get(d) + 1);
      total += end.getCount();
    }
    assertThat(total).isEqualTo((long) THREADS * INCREMENTS_PER_THREAD);
  }
}
