import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * <pre>java WarmJavac.java ROUNDS CLASSPATH POCKETTO_PROCESSORPATH FLOOR_PROCESSORPATH MODELS_LIST GENERATED_LIST WORKDIR</pre>
 *
 * Each round compiles four ways, in turn, so that load from elsewhere slows all of them alike: plain
 * (the models with {@code -proc:none}), floor (the models with {@code FloorProcessor}, which writes an
 * empty subclass per model), processor (the models with the Pocketto processor), same-code (the models
 * and Pocketto's generated sources with {@code -proc:none}). Prints the best time of each over the
 * second half of the rounds, when javac's own code is compiled by the JIT.
 */
public final class WarmJavac {
  public static void main(String[] args) throws IOException {
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
    Path generated = work.resolve("warm-generated");
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
