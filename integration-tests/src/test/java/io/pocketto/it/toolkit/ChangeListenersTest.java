package io.pocketto.it.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.ChangeEvent;
import io.pocketto.ConflictHandler;
import io.pocketto.Revision;
import io.pocketto.Subscription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChangeListenersTest extends ToolkitTest {
  private final List<ChangeEvent> events = new CopyOnWriteArrayList<>();

  @Test
  void eventsCarryIdRevisionsAndTheDeleteFlag() {
    Counter.in(db).onChange(events::add);
    Counter c = new Counter();
    c.setId("c");
    c.saveTo(db);
    String first = c.meta().rev();
    c.setValue(1);
    c.save();
    String second = c.meta().rev();
    c.delete();

    String me = db.writer();
    assertThat(events).containsExactly(
        new ChangeEvent("counters", "c", first, null, false, false, null, me, null),
        new ChangeEvent("counters", "c", second, first, false, false, null, me, me),
        new ChangeEvent("counters", "c", c.meta().rev(), second, true, false, null, me, me));
  }

  @Test
  void aCleanSaveAndAFailedSaveFireNothing() {
    Counter c = new Counter();
    c.setId("c");
    c.saveTo(db);
    Counter stale = Counter.in(db).find("c").orElseThrow();
    c.setValue(1);
    c.save();
    db.onChange("counters", events::add);

    c.save();
    stale.setValue(2);
    assertThatThrownBy(stale::save).isInstanceOf(io.pocketto.ConflictException.class);

    assertThat(events).isEmpty();
  }

  @Test
  void bundleEventsFireAfterCommitAndNeverForARollback() {
    Counter a = new Counter();
    a.setId("a");
    a.saveTo(db);
    db.onChange("counters", events::add);
    List<Integer> seenInside = new ArrayList<>();

    db.bundle(tx -> {
      a.setValue(1);
      a.save();
      seenInside.add(events.size());
    });
    assertThat(seenInside).containsExactly(0);
    assertThat(events).hasSize(1);

    assertThatThrownBy(() -> db.bundle(tx -> {
      a.setValue(2);
      a.save();
      throw new IllegalStateException("roll back");
    })).hasMessage("roll back");
    assertThat(events).hasSize(1);
  }

  @Test
  void aResolvedConflictIsMarkedWithItsHandler() {
    Invoice inv = new Invoice();
    inv.setId("1");
    inv.saveTo(db);
    Invoice a = Invoice.in(db).find("1").orElseThrow();
    Invoice b = Invoice.in(db).find("1").orElseThrow();
    b.setCustomer("B");
    b.save();
    Invoice.in(db).onChange(events::add);
    a.setNumber("A");

    a.save(ConflictHandler.FIELD_MERGE);

    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.conflictResolved()).isTrue();
      assertThat(e.resolvedBy()).isEqualTo("FIELD_MERGE");
      assertThat(e.previousRevision()).isEqualTo(b.meta().rev());
    });
  }

  @Test
  void aListenerThatThrowsBreaksNeitherTheWriteNorOtherListeners() {
    Counter.in(db).onChange(e -> {
      throw new IllegalStateException("listener bug");
    });
    Counter.in(db).onChange(events::add);
    Counter c = new Counter();
    c.setId("c");

    c.saveTo(db);

    assertThat(events).hasSize(1);
    assertThat(Counter.in(db).find("c")).isPresent();
  }

  @Test
  void closingTheSubscriptionStopsDelivery() {
    Subscription s = Counter.in(db).onChange(events::add);
    Counter c = new Counter();
    c.setId("c");
    c.saveTo(db);
    s.close();
    c.setValue(5);
    c.save();

    assertThat(events).hasSize(1);
  }

  @Test
  void eventsArriveInRevisionOrderPerDocumentUnderContention() throws Exception {
    int threads = 6;
    int each = 40;
    for (String id : List.of("x", "y")) {
      Counter c = new Counter();
      c.setId(id);
      c.saveTo(db);
    }
    List<ChangeEvent> seen = Collections.synchronizedList(new ArrayList<>());
    Counter.in(db).onChange(seen::add);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String id = t % 2 == 0 ? "x" : "y";
      futures.add(pool.submit(() -> {
        go.await();
        for (int i = 0; i < each; i++) {
          Counter.in(db).find(id).orElseThrow().incrementalModify(r -> r.setValue(r.getValue() + 1));
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : futures) {
      f.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();

    for (String id : List.of("x", "y")) {
      List<ChangeEvent> forDoc = seen.stream().filter(e -> e.id().equals(id)).toList();
      assertThat(forDoc).hasSize(threads / 2 * each);
      for (int i = 0; i < forDoc.size(); i++) {
        assertThat(Revision.parse(forDoc.get(i).revision()).height()).isEqualTo(i + 2L);
        if (i > 0) {
          assertThat(forDoc.get(i).previousRevision()).isEqualTo(forDoc.get(i - 1).revision());
        }
      }
    }
  }

  /** An Error of the listener's own, as a bug or an assertion in a listener would throw. */
  private static final class ListenerError extends Error {
    ListenerError() {
      super("listener failed with an Error");
    }
  }

  @Test
  void aListenerThatSavesTheSameDocumentIsHeardAfterTheEventThatMadeItSave() throws Exception {
    Counter c = counter("c", 0);
    Counter.in(db).onChange(e -> {
      events.add(e);
      if (events.size() == 1) {
        Counter mine = Counter.in(db).find("c").orElseThrow();
        mine.setLabel("seen by the listener");
        mine.save();
      }
    });

    CompletableFuture<Void> save = CompletableFuture.runAsync(() -> {
      c.setValue(1);
      c.save();
    });

    save.get(60, TimeUnit.SECONDS);
    assertThat(events).extracting(ChangeEvent::revision).hasSize(2);
    assertThat(events.get(0).revision()).isEqualTo(c.meta().rev());
    assertThat(events.get(1).previousRevision()).isEqualTo(c.meta().rev());
    assertThat(Counter.in(db).find("c").orElseThrow().getLabel()).isEqualTo("seen by the listener");
  }

  @Test
  void anErrorFromAListenerDoesNotEscapeTheSaveAndLaterListenersStillHearIt() {
    Counter.in(db).onChange(e -> {
      throw new ListenerError();
    });
    Counter.in(db).onChange(events::add);
    Counter c = new Counter();
    c.setId("c");

    c.saveTo(db);

    assertThat(c.meta().rev()).startsWith("1-");
    assertThat(events).extracting(ChangeEvent::revision).containsExactly(c.meta().rev());
  }

  @Test
  void anErrorFromAListenerDuringABundlesEventsLeavesTheNextSavesFree() throws Exception {
    Counter a = counter("a", 0);
    Counter b = counter("b", 0);
    Subscription failing = Counter.in(db).onChange(e -> {
      throw new ListenerError();
    });
    Counter.in(db).onChange(events::add);

    db.bundle(tx -> {
      a.setValue(1);
      a.save();
      b.setValue(1);
      b.save();
    });
    failing.close();

    CompletableFuture<Void> next = CompletableFuture.runAsync(() -> {
      a.setValue(2);
      a.save();
      b.setValue(2);
      b.save();
    });
    next.get(60, TimeUnit.SECONDS);
    assertThat(events).extracting(ChangeEvent::id).containsExactly("a", "b", "a", "b");
    assertThat(storedValue("a")).isEqualTo(2);
    assertThat(storedValue("b")).isEqualTo(2);
  }
}
