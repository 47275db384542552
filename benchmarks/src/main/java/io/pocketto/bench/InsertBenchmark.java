package io.pocketto.bench;

import org.openjdk.jmh.annotations.Benchmark;

/** Inserting a new invoice with three JSON line items. */
public class InsertBenchmark extends TrialBenchmark {
  private int next;

  /** One insert. */
  @Benchmark
  public void insert() {
    trial.contender().insert(UuidV7.next(), next++);
  }
}
