package io.pocketto.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;

/** Find a random one of 10,000 invoices, change one field, save it with the revision (or version) check. */
public class ReadModifyWriteBenchmark extends TrialBenchmark {
  private String[] ids;
  private final long[] random = {0x9E3779B97F4A7C15L};

  /** Stores 10,000 invoices. */
  @Override
  protected void prepare(Trial opened) {
    ids = opened.fill(Defaults.DOCUMENTS);
  }

  /** One find, change and conditional save. */
  @Benchmark
  @Fork(2)
  public void readModifyWrite() {
    trial.contender().readModifyWrite(ids[Defaults.pick(random, ids.length)]);
  }
}
