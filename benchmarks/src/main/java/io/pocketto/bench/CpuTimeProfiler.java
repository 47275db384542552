package io.pocketto.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 *
 * <p>On Linux it also reports the user-space part of that time ({@code cpu.user.norm}, from
 * {@code /proc/self/stat}): what the JVM's own code costs, without the kernel's work for the socket
 * round trips of a client-server database such as PostgreSQL.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** {@code /proc/self/stat} counts in clock ticks of 1/100 s (Linux's USER_HZ for user space). */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private static final Path PROC_STAT = Path.of("/proc/self/stat");
  private static final boolean LINUX_PROC = Files.isReadable(PROC_STAT);

  private long startNanos;
  private long startUserNanos;

  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startNanos = OS.getProcessCpuTime();
    startUserNanos = userNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long used = OS.getProcessCpuTime() - startNanos;
    long ops = result.getMetadata().getAllOps();
    double micros = ops == 0 ? Double.NaN : used / 1000.0 / ops;
    List<Result> results = new ArrayList<>();
    results.add(new ScalarResult("cpu.time.norm", micros, "us/op", AggregationPolicy.AVG));
    long user = userNanos();
    if (user >= 0 && startUserNanos >= 0 && ops > 0) {
      results.add(new ScalarResult("cpu.user.norm", (user - startUserNanos) / 1000.0 / ops, "us/op",
          AggregationPolicy.AVG));
    }
    return results;
  }

  /** User-space CPU time of this process so far, or -1 where {@code /proc/self/stat} does not exist. */
  static long userNanos() {
    if (!LINUX_PROC) {
      return -1;
    }
    try {
      return userNanos(Files.readString(PROC_STAT));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + PROC_STAT, e);
    }
  }

  /** The user-space CPU time (field 14, {@code utime}) of one {@code /proc/[pid]/stat} line. */
  static long userNanos(String stat) {
    // Fields after the command name, which is in parentheses and may contain spaces and parentheses:
    // the first is field 3 (state), so utime, field 14, is the twelfth.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) * NANOS_PER_TICK;
  }
}
