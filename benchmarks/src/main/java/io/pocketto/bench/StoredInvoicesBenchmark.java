package io.pocketto.bench;

/**
 * What the benchmarks on stored invoices share: {@link Defaults#DOCUMENTS} invoices stored before the
 * trial, and a random one of them for each call.
 */
public abstract class StoredInvoicesBenchmark extends TrialBenchmark {
  private String[] ids;
  private final long[] random = {0x9E3779B97F4A7C15L};

  /** Stores 10,000 invoices. */
  @Override
  protected void prepare(Trial opened) {
    ids = opened.fill(Defaults.DOCUMENTS);
  }

  /** The id of a random stored invoice; a fixed seed gives every variant the same sequence. */
  protected String randomId() {
    return ids[Defaults.pick(random, ids.length)];
  }
}
