package io.pocketto.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One row per benchmark and backend with each variant's throughput, and the ratios the targets are
 * written in: pocketto/jdbc (the limit) and pocketto/hibernate (the peer).
 */
final class RatioReport {
  /** One variant's score in one row. */
  record Score(double opsPerSecond, double error, Double conflicts) {}

  private final Map<String, Map<String, Score>> rows;

  private RatioReport(Map<String, Map<String, Score>> rows) {
    this.rows = rows;
  }

  static RatioReport of(Collection<RunResult> results) {
    Map<String, Map<String, Score>> rows = new LinkedHashMap<>();
    for (RunResult run : results) {
      String benchmark = run.getParams().getBenchmark();
      String[] parts = benchmark.split("\\.");
      String operation = parts[parts.length - 2].replace("Benchmark", "") + "." + parts[parts.length - 1];
      String row = String.format("%-42s %-8s", operation, run.getParams().getParam("backend"));
      Result<?> primary = run.getPrimaryResult();
      Result<?> conflicts = run.getSecondaryResults().get("conflicts");
      rows.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(run.getParams().getParam("variant"),
          new Score(primary.getScore(), primary.getScoreError(), conflicts == null ? null : conflicts.getScore()));
    }
    return new RatioReport(rows);
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-42s %-8s %12s %12s %12s %9s %9s %9s%n", "benchmark", "backend",
        "pocketto", "jdbc", "hibernate", "p/jdbc", "p/hib", "hib/jdbc"));
    List<String> notes = new ArrayList<>();
    rows.forEach((row, scores) -> {
      Score p = scores.get("pocketto");
      Score j = scores.get("jdbc");
      Score h = scores.get("hibernate");
      out.append(String.format(Locale.ROOT, "%s %12s %12s %12s %9s %9s %9s%n", row, ops(p), ops(j), ops(h),
          ratio(p, j), ratio(p, h), ratio(h, j)));
      scores.forEach((variant, s) -> {
        if (s.conflicts() != null) {
          notes.add(String.format(Locale.ROOT, "  %s %s: %.0f conflicts per iteration", row.trim(), variant,
              s.conflicts()));
        }
      });
    });
    out.append("ops/s, higher is better; ratios are throughput ratios from this one run.\n");
    if (!notes.isEmpty()) {
      out.append("Lost revision checks (retried):\n");
      notes.forEach(n -> out.append(n).append('\n'));
    }
    return out.toString();
  }

  private static String ops(Score s) {
    return s == null ? "-" : String.format(Locale.ROOT, "%.0f", s.opsPerSecond());
  }

  private static String ratio(Score a, Score b) {
    return a == null || b == null ? "-" : String.format(Locale.ROOT, "%.2fx", a.opsPerSecond() / b.opsPerSecond());
  }
}
