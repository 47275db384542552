package io.pocketto.processor;

import java.util.Collection;
import java.util.Locale;

/** Suggests the known name closest to a misspelt one, by edit distance. */
final class DidYouMean {
  private DidYouMean() {}

  /** {@code "; did you mean 'customer'?"}, or an empty string when no name is close enough. */
  static String hint(String wrong, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String w = wrong.toLowerCase(Locale.ROOT);
    for (String candidate : known) {
      int d = distance(w, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = Math.max(2, wrong.length() / 3);
    return best != null && bestDistance <= allowed ? "; did you mean '" + best + "'?" : "";
  }

  /** Levenshtein distance: the fewest single-character insertions, deletions or substitutions. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
