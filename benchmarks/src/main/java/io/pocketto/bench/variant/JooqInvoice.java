package io.pocketto.bench.variant;

/** The row the jOOQ variant reads, mapped from a jOOQ record, with its version. */
public final class JooqInvoice extends InvoiceRow {
  /** The optimistic-lock version the row was read at. */
  public long version;
}
