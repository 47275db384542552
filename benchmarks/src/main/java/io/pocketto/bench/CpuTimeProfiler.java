package io.pocketto.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the CPU time the benchmark JVM spent per operation ({@code cpu.time.norm}, microseconds),
 * all its threads together, so GC and H2's own threads count too. On a machine shared with other work,
 * throughput falls whenever the benchmark loses its core, but CPU time per operation does not: it is
 * the figure to compare variants by when the machine is noisy. {@code BenchmarkMain} always adds it.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private long startNanos;

  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startNanos = OS.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long used = OS.getProcessCpuTime() - startNanos;
    long ops = result.getMetadata().getAllOps();
    double micros = ops == 0 ? Double.NaN : used / 1000.0 / ops;
    return List.of(new ScalarResult("cpu.time.norm", micros, "us/op", AggregationPolicy.AVG));
  }
}
