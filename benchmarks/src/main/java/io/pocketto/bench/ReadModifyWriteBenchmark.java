package io.pocketto.bench;

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

/** Find a random one of 10,000 invoices, change one field, save it with the revision (or version) check. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 3, time = 2)
// A fixed, pre-touched heap, so GC sizing does not differ between variants; Hibernate logs through slf4j.
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-Dorg.jboss.logging.provider=slf4j"})
@State(Scope.Benchmark)
public class ReadModifyWriteBenchmark {
  /** Which contender: see {@link Variant}. */
  @Param({"pocketto", "jdbc", "hibernate"})
  public String variant;

  /** Which database: see {@link Backend}. */
  @Param({"H2_MEM", "H2_FILE", "POSTGRES"})
  public String backend;

  private Trial trial;
  private String[] ids;
  private final long[] random = {0x9E3779B97F4A7C15L};

  /** Opens the contender and stores 10,000 invoices. */
  @Setup(Level.Trial)
  public void open() {
    trial = Trial.open(variant, backend);
    ids = trial.fill(Defaults.DOCUMENTS);
  }

  /** Closes the contender and deletes the database. */
  @TearDown(Level.Trial)
  public void close() {
    trial.close();
  }

  /** One find, change and conditional save. */
  @Benchmark
  public void readModifyWrite() {
    trial.contender().readModifyWrite(ids[Defaults.pick(random, ids.length)]);
  }
}
