package io.pocketto.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;

/** Loading one of 10,000 invoices by id, lines decoded into objects. */
public class FindByIdBenchmark extends TrialBenchmark {
  private String[] ids;
  private final long[] random = {0x9E3779B97F4A7C15L};

  /** Stores 10,000 invoices. */
  @Override
  protected void prepare(Trial opened) {
    ids = opened.fill(Defaults.DOCUMENTS);
  }

  /** One find of a random invoice; the loaded object is returned so that it is not optimised away. */
  @Benchmark
  @Fork(2)
  public Object findById() {
    return trial.contender().findById(ids[Defaults.pick(random, ids.length)]);
  }
}
