package io.pocketto.it.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.it.Backend;

/** What the plan tests read in a database's plan: a query read in order through one index, with no sort. */
final class Plans {
  private Plans() {}

  /** Asserts that {@code plan}, on {@code backend}, reads {@code index} in the query's order and sorts nothing. */
  static void assertIndexOrdered(Backend backend, String index, String plan) {
    if (backend == Backend.POSTGRES) {
      // One index scan, forward or backward, and no Sort node anywhere in the plan.
      assertThat(plan).as(plan).containsPattern("Index Scan( Backward)? using " + index).doesNotContain("Sort");
    } else {
      // H2 names the index it reads and says when its order is the query's order, so nothing is sorted.
      assertThat(plan).as(plan).contains(index).contains("/* index sorted */");
    }
  }
}
