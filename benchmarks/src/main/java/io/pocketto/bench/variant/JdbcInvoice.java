package io.pocketto.bench.variant;

/** The row the JDBC variant reads, with its revision and the stored JSON text of the lines it keeps for the write back. */
public final class JdbcInvoice extends InvoiceRow {
  /** Revision the row was read at. */
  public String rev;
  /** The line items as stored: canonical JSON, written back unchanged when the lines did not change. */
  public String linesJson;
  /** The database's {@code _created_at} and {@code _updated_at}, read as the runtime reads them into {@code meta()}. */
  public java.time.OffsetDateTime createdAt;
  /** See {@link #createdAt}. */
  public java.time.OffsetDateTime updatedAt;
}
