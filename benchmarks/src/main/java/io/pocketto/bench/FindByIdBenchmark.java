package io.pocketto.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;

/** Loading one of 10,000 invoices by id, lines decoded into objects. */
public class FindByIdBenchmark extends StoredInvoicesBenchmark {
  /** One find of a random invoice; the loaded object is returned so that it is not optimised away. */
  @Benchmark
  @Fork(2)
  public Object findById() {
    return trial.contender().findById(randomId());
  }
}
