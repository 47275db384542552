package io.pocketto.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One row per benchmark and backend with each variant's figures, and the ratios the targets are
 * written in: pocketto/jdbc (the limit) and pocketto/hibernate (the peer), and pocketto/jooq (the other
 * peer) and each peer against the limit. Tables: throughput as
 * measured; the throughput the CPU time per operation implies (jdbc's CPU per op over pocketto's),
 * which holds up when other work on the machine takes the benchmark's core away; and, on Linux, the
 * user-space part of that CPU time.
 */
final class RatioReport {
  private static final String[] VARIANTS = {"pocketto", "jdbc", "hibernate", "jooq"};

  /** One variant's figures in one row; {@code NaN} where not measured. */
  record Score(double opsPerSecond, double error, double cpuMicrosPerOp, double userMicrosPerOp,
      double conflicts) {}

  private final Map<String, Map<String, Score>> rows;

  private RatioReport(Map<String, Map<String, Score>> rows) {
    this.rows = rows;
  }

  static RatioReport of(Collection<RunResult> results) {
    Map<String, Map<String, Score>> rows = new LinkedHashMap<>();
    for (RunResult run : results) {
      String[] parts = run.getParams().getBenchmark().split("\\.");
      String operation = parts[parts.length - 2].replace("Benchmark", "") + "." + parts[parts.length - 1];
      String row = String.format("%-34s %-8s", operation, run.getParams().getParam("backend"));
      Result<?> primary = run.getPrimaryResult();
      rows.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(run.getParams().getParam("variant"),
          new Score(primary.getScore(), primary.getScoreError(), secondary(run, "cpu.time.norm"),
              secondary(run, "cpu.user.norm"), secondary(run, "conflicts")));
    }
    return new RatioReport(rows);
  }

  private static double secondary(RunResult run, String name) {
    Result<?> r = run.getSecondaryResults().get(name);
    return r == null ? Double.NaN : r.getScore();
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append("Throughput, ops/s (higher is better), +- 99.9% error where JMH has one:\n");
    table(out, s -> s.opsPerSecond(), false);
    out.append("\nCPU time per operation, us (lower is better); ratios are jdbc/pocketto-style, i.e. the\n"
        + "throughput ratio these costs imply on an otherwise idle core:\n");
    table(out, s -> s.cpuMicrosPerOp(), true);
    boolean userTimeMeasured = rows.values().stream().flatMap(scores -> scores.values().stream())
        .anyMatch(s -> !Double.isNaN(s.userMicrosPerOp()));
    if (userTimeMeasured) {
      out.append("\nOf which user space (the JVM's own code, without the kernel's socket and file work), us:\n");
      table(out, s -> s.userMicrosPerOp(), true);
    }
    List<String> notes = new ArrayList<>();
    rows.forEach((row, scores) -> scores.forEach((variant, s) -> {
      if (!Double.isNaN(s.conflicts())) {
        notes.add(String.format(Locale.ROOT, "  %s %-9s %8.0f lost revision checks per iteration", row, variant,
            s.conflicts()));
      }
    }));
    if (!notes.isEmpty()) {
      out.append("\nConflicts (attempts retried after losing the revision check):\n");
      notes.forEach(n -> out.append(n).append('\n'));
    }
    return out.toString();
  }

  private void table(StringBuilder out, ToDoubleFunction<Score> figure, boolean costs) {
    out.append(String.format(Locale.ROOT, "%-34s %-8s %12s %12s %12s %12s %8s %8s %8s %8s %9s%n", "benchmark",
        "backend", VARIANTS[0], VARIANTS[1], VARIANTS[2], VARIANTS[3], "p/jdbc", "p/hib", "p/jooq", "hib/jdbc",
        "jooq/jdbc"));
    rows.forEach((row, scores) -> {
      double[] v = new double[VARIANTS.length];
      for (int i = 0; i < v.length; i++) {
        Score s = scores.get(VARIANTS[i]);
        v[i] = s == null ? Double.NaN : figure.applyAsDouble(s);
      }
      out.append(String.format(Locale.ROOT, "%s %12s %12s %12s %12s %8s %8s %8s %8s %9s%n", row, number(v[0], costs),
          number(v[1], costs), number(v[2], costs), number(v[3], costs), ratio(v[0], v[1], costs),
          ratio(v[0], v[2], costs), ratio(v[0], v[3], costs), ratio(v[2], v[1], costs), ratio(v[3], v[1], costs)));
    });
  }

  private static String number(double x, boolean costs) {
    return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, costs ? "%.1f" : "%.0f", x);
  }

  /** How many times faster {@code a} is than {@code b}: a throughput ratio, or the inverse ratio of costs. */
  private static String ratio(double a, double b, boolean costs) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2fx", costs ? b / a : a / b);
  }
}
