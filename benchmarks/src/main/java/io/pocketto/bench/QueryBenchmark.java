package io.pocketto.bench;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * A customer's 20 latest invoices out of 10,000 (97 customers, about 103 invoices each), through the
 * {@code (customer, issued_on)} index, newest first, lines decoded into objects.
 */
public class QueryBenchmark extends TrialBenchmark {
  private final long[] random = {0x9E3779B97F4A7C15L};

  /** Stores 10,000 invoices. */
  @Override
  protected void prepare(Trial opened) {
    opened.fill(Defaults.DOCUMENTS);
  }

  /** One query for a random customer; the rows are returned so that they are not optimised away. */
  @Benchmark
  public Object query() {
    return trial.contender().latestOfCustomer(Invoices.customer(Defaults.pick(random, Invoices.CUSTOMERS)));
  }
}
