package io.pocketto.bench;

import java.util.concurrent.TimeUnit;
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
 * What every benchmark shares: the JMH settings (JMH's annotations are inherited), the {@code variant}
 * and {@code backend} parameters, and one {@link Trial} per fork, opened before and closed after it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// 25 s of warmup: ORM write paths take 15-30 s of JIT warmup on this kind of machine.
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 3, time = 2)
// A fixed, pre-touched heap, so GC sizing does not differ between variants; Hibernate logs through slf4j.
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-Dorg.jboss.logging.provider=slf4j"})
@State(Scope.Benchmark)
public abstract class TrialBenchmark {
  /** Which contender: see {@link Variant}. */
  @Param({"pocketto", "jdbc", "hibernate", "jooq"})
  public String variant;

  /** Which database: see {@link Backend}. */
  @Param({"H2_MEM", "H2_FILE", "POSTGRES"})
  public String backend;

  /** The contender on its fresh database, for the benchmark methods. */
  protected Trial trial;

  /** Opens the contender on a fresh database, then lets the benchmark store what it needs. */
  @Setup(Level.Trial)
  public void open() {
    trial = Trial.open(variant, backend);
    prepare(trial);
  }

  /** Lets the benchmark check what it did, then closes the contender and deletes the database. */
  @TearDown(Level.Trial)
  public void close() {
    try {
      verify(trial);
    } finally {
      trial.close();
    }
  }

  /** Stores the documents the benchmark works on; nothing by default. Not measured. */
  protected void prepare(Trial opened) {}

  /** Fails the trial if the benchmark's writes are not all stored; nothing to check by default. */
  protected void verify(Trial finished) {}
}
