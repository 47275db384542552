package io.pocketto.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * A second opinion on the target ratios, made to survive a noisy machine: all variants run in one JVM,
 * taking turns in half-second slices, so that whatever else the machine does slows each of them alike.
 * Each ratio is taken within a round, and the median over the rounds is reported.
 *
 * <p>JMH remains the primary measurement (a fresh JVM per variant, no shared JIT profile); this one
 * trades that isolation for immunity to load that comes and goes. Run it with
 * {@code java -cp benchmarks/target/benchmarks.jar io.pocketto.bench.InterleavedRatios [rounds]
 * [operations] [backends]}: operations {@code findById}, {@code readModifyWrite} and
 * {@code collectionWrites<threads>} (e.g. {@code collectionWrites16}: that many threads each writing
 * documents of their own, see {@link CollectionWritesBenchmark}), backends as {@link Backend} names, both
 * comma-separated; by default findById and readModifyWrite on every backend.
 */
public final class InterleavedRatios {
  private static final long SLICE_NANOS = 500_000_000L;
  private static final int WARMUP_ROUNDS = 15;
  private static final String COLLECTION_WRITES = "collectionWrites";

  private InterleavedRatios() {}

  /** Runs the operations on the backends and prints the median ratios. */
  public static void main(String[] args) throws InterruptedException, ExecutionException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    List<String> operations = List.of(args.length > 1 ? args[1].split(",") : new String[] {"findById", "readModifyWrite"});
    List<Backend> backends = args.length > 2 ? Stream.of(args[2].split(",")).map(Backend::valueOf).toList()
        : List.of(Backend.values());
    System.out.printf(Locale.ROOT, "%-18s %-8s %10s %10s %10s %10s %8s %8s %8s   (median of %d interleaved %d ms rounds)%n",
        "operation", "backend", "pocketto", "jdbc", "hibernate", "jooq", "p/jdbc", "p/hib", "p/jooq", rounds,
        SLICE_NANOS / 1_000_000);
    for (String operation : operations) {
      for (Backend backend : backends) {
        measure(operation, backend, rounds);
      }
    }
  }

  private static void measure(String operation, Backend backend, int rounds)
      throws InterruptedException, ExecutionException {
    Variant[] variants = Variant.values();
    int writers = operation.startsWith(COLLECTION_WRITES)
        ? Integer.parseInt(operation.substring(COLLECTION_WRITES.length())) : 0;
    if (writers == 0 && !operation.equals("findById") && !operation.equals("readModifyWrite")) {
      throw new IllegalArgumentException("unknown operation " + operation);
    }
    List<Trial> trials = new ArrayList<>();
    ExecutorService threads = writers == 0 ? null : Executors.newFixedThreadPool(writers);
    try {
      String[][] ids = new String[variants.length][];
      Writers.Slice[][] slices = new Writers.Slice[variants.length][writers];
      for (int v = 0; v < variants.length; v++) {
        trials.add(Trial.open(variants[v].label(), backend.name()));
        ids[v] = trials.get(v).fill(writers == 0 ? Defaults.DOCUMENTS : writers * Writers.PER_THREAD);
        for (int w = 0; w < writers; w++) {
          slices[v][w] = Writers.slice(trials.get(v).contender(), ids[v], w);
        }
      }
      long[] random = {0x9E3779B97F4A7C15L};
      double[][] opsPerSecond = new double[variants.length][rounds];
      for (int round = -WARMUP_ROUNDS; round < rounds; round++) {
        // Each round starts with another variant, so that none always inherits the GC debt of the same one.
        for (int turn = 0; turn < variants.length; turn++) {
          int v = Math.floorMod(round + turn, variants.length);
          Contender contender = trials.get(v).contender();
          long start = System.nanoTime();
          long end = start + SLICE_NANOS;
          long done = writers == 0 ? runAlone(operation, contender, ids[v], random, end)
              : runWriters(threads, slices[v], contender, end);
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
      System.out.printf(Locale.ROOT, "%-18s %-8s %10.0f %10.0f %10.0f %10.0f %7.2fx %7.2fx %7.2fx%n", operation,
          backend, median(opsPerSecond[0]), median(opsPerSecond[1]), median(opsPerSecond[2]),
          median(opsPerSecond[3]), median(ratios[1]), median(ratios[2]), median(ratios[3]));
    } finally {
      if (threads != null) {
        threads.shutdown();
      }
      trials.forEach(Trial::close);
    }
  }

  /** One thread doing {@code operation} on random documents until {@code end}; returns how many it did. */
  private static long runAlone(String operation, Contender contender, String[] ids, long[] random, long end) {
    long done = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 20; i++) {
        String id = ids[Defaults.pick(random, ids.length)];
        if (operation.equals("findById")) {
          if (contender.findById(id) == null) {
            throw new IllegalStateException("lost invoice " + id);
          }
        } else {
          contender.readModifyWrite(id);
        }
      }
      done += 20;
    }
    return done;
  }

  /** Every writer writing its own documents until {@code end}; returns how many writes they made. */
  private static long runWriters(ExecutorService threads, Writers.Slice[] slices, Contender contender, long end)
      throws InterruptedException, ExecutionException {
    List<Future<Long>> writes = new ArrayList<>();
    for (Writers.Slice slice : slices) {
      writes.add(threads.submit(() -> {
        long done = 0;
        while (System.nanoTime() < end) {
          slice.writeNext(contender);
          done++;
        }
        return done;
      }));
    }
    long done = 0;
    for (Future<Long> f : writes) {
      done += f.get();
    }
    return done;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
