package io.pocketto.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.ConflictException;
import io.pocketto.Database;
import io.pocketto.ModelStore;
import io.pocketto.Revision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many threads save the same few documents from handles that go stale under them, and every attempt is
 * recorded. The history must show what the 409 promise means: per document, the accepted writes form
 * one chain, no two of them share a parent, and every rejected write expected a revision that had
 * already been replaced.
 */
@EnumSource(names = {"H2_FILE", "POSTGRES"})
class CasHistoryTest extends ReliabilityTest {
  private static final int THREADS = 8;
  private static final int OPS_PER_THREAD = 5_000;
  private static final int DOCUMENTS = 20;

  /** One save attempt; {@code revision} is the new revision, or for a rejection the one the 409 reported. */
  record Attempt(int thread, String doc, String expected, boolean accepted, String revision, long start, long end) {}

  @Test
  void acceptedWritesFormOneChainPerDocumentAndEveryRejectedWriteWasStale() throws Exception {
    Database db = open();
    ModelStore<Tally> tallies = Tally.in(db);
    Map<String, String> firstRevision = new HashMap<>();
    for (int d = 0; d < DOCUMENTS; d++) {
      Tally t = new Tally();
      t.setId(docId(d));
      firstRevision.put(docId(d), tallies.save(t).meta().rev());
    }

    List<Attempt> history = runWriters(tallies);

    assertThat(history).hasSize(THREADS * OPS_PER_THREAD);
    assertThat(history).filteredOn(Attempt::accepted).hasSizeGreaterThan(DOCUMENTS);
    assertThat(history).filteredOn(a -> !a.accepted()).isNotEmpty();
    for (int d = 0; d < DOCUMENTS; d++) {
      String doc = docId(d);
      List<Attempt> attempts = history.stream().filter(a -> a.doc().equals(doc)).toList();
      checkDocument(doc, firstRevision.get(doc), attempts, tallies.find(doc).orElseThrow());
    }
  }

  private List<Attempt> runWriters(ModelStore<Tally> tallies) throws Exception {
    CountDownLatch startGate = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<List<Attempt>>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          startGate.await();
          return write(tallies, thread);
        }));
      }
      startGate.countDown();
      List<Attempt> history = new ArrayList<>();
      for (Future<List<Attempt>> f : results) {
        history.addAll(f.get(10, TimeUnit.MINUTES));
      }
      return history;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One thread's attempts: each handle is kept after its own saves, so other threads' writes make it stale. */
  private static List<Attempt> write(ModelStore<Tally> tallies, int thread) {
    Random random = new Random(31L * thread + 7);
    Tally[] handles = new Tally[DOCUMENTS];
    List<Attempt> attempts = new ArrayList<>(OPS_PER_THREAD);
    for (int op = 0; op < OPS_PER_THREAD; op++) {
      int d = random.nextInt(DOCUMENTS);
      if (handles[d] == null) {
        handles[d] = tallies.find(docId(d)).orElseThrow();
      }
      Tally handle = handles[d];
      String expected = handle.meta().rev();
      handle.setCount(handle.getCount() + 1);
      handle.setWriter("t" + thread + "-" + op);
      long start = System.nanoTime();
      try {
        handle.save();
        attempts.add(new Attempt(thread, docId(d), expected, true, handle.meta().rev(), start, System.nanoTime()));
      } catch (ConflictException e) {
        attempts.add(new Attempt(thread, docId(d), expected, false, e.revision(), start, System.nanoTime()));
        handles[d] = null;
      }
    }
    return attempts;
  }

  private static void checkDocument(String doc, String first, List<Attempt> attempts, Tally stored) {
    Map<String, Attempt> childOf = new HashMap<>();
    for (Attempt a : attempts) {
      if (a.accepted()) {
        Attempt sibling = childOf.put(a.expected(), a);
        assertThat(sibling).as("%s: two accepted writes on parent %s: %s and %s", doc, a.expected(), sibling, a).isNull();
        assertThat(Revision.parse(a.revision()).height()).as("%s: height of %s", doc, a)
            .isEqualTo(Revision.parse(a.expected()).height() + 1);
      }
    }
    Map<String, Integer> position = new HashMap<>();
    String head = first;
    position.put(head, 0);
    for (Attempt next = childOf.get(head); next != null; next = childOf.get(head)) {
      head = next.revision();
      assertThat(position.put(head, position.size())).as("%s: revision %s twice in the chain", doc, head).isNull();
    }
    long accepted = attempts.stream().filter(Attempt::accepted).count();
    assertThat(position.size() - 1L).as("%s: accepted writes reachable from the first revision", doc).isEqualTo(accepted);
    assertThat(stored.meta().rev()).as("%s: stored revision is the end of the chain", doc).isEqualTo(head);
    assertThat(stored.getCount()).as("%s: one increment per accepted write", doc).isEqualTo(accepted);

    for (Attempt rejected : attempts) {
      if (rejected.accepted()) {
        continue;
      }
      Attempt replacement = childOf.get(rejected.expected());
      assertThat(replacement).as("%s: %s was rejected although its revision was never replaced", doc, rejected)
          .isNotNull();
      assertThat(replacement.start()).as("%s: %s was rejected before %s replaced its revision", doc, rejected, replacement)
          .isLessThan(rejected.end());
      assertThat(position.get(rejected.revision())).as("%s: the 409 of %s reports a later revision of the chain", doc, rejected)
          .isNotNull().isGreaterThan(position.get(rejected.expected()));
    }
  }

  private static String docId(int d) {
    return String.format("tally-%02d", d);
  }
}
