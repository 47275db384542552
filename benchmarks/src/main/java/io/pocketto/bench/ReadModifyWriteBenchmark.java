package io.pocketto.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;

/** Find a random one of 10,000 invoices, change one field, save it with the revision (or version) check. */
public class ReadModifyWriteBenchmark extends StoredInvoicesBenchmark {
  /** One find, change and conditional save. */
  @Benchmark
  @Fork(2)
  public void readModifyWrite() {
    trial.contender().readModifyWrite(randomId());
  }
}
