import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compares two builds of Pocketto (A, say main, and B, a change) by javac time, warm, in one JVM: each
 * round compiles the models with A's processor and with B's, and A's generated sources and B's with
 * {@code -proc:none}, in turn and in alternating order, so that load from elsewhere on a shared machine
 * slows A and B alike. Each compile is timed twice: wall time, and the CPU time of the thread javac runs on
 * (its own work, without the JIT and GC threads, and without waiting for the CPU, which holds up on a busy
 * machine). Prints the median and the best of the second half of the rounds, and B over A.
 *
 * <pre>java AbJavac.java ROUNDS MODELS_LIST CLASSPATH_A PROCESSORPATH_A CLASSPATH_B PROCESSORPATH_B WORKDIR</pre>
 */
public final class AbJavac {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws IOException {
    int rounds = Integer.parseInt(args[0]);
    List<String> models = Files.readAllLines(Path.of(args[1]));
    String[] cp = {args[2], args[4]};
    String[] pp = {args[3], args[5]};
    Path work = Path.of(args[6]);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();

    // The generated sources of each build, made once, for the -proc:none runs.
    List<List<String>> sameCode = new ArrayList<>();
    for (int b = 0; b < 2; b++) {
      Path generated = work.resolve("ab-generated-" + b);
      compile(javac, work.resolve("ab-first-" + b), withProcessor(cp[b], pp[b], generated), models);
      List<String> sources = new ArrayList<>(models);
      try (Stream<Path> files = Files.walk(generated)) {
        files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().forEach(sources::add);
      }
      sameCode.add(sources);
    }
    long[][] processor = new long[2][rounds];
    long[][] same = new long[2][rounds];
    long[][] processorCpu = new long[2][rounds];
    long[][] sameCpu = new long[2][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < 2; i++) {
        int b = (round + i) % 2;
        long cpu = THREADS.getCurrentThreadCpuTime();
        processor[b][round] = compile(javac, work.resolve("ab-proc-" + b),
            withProcessor(cp[b], pp[b], work.resolve("ab-proc-generated-" + b)), models);
        processorCpu[b][round] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1_000_000;
        cpu = THREADS.getCurrentThreadCpuTime();
        same[b][round] = compile(javac, work.resolve("ab-same-" + b), List.of("-proc:none", "-cp", cp[b]), sameCode.get(b));
        sameCpu[b][round] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1_000_000;
      }
      System.out.printf("round %2d: processor A %5d ms (cpu %5d), B %5d ms (cpu %5d); "
              + "same-code A %5d ms (cpu %5d), B %5d ms (cpu %5d)%n", round + 1,
          processor[0][round], processorCpu[0][round], processor[1][round], processorCpu[1][round],
          same[0][round], sameCpu[0][round], same[1][round], sameCpu[1][round]);
    }
    report("processor wall", processor);
    report("processor cpu", processorCpu);
    report("same-code wall", same);
    report("same-code cpu", sameCpu);
  }

  private static void report(String what, long[][] times) {
    long[] a = secondHalf(times[0]);
    long[] b = secondHalf(times[1]);
    System.out.printf("%-14s A median %5d ms, best %5d ms; B median %5d ms, best %5d ms; B/A median %.3f, best %.3f%n",
        what, median(a), a[0], median(b), b[0], (double) median(b) / median(a), (double) b[0] / a[0]);
  }

  private static long[] secondHalf(long[] times) {
    long[] half = Arrays.copyOfRange(times, times.length / 2, times.length);
    Arrays.sort(half);
    return half;
  }

  private static long median(long[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static List<String> withProcessor(String classpath, String processorPath, Path generated) {
    clean(generated);
    return List.of("-cp", classpath, "-processorpath", processorPath, "-s", generated.toString());
  }

  private static long compile(JavaCompiler javac, Path out, List<String> options, List<String> sources) {
    clean(out);
    List<String> args = new ArrayList<>(options);
    args.addAll(Arrays.asList("-nowarn", "-d", out.toString()));
    args.addAll(sources);
    long start = System.nanoTime();
    int status = javac.run(null, null, System.err, args.toArray(String[]::new));
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (status != 0) {
      throw new IllegalStateException("javac failed with status " + status + " for " + out);
    }
    return millis;
  }

  private static void clean(Path dir) {
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
