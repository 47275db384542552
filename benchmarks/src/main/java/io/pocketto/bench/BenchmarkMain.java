package io.pocketto.bench;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The uber-jar's entry point: runs JMH with the usual command line plus {@link CpuTimeProfiler}, then
 * prints every variant's score side by side with the ratios the targets are stated in.
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  /** Takes JMH's own options, e.g. {@code findById -p backend=H2_MEM -prof gc}. */
  public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
    if (List.of(args).stream().anyMatch(a -> a.equals("-h") || a.equals("-l") || a.equals("-lp")
        || a.equals("-lprof") || a.equals("-lrf"))) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    Collection<RunResult> results = new Runner(new OptionsBuilder().parent(new CommandLineOptions(args))
        .addProfiler(CpuTimeProfiler.class).build()).run();
    System.out.println();
    System.out.print(RatioReport.of(results).render());
  }
}
