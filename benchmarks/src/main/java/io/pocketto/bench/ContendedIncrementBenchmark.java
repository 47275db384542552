package io.pocketto.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Several threads incrementing one counter field of one invoice, each increment retried until its
 * revision check passes. The score counts successful increments; {@code conflicts} counts the lost
 * attempts. The trial fails if the stored counter is not exactly the number of increments made.
 */
public class ContendedIncrementBenchmark extends TrialBenchmark {
  private String id;
  private final AtomicLong increments = new AtomicLong();

  /** Lost attempts, reported by JMH next to the score. */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Conflicts {
    /** Attempts that lost the revision check this iteration. */
    public long conflicts;

    /** JMH reports the counter per iteration. */
    @Setup(Level.Iteration)
    public void reset() {
      conflicts = 0;
    }
  }

  /** Stores the one invoice every thread increments. */
  @Override
  protected void prepare(Trial opened) {
    id = opened.fill(1)[0];
  }

  /** Fails the trial unless the stored counter is exactly the number of increments made. */
  @Override
  protected void verify(Trial finished) {
    int stored = finished.contender().reminders(id);
    if (stored != increments.get()) {
      throw new IllegalStateException(variant + " lost updates: " + increments.get()
          + " increments succeeded but the stored counter is " + stored);
    }
  }

  private void increment(Conflicts counters) {
    counters.conflicts += trial.contender().increment(id);
    increments.incrementAndGet();
  }

  /** Two threads on one document. */
  @Benchmark
  @Threads(2)
  public void twoThreads(Conflicts counters) {
    increment(counters);
  }

  /** Eight threads on one document. */
  @Benchmark
  @Threads(8)
  public void eightThreads(Conflicts counters) {
    increment(counters);
  }
}
