package io.pocketto.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.ConflictException;
import io.pocketto.Database;
import io.pocketto.internal.DocumentTable;
import io.pocketto.internal.DocumentTable.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A reader that keeps the last change number it saw and asks for what came after must never skip a
 * committed write, even when writes commit in another order than they started.
 */
@EnumSource
class ChangeNumbersTest extends ReliabilityTest {

  /** Polls a table's changes from a cursor, the way a replication feed does. */
  private static final class Reader {
    private final DocumentTable<Tally> table;
    private final List<Change> seen = new ArrayList<>();
    private long cursor;

    Reader(DocumentTable<Tally> table) {
      this.table = table;
    }

    /** Reads everything after the cursor and moves the cursor to the last change read. */
    List<Change> poll() {
      List<Change> batch = table.changesSince(cursor, 50);
      while (!batch.isEmpty()) {
        seen.addAll(batch);
        cursor = batch.get(batch.size() - 1).seq();
        batch = table.changesSince(cursor, 50);
      }
      return seen;
    }
  }

  @Test
  void aWriteThatCommitsAfterALaterOneIsStillSeenByAReaderThatMovedPastIt() throws Exception {
    Database db = open();
    DocumentTable<Tally> table = Tally.in(db).table();
    Reader reader = new Reader(table);
    CountDownLatch slowHasWritten = new CountDownLatch(1);
    CountDownLatch releaseSlow = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> slow = pool.submit(() -> {
        db.bundle(bundle -> {
          tally("slow").saveTo(db);
          slowHasWritten.countDown();
          await(releaseSlow);
        });
        return null;
      });
      assertThat(slowHasWritten.await(30, TimeUnit.SECONDS)).isTrue();

      // Started after the slow bundle's write, committed before it.
      pool.submit(() -> tally("fast").saveTo(db)).get(30, TimeUnit.SECONDS);
      assertThat(reader.poll()).extracting(Change::id).containsExactly("fast");

      releaseSlow.countDown();
      slow.get(30, TimeUnit.SECONDS);
    } finally {
      releaseSlow.countDown();
      pool.shutdownNow();
    }

    List<Change> seen = reader.poll();
    assertThat(seen).extracting(Change::id).containsExactly("fast", "slow");
    assertThat(seen.get(1).seq()).isGreaterThan(seen.get(0).seq());
  }

  @Test
  void aReaderPollingDuringConcurrentWritesAndBundlesSeesEveryDocumentOnceInIncreasingOrder() throws Exception {
    Database db = open();
    DocumentTable<Tally> table = Tally.in(db).table();
    int writers = 4;
    int perWriter = 60;
    Set<String> written = ConcurrentHashMap.newKeySet();
    AtomicBoolean writing = new AtomicBoolean(true);
    Reader reader = new Reader(table);
    CompletableFuture<List<Change>> reading = CompletableFuture.supplyAsync(() -> {
      while (writing.get()) {
        reader.poll();
      }
      return reader.poll();
    });
    CountDownLatch startGate = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        results.add(pool.submit(() -> {
          startGate.await();
          Random random = new Random(writer);
          for (int i = 0; i < perWriter; i += 3) {
            List<String> ids = List.of(writer + "-" + i, writer + "-" + (i + 1), writer + "-" + (i + 2));
            if (random.nextBoolean()) {
              // A bundle holds its writes uncommitted a while, so later writes overtake it.
              db.bundle(bundle -> {
                for (String id : ids) {
                  tally(id).saveTo(db);
                  sleepQuietly(random.nextInt(3));
                }
              });
            } else {
              for (String id : ids) {
                tally(id).saveTo(db);
              }
            }
            written.addAll(ids);
          }
          return null;
        }));
      }
      startGate.countDown();
      for (Future<?> f : results) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      writing.set(false);
      pool.shutdownNow();
    }

    List<Change> seen = reading.get(2, TimeUnit.MINUTES);
    assertThat(seen).extracting(Change::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(written);
    assertThat(seen).hasSize(writers * perWriter);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i).seq()).isGreaterThan(seen.get(i - 1).seq());
    }
  }

  @Test
  void changesListTheLatestRevisionOfEachDocumentOnce() {
    Database db = open();
    Tally a = tally("a").saveTo(db);
    tally("b").saveTo(db);
    a.setCount(1);
    a.save();
    a.delete();

    List<Change> changes = Tally.in(db).table().changesSince(0, 10);

    assertThat(changes).extracting(Change::id).containsExactly("b", "a");
    assertThat(changes.get(1).rev()).isEqualTo(a.meta().rev()).startsWith("3-");
    assertThat(changes.get(1).deleted()).isTrue();
    assertThat(Tally.in(db).table().changesSince(changes.get(0).seq(), 10)).extracting(Change::id).containsExactly("a");
    assertThat(Tally.in(db).table().changesSince(changes.get(1).seq(), 10)).isEmpty();
  }

  @Test
  void anUpdateDrawsTheNextNumberAndAStaleOneDrawsNone() {
    Database db = open();
    Tally a = tally("a").saveTo(db);
    Tally stale = Tally.in(db).find("a").orElseThrow();
    a.setCount(1);
    a.save();
    stale.setCount(2);
    assertThatThrownBy(stale::save).isInstanceOf(ConflictException.class);
    tally("c").saveTo(db);

    List<Change> changes = Tally.in(db).table().changesSince(0, 10);

    assertThat(changes).extracting(Change::id).containsExactly("a", "c");
    assertThat(changes.get(0).rev()).isEqualTo(a.meta().rev()).startsWith("2-");
    assertThat(changes.get(0).seq()).as("the update was numbered after the insert").isEqualTo(2);
    assertThat(changes.get(1).seq()).as("the stale write left no gap").isEqualTo(3);
  }

  private static Tally tally(String id) {
    Tally t = new Tally();
    t.setId(id);
    return t;
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void sleepQuietly(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
