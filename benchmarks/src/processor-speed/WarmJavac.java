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
 * Times javac warm: the compiler runs again and again in one JVM, as in a build daemon or an IDE, and
 * the best of the last rounds is reported. A cold javac (a fresh JVM per compile, what
 * {@code processor-speed.sh} measures first) spends much of its time interpreting and JIT-compiling
 * javac itself, which hides how much work the generated code adds.
 *
 * <pre>java WarmJavac.java ROUNDS CLASSPATH POCKETTO_PROCESSORPATH FLOOR_PROCESSORPATH MODELS_LIST GENERATED_LIST WORKDIR
 * java WarmJavac.java ab ROUNDS MODELS_LIST CLASSPATH_A PROCESSORPATH_A CLASSPATH_B PROCESSORPATH_B WORKDIR</pre>
 *
 * <p>The second form compares two builds of Pocketto; see {@link #compareBuilds}.
 *
 * Each round compiles four ways, in turn, so that load from elsewhere slows all of them alike: plain
 * (the models with {@code -proc:none}), floor (the models with {@code FloorProcessor}, which writes an
 * empty subclass per model), processor (the models with the Pocketto processor), same-code (the models
 * and Pocketto's generated sources with {@code -proc:none}). Prints the best time of each over the
 * second half of the rounds, when javac's own code is compiled by the JIT.
 */
public final class WarmJavac {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws IOException {
    if (args[0].equals("ab")) {
      compareBuilds(args);
      return;
    }
    int rounds = Integer.parseInt(args[0]);
    String classpath = args[1];
    String processorPath = args[2];
    String floorPath = args[3];
    List<String> models = Files.readAllLines(Path.of(args[4]));
    List<String> generated = Files.readAllLines(Path.of(args[5]));
    Path work = Path.of(args[6]);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();

    List<String> sameCode = new ArrayList<>(models);
    sameCode.addAll(generated);
    long[][] times = new long[4][rounds];
    for (int round = 0; round < rounds; round++) {
      times[0][round] = compile(javac, work.resolve("warm-plain"), List.of("-proc:none", "-cp", classpath), models);
      times[1][round] = compile(javac, work.resolve("warm-floor"), withProcessor(classpath, floorPath, work), models);
      times[2][round] = compile(javac, work.resolve("warm-proc"), withProcessor(classpath, processorPath, work), models);
      times[3][round] = compile(javac, work.resolve("warm-same"), List.of("-proc:none", "-cp", classpath), sameCode);
      System.out.printf("round %2d: plain %5d ms, floor %5d ms, processor %5d ms, same-code %5d ms%n",
          round + 1, times[0][round], times[1][round], times[2][round], times[3][round]);
    }
    long plain = bestOfSecondHalf(times[0]);
    long floor = bestOfSecondHalf(times[1]);
    long processor = bestOfSecondHalf(times[2]);
    long same = bestOfSecondHalf(times[3]);
    System.out.printf("warm plain      %5d ms%n", plain);
    System.out.printf("warm floor      %5d ms%n", floor);
    System.out.printf("warm processor  %5d ms%n", processor);
    System.out.printf("warm same-code  %5d ms%n", same);
    System.out.printf("warm floor/plain          = %.2fx%n", (double) floor / plain);
    System.out.printf("warm processor/plain      = %.2fx  (goal: under 2x)%n", (double) processor / plain);
    System.out.printf("warm processor/same-code  = %.2fx%n", (double) processor / same);
  }

  /** Options for a run with {@code processorPath}; its generated sources go to a fresh directory. */
  private static List<String> withProcessor(String classpath, String processorPath, Path work) {
    return generating(classpath, processorPath, work.resolve("warm-generated"));
  }

  /**
   * Compares two builds of Pocketto (A, say main, and B, a change): each round compiles the models with
   * A's processor and with B's, and A's generated sources and B's with {@code -proc:none}, in turn and in
   * alternating order, so that load from elsewhere on a shared machine slows A and B alike. Each compile
   * is timed twice: wall time, and the CPU time of the thread javac runs on (its own work, without the JIT
   * and GC threads and without waiting for a CPU, which holds up on a busy machine). Prints the median and
   * the best of the second half of the rounds, and B over A.
   */
  private static void compareBuilds(String[] args) throws IOException {
    int rounds = Integer.parseInt(args[1]);
    List<String> models = Files.readAllLines(Path.of(args[2]));
    String[] cp = {args[3], args[5]};
    String[] pp = {args[4], args[6]};
    Path work = Path.of(args[7]);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();

    // The generated sources of each build, made once, for the -proc:none runs.
    List<List<String>> sameCode = new ArrayList<>();
    for (int b = 0; b < 2; b++) {
      Path generated = work.resolve("ab-generated-" + b);
      compile(javac, work.resolve("ab-first-" + b), generating(cp[b], pp[b], generated), models);
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
            generating(cp[b], pp[b], work.resolve("ab-proc-generated-" + b)), models);
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

  /** Options for a run with {@code processorPath} writing its sources to {@code generated}, emptied first. */
  private static List<String> generating(String classpath, String processorPath, Path generated) {
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

  private static long bestOfSecondHalf(long[] times) {
    return Arrays.stream(times, times.length / 2, times.length).min().orElseThrow();
  }
}
