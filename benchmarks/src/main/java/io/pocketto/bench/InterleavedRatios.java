package io.pocketto.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A second opinion on the target ratios, made to survive a noisy machine: all variants run in one JVM,
 * taking turns in half-second slices, so that whatever else the machine does slows each of them alike.
 * Each ratio is taken within a round, and the median over the rounds is reported.
 *
 * <p>JMH remains the primary measurement (a fresh JVM per variant, no shared JIT profile); this one
 * trades that isolation for immunity to load that comes and goes. Run it with
 * {@code java -cp benchmarks/target/benchmarks.jar io.pocketto.bench.InterleavedRatios [rounds]}.
 */
public final class InterleavedRatios {
  private static final long SLICE_NANOS = 500_000_000L;
  private static final int WARMUP_ROUNDS = 15;

  private InterleavedRatios() {}

  /** Runs findById and readModifyWrite on every backend and prints the median ratios. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    System.out.printf(Locale.ROOT, "%-16s %-8s %10s %10s %10s %10s %8s %8s %8s   (median of %d interleaved %d ms rounds)%n",
        "operation", "backend", "pocketto", "jdbc", "hibernate", "jooq", "p/jdbc", "p/hib", "p/jooq", rounds,
        SLICE_NANOS / 1_000_000);
    for (String operation : List.of("findById", "readModifyWrite")) {
      for (Backend backend : Backend.values()) {
        measure(operation, backend, rounds);
      }
    }
  }

  private static void measure(String operation, Backend backend, int rounds) {
    Variant[] variants = Variant.values();
    List<Trial> trials = new ArrayList<>();
    try {
      String[][] ids = new String[variants.length][];
      for (int v = 0; v < variants.length; v++) {
        trials.add(Trial.open(variants[v].label(), backend.name()));
        ids[v] = trials.get(v).fill(Defaults.DOCUMENTS);
      }
      long[] random = {0x9E3779B97F4A7C15L};
      double[][] opsPerSecond = new double[variants.length][rounds];
      for (int round = -WARMUP_ROUNDS; round < rounds; round++) {
        // Each round starts with another variant, so that none always inherits the GC debt of the same one.
        for (int turn = 0; turn < variants.length; turn++) {
          int v = Math.floorMod(round + turn, variants.length);
          Contender contender = trials.get(v).contender();
          long end = System.nanoTime() + SLICE_NANOS;
          long start = System.nanoTime();
          long done = 0;
          while (System.nanoTime() < end) {
            for (int i = 0; i < 20; i++) {
              String id = ids[v][Defaults.pick(random, ids[v].length)];
              if (operation.equals("findById")) {
                if (contender.findById(id) == null) {
                  throw new IllegalStateException(variants[v] + " lost invoice " + id);
                }
              } else {
                contender.readModifyWrite(id);
              }
            }
            done += 20;
          }
          if (round >= 0) {
            opsPerSecond[v][round] = done * 1e9 / (System.nanoTime() - start);
          }
        }
      }
      // Each ratio within a round: pocketto over jdbc, hibernate and jooq.
      double[][] ratios = new double[variants.length][rounds];
      for (int other = 1; other < variants.length; other++) {
        for (int r = 0; r < rounds; r++) {
          ratios[other][r] = opsPerSecond[0][r] / opsPerSecond[other][r];
        }
      }
      System.out.printf(Locale.ROOT, "%-16s %-8s %10.0f %10.0f %10.0f %10.0f %7.2fx %7.2fx %7.2fx%n", operation,
          backend, median(opsPerSecond[0]), median(opsPerSecond[1]), median(opsPerSecond[2]),
          median(opsPerSecond[3]), median(ratios[1]), median(ratios[2]), median(ratios[3]));
    } finally {
      trials.forEach(Trial::close);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
