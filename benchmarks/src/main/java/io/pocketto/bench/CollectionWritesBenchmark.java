package io.pocketto.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * 1, 4 and 16 threads each writing documents of their own in one collection: no two threads write the
 * same document, so nothing conflicts, and the score shows how a collection's writes scale with its
 * writers, which anything shared by the collection's writes (a counter row, a lock) would cap. Each
 * thread holds its documents loaded and writes them in turn, the write alone ({@link Contender#write}).
 * The trial fails unless the stored documents add up to every write made.
 */
public class CollectionWritesBenchmark extends TrialBenchmark {
  /** The most threads a benchmark method runs. */
  static final int MAX_THREADS = 16;
  private String[] ids;
  private final AtomicInteger threads = new AtomicInteger();
  private final AtomicLong writes = new AtomicLong();

  /** Stores {@value Writers#PER_THREAD} invoices for each of up to {@value #MAX_THREADS} threads. */
  @Override
  protected void prepare(Trial opened) {
    ids = opened.fill(MAX_THREADS * Writers.PER_THREAD);
  }

  /** Fails the trial unless every write is stored: the reminders of all documents add up to the writes. */
  @Override
  protected void verify(Trial finished) {
    long stored = Writers.storedWrites(finished.contender(), ids);
    if (stored != writes.get()) {
      throw new IllegalStateException(variant + " lost writes: " + writes.get() + " writes succeeded but the "
          + "documents hold " + stored);
    }
  }

  /** One thread's documents, loaded once before the trial, each written only by this thread. */
  @State(Scope.Thread)
  public static class Held {
    Writers.Slice slice;

    /** Takes the next thread's share of the documents and loads it. */
    @Setup(Level.Trial)
    public void load(CollectionWritesBenchmark benchmark) {
      slice = Writers.slice(benchmark.trial.contender(), benchmark.ids, benchmark.threads.getAndIncrement());
    }
  }

  private void write(Held held) {
    held.slice.writeNext(trial.contender());
    writes.incrementAndGet();
  }

  /** One writer. */
  @Benchmark
  @Threads(1)
  public void oneThread(Held held) {
    write(held);
  }

  /** Four writers, on documents of their own. */
  @Benchmark
  @Threads(4)
  public void fourThreads(Held held) {
    write(held);
  }

  /** Sixteen writers, on documents of their own: the target is stated here. */
  @Benchmark
  @Threads(16)
  public void sixteenThreads(Held held) {
    write(held);
  }
}
