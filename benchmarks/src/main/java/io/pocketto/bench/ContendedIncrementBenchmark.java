package io.pocketto.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Threads;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Several threads incrementing one counter field of one invoice, each increment retried until its
 * revision check passes. The score counts successful increments; {@code conflicts} counts the lost
 * attempts. The trial fails if the stored counter is not exactly the number of increments made.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 3, time = 2)
// A fixed, pre-touched heap, so GC sizing does not differ between variants; Hibernate logs through slf4j.
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-Dorg.jboss.logging.provider=slf4j"})
@State(Scope.Benchmark)
public class ContendedIncrementBenchmark {
  /** Which contender: see {@link Variant}. */
  @Param({"pocketto", "jdbc", "hibernate"})
  public String variant;

  /** Which database: see {@link Backend}. */
  @Param({"H2_MEM", "H2_FILE", "POSTGRES"})
  public String backend;

  private Trial trial;
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

  /** Opens the contender and stores the one invoice every thread increments. */
  @Setup(Level.Trial)
  public void open() {
    trial = Trial.open(variant, backend);
    id = trial.fill(1)[0];
  }

  /** Checks that no increment was lost, then closes the contender. */
  @TearDown(Level.Trial)
  public void verifyAndClose() {
    try {
      int stored = trial.contender().reminders(id);
      if (stored != increments.get()) {
        throw new IllegalStateException(variant + " lost updates: " + increments.get()
            + " increments succeeded but the stored counter is " + stored);
      }
    } finally {
      trial.close();
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
