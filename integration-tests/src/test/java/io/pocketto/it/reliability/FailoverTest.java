package io.pocketto.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.ConflictException;
import io.pocketto.Database;
import io.pocketto.OutcomeUnknownException;
import io.pocketto.Pocketto;
import io.pocketto.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Failover: writers on a PostgreSQL primary with a synchronous streaming standby, reached through one
 * multi-host URL. The primary's processes are killed with SIGKILL and the standby is promoted. No write
 * that {@code save()} confirmed may be lost, every writer must go on by itself on the same
 * {@code Database}, and no write may be reported as a conflict with itself.
 */
class FailoverTest {
  private static final int WRITERS = 4;
  private static final int CONFIRMED_EACH_SIDE = 15;

  @Test
  void confirmedWritesSurviveAKilledPrimaryAndEveryWriterRecoversOnTheSameDatabase() throws Exception {
    Assumptions.assumeTrue(StreamingPair.available(), "needs Debian's postgresql-15 and root: "
        + "sudo apt-get install -y postgresql-15 (.ci/run installs it)");
    try (StreamingPair pair = new StreamingPair(); Database db = Pocketto.connect(pair.multiHostUrl())) {
      for (int w = 0; w < WRITERS; w++) {
        Tally t = new Tally();
        t.setId("writer-" + w);
        t.saveTo(db);
      }
      AtomicIntegerArray confirmed = new AtomicIntegerArray(WRITERS);
      AtomicIntegerArray confirmedAfterFailover = new AtomicIntegerArray(WRITERS);
      AtomicInteger conflicts = new AtomicInteger();
      AtomicInteger outcomesUnknown = new AtomicInteger();
      AtomicInteger storageFailures = new AtomicInteger();
      AtomicBoolean failedOver = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(pool.submit(() -> {
          Tally mine = Tally.in(db).find("writer-" + writer).orElseThrow();
          while (!stop.get()) {
            mine.setCount(mine.getCount() + 1);
            while (true) {
              try {
                mine.save();
                break;
              } catch (ConflictException e) {
                conflicts.incrementAndGet();
                throw e;
              } catch (OutcomeUnknownException e) {
                outcomesUnknown.incrementAndGet(); // saving the same record again settles it
              } catch (StorageException e) {
                storageFailures.incrementAndGet(); // no primary yet: nothing was sent, try again
              }
            }
            confirmed.incrementAndGet(writer);
            if (failedOver.get()) {
              confirmedAfterFailover.incrementAndGet(writer);
            }
          }
          return null;
        }));
      }

      awaitEach(confirmed, CONFIRMED_EACH_SIDE, writers);
      pair.killPrimary();
      failedOver.set(true);
      pair.promoteStandby();
      awaitEach(confirmedAfterFailover, CONFIRMED_EACH_SIDE, writers);
      stop.set(true);
      for (Future<?> f : writers) {
        f.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();

      System.out.printf("failover: confirmed writes %s, after the failover %s, outcomes unknown then settled %d, "
          + "failures before a primary was back %d, conflicts %d%n", confirmed, confirmedAfterFailover,
          outcomesUnknown.get(), storageFailures.get(), conflicts.get());
      assertThat(conflicts.get()).isZero();
      try (Database promoted = Pocketto.connect(pair.standbyUrl())) {
        for (int w = 0; w < WRITERS; w++) {
          Tally stored = Tally.in(promoted).find("writer-" + w).orElseThrow();
          assertThat(stored.getCount()).as("writer %d: every confirmed write, once", w).isEqualTo(confirmed.get(w));
          assertThat(stored.meta().rev()).startsWith((confirmed.get(w) + 1) + "-");
        }
      }
    }
  }

  /** Waits until every writer has confirmed {@code n} writes, failing at once if a writer died. */
  private static void awaitEach(AtomicIntegerArray counts, int n, List<Future<?>> writers) throws Exception {
    for (int round = 0; round < 6_000; round++) {
      boolean all = true;
      for (int w = 0; w < counts.length(); w++) {
        all &= counts.get(w) >= n;
      }
      if (all) {
        return;
      }
      for (Future<?> f : writers) {
        if (f.isDone()) {
          f.get();
          throw new AssertionError("a writer stopped before the others");
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("writers did not confirm " + n + " writes each in two minutes: " + counts);
  }
}
