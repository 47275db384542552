package io.pocketto.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.ConflictException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two threads save one document in bundles, each a read, an increment and a save, again after a conflict. On an H2
 * file, H2 (2.4 and 2.5) lets two transactions that write one row at once both pass the revision check now and then,
 * or leaves the row's index entry behind so that no later write can lock it; Pocketto keeps a bundle's writes apart
 * from every other write to the database there. Every saved increment must be in the final value, and each must have
 * made one revision.
 */
@EnumSource(names = {"H2_FILE", "H2_MEMORY", "POSTGRES"})
class RacingBundlesTest extends ReliabilityTest {
  private static final int ROUNDS = 150;
  private static final int SAVES_PER_THREAD = 40;

  @Test
  void everyIncrementSavedInABundleIsInTheFinalValue() throws Exception {
    Database db = open();
    // A row that H2 left unwritable fails fast instead of waiting out a hundred lock timeouts.
    db.setRetryPolicy(RetryPolicy.defaults().withMaxAttempts(3).withBackoff(Duration.ZERO, Duration.ofMillis(1)));
    ModelStore<Tally> tallies = Tally.in(db);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        Tally tally = new Tally();
        tally.setId("tally-" + round);
        String id = tallies.save(tally).getId();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          threads.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < SAVES_PER_THREAD; i++) {
              incrementInABundle(db, tallies, id);
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> thread : threads) {
          thread.get();
        }
        Tally end = tallies.find(id).orElseThrow();
        assertThat(end.getCount()).as("round %d", round).isEqualTo(2L * SAVES_PER_THREAD);
        assertThat(Revision.parse(end.meta().rev()).height()).as("one revision per increment, round %d", round)
            .isEqualTo(2L * SAVES_PER_THREAD + 1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reads the document, adds one and saves it in a bundle; after a conflict, reads it again. */
  private static void incrementInABundle(Database db, ModelStore<Tally> tallies, String id) {
    while (true) {
      Tally mine = tallies.find(id).orElseThrow();
      mine.setCount(mine.getCount() + 1);
      try {
        db.bundle(bundle -> tallies.save(mine));
        return;
      } catch (ConflictException e) {
        // The other thread saved first: start again from its revision.
      }
    }
  }
}
