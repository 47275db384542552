package io.pocketto.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link SeekPageBenchmark}'s variants on one database in one JVM, taking turns in quarter-second slices, so
 * that whatever else the machine does slows them alike: for each Pocketto variant (with cursors, and from the
 * last record), the median over the rounds of its wall time and this thread's CPU time per page, and of the
 * per-round ratios to JDBC's. On a shared machine the JMH figures of two forks minutes apart can differ by 2x
 * from load alone.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.pocketto.bench.SeekPageRatio H2_FILE,POSTGRES 40}
 */
public final class SeekPageRatio {
  private static final long SLICE_NANOS = 250_000_000L;
  private static final long WARMUP_NANOS = 30_000_000_000L;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** The variants timed, JDBC last: each Pocketto variant is compared with it. */
  private static final String[] VARIANTS = {"pocketto", "pocketto-record", "jdbc"};
  private static final int JDBC = VARIANTS.length - 1;

  private SeekPageRatio() {}

  /** Backends (comma-separated) and rounds; defaults {@code H2_FILE,POSTGRES} and 40. */
  public static void main(String[] args) throws SQLException {
    String[] backends = (args.length > 0 ? args[0] : "H2_FILE,POSTGRES").split(",");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    System.out.println("| backend | variant | pocketto µs (cpu) | jdbc µs (cpu) | pocketto / jdbc, wall "
        + "| pocketto / jdbc, cpu |");
    System.out.println("| --- | --- | ---: | ---: | ---: | ---: |");
    for (String backend : backends) {
      SeekPageBenchmark pages = new SeekPageBenchmark();
      pages.backend = backend;
      pages.variant = VARIANTS[0];
      pages.open();
      try {
        // Warm-up: 30 s, so that every path is compiled before any slice counts, even when the JIT's
        // threads share the cores with other work.
        for (long end = System.nanoTime() + WARMUP_NANOS, i = 0; System.nanoTime() < end; i++) {
          slice(pages, VARIANTS[(int) (i % VARIANTS.length)]);
        }
        double[][] wall = new double[VARIANTS.length][rounds];
        double[][] cpu = new double[VARIANTS.length][rounds];
        for (int r = 0; r < rounds; r++) {
          // Rotate the order, so that no variant is always the first or the last of a round.
          for (int k = 0; k < VARIANTS.length; k++) {
            int v = (r + k) % VARIANTS.length;
            double[] m = slice(pages, VARIANTS[v]);
            wall[v][r] = m[0];
            cpu[v][r] = m[1];
          }
        }
        for (int v = 0; v < JDBC; v++) {
          double[] wallRatio = new double[rounds];
          double[] cpuRatio = new double[rounds];
          for (int r = 0; r < rounds; r++) {
            wallRatio[r] = wall[v][r] / wall[JDBC][r];
            cpuRatio[r] = cpu[v][r] / cpu[JDBC][r];
          }
          System.out.printf(Locale.ROOT, "| %s | %s | %.1f (%.1f) | %.1f (%.1f) | %.2f | %.2f |%n", backend,
              VARIANTS[v], median(wall[v]), median(cpu[v]), median(wall[JDBC]), median(cpu[JDBC]),
              median(wallRatio), median(cpuRatio));
        }
      } finally {
        pages.close();
      }
    }
  }

  /** One slice of one variant: wall and CPU microseconds per page. */
  private static double[] slice(SeekPageBenchmark pages, String variant) throws SQLException {
    pages.variant = variant;
    long n = 0;
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long end = start + SLICE_NANOS;
    long now;
    do {
      pages.seekPage();
      n++;
      now = System.nanoTime();
    } while (now < end);
    long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
    return new double[] {(now - start) / 1e3 / n, cpu / 1e3 / n};
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
