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

/**
 * A customer's 20 latest invoices out of 10,000 (97 customers, about 103 invoices each), through the
 * {@code (customer, issued_on)} index, newest first, lines decoded into objects.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 3, time = 2)
// A fixed, pre-touched heap, so GC sizing does not differ between variants; Hibernate logs through slf4j.
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-Dorg.jboss.logging.provider=slf4j"})
@State(Scope.Benchmark)
public class QueryBenchmark {
  /** Which contender: see {@link Variant}. */
  @Param({"pocketto", "jdbc", "hibernate"})
  public String variant;

  /** Which database: see {@link Backend}. */
  @Param({"H2_MEM", "H2_FILE", "POSTGRES"})
  public String backend;

  private Trial trial;
  private final long[] random = {0x9E3779B97F4A7C15L};

  /** Opens the contender and stores 10,000 invoices. */
  @Setup(Level.Trial)
  public void open() {
    trial = Trial.open(variant, backend);
    trial.fill(Defaults.DOCUMENTS);
  }

  /** Closes the contender and deletes the database. */
  @TearDown(Level.Trial)
  public void close() {
    trial.close();
  }

  /** One query for a random customer; the rows are returned so that they are not optimised away. */
  @Benchmark
  public Object query() {
    return trial.contender().latestOfCustomer(Invoices.customer(Defaults.pick(random, Invoices.CUSTOMERS)));
  }
}
