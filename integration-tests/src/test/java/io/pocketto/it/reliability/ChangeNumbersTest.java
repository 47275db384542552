package io.pocketto.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.Change;
import io.pocketto.ChangeBatch;
import io.pocketto.Checkpoint;
import io.pocketto.ConflictException;
import io.pocketto.Database;
import io.pocketto.ModelStore;
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
 * A reader of the changes feed that keeps its checkpoint and asks for what came after must never skip a
 * committed write, even when writes commit in another order than they were placed in the feed.
 */
@EnumSource
class ChangeNumbersTest extends ReliabilityTest {

  /** Polls a collection's changes from a checkpoint, the way replication does. */
  private static final class Reader {
    private final ModelStore<Tally> store;
    private final List<Change<Tally>> seen = new ArrayList<>();
    private Checkpoint checkpoint = Checkpoint.START;

    Reader(ModelStore<Tally> store) {
      this.store = store;
    }

    /** Reads everything after the checkpoint and moves the checkpoint past it. */
    List<Change<Tally>> poll() {
      ChangeBatch<Tally> batch;
      do {
        batch = store.changes(checkpoint, 50);
        seen.addAll(batch.changes());
        checkpoint = batch.checkpoint();
      } while (!batch.changes().isEmpty());
      return seen;
    }
  }

  @Test
  void aWriteThatCommitsAfterALaterOneHoldsTheReaderBackUntilItCommits() throws Exception {
    Database db = open();
    Reader reader = new Reader(Tally.in(db));
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

      // Started after the slow bundle's write, committed before it: handing it out now would let the
      // reader's checkpoint move past the slow write, which would then never be read.
      pool.submit(() -> tally("fast").saveTo(db)).get(30, TimeUnit.SECONDS);
      assertThat(reader.poll()).isEmpty();
      assertThat(Tally.in(db).changesHeldBack()).isEqualTo(1);

      releaseSlow.countDown();
      slow.get(30, TimeUnit.SECONDS);
    } finally {
      releaseSlow.countDown();
      pool.shutdownNow();
    }

    List<Change<Tally>> seen = reader.poll();
    assertThat(seen).extracting(Change<Tally>::id).containsExactly("slow", "fast");
    assertThat(Tally.in(db).changesHeldBack()).isZero();
  }

  @Test
  void aReaderPollingDuringConcurrentWritesAndBundlesSeesEveryDocumentOnceInIncreasingOrder() throws Exception {
    Database db = open();
    int writers = 4;
    int perWriter = 60;
    Set<String> written = ConcurrentHashMap.newKeySet();
    AtomicBoolean writing = new AtomicBoolean(true);
    Reader reader = new Reader(Tally.in(db));
    CompletableFuture<List<Change<Tally>>> reading = CompletableFuture.supplyAsync(() -> {
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

    List<Change<Tally>> seen = reading.get(2, TimeUnit.MINUTES);
    assertThat(seen).extracting(Change<Tally>::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(written);
    assertThat(seen).hasSize(writers * perWriter);
  }

  @Test
  void changesListTheLatestRevisionOfEachDocumentOnce() {
    Database db = open();
    Tally a = tally("a").saveTo(db);
    tally("b").saveTo(db);
    a.setCount(1);
    a.save();
    a.delete();

    ChangeBatch<Tally> all = Tally.in(db).changes(Checkpoint.START, 10);
    List<Change<Tally>> changes = all.changes();

    assertThat(changes).extracting(Change<Tally>::id).containsExactly("b", "a");
    assertThat(changes.get(1).revision()).isEqualTo(a.meta().rev()).startsWith("3-");
    assertThat(changes.get(1).deleted()).isTrue();
    assertThat(all.hasMore()).isFalse();
    ChangeBatch<Tally> first = Tally.in(db).changes(Checkpoint.START, 1);
    assertThat(first.changes()).extracting(Change<Tally>::id).containsExactly("b");
    assertThat(first.hasMore()).isTrue();
    assertThat(Tally.in(db).changes(first.checkpoint(), 10).changes()).extracting(Change<Tally>::id).containsExactly("a");
    assertThat(Tally.in(db).changes(all.checkpoint(), 10).changes()).isEmpty();
  }

  @Test
  void anUpdateMovesItsDocumentToTheEndOfTheFeedAndAStaleOneLeavesNoTrace() {
    Database db = open();
    Tally a = tally("a").saveTo(db);
    Tally stale = Tally.in(db).find("a").orElseThrow();
    a.setCount(1);
    a.save();
    stale.setCount(2);
    assertThatThrownBy(stale::save).isInstanceOf(ConflictException.class);
    tally("c").saveTo(db);

    List<Change<Tally>> changes = Tally.in(db).changes(Checkpoint.START, 10).changes();

    assertThat(changes).extracting(Change<Tally>::id).containsExactly("a", "c");
    assertThat(changes.get(0).revision()).isEqualTo(a.meta().rev()).startsWith("2-");
    assertThat(changes.get(0).document().getCount()).isEqualTo(1);
    assertThat(Tally.in(db).changesHeldBack()).as("the stale write holds nothing back").isZero();
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
