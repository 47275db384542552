package io.pocketto.bench.variant;

import io.pocketto.bench.model.InvoiceLine;
import io.pocketto.bench.model.Status;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The row the JDBC variant reads: a plain object, plus the stored JSON text of the lines it keeps for the write back. */
public final class JdbcInvoice {
  /** Document id. */
  public String id;
  /** Revision the row was read at. */
  public String rev;
  /** Invoice number. */
  public String number;
  /** Customer name. */
  public String customer;
  /** Sum of the lines. */
  public BigDecimal total;
  /** Issue date. */
  public LocalDate issuedOn;
  /** Workflow state. */
  public Status status;
  /** Reminders sent. */
  public int reminders;
  /** The line items, decoded. */
  public List<InvoiceLine> lines;
  /** The line items as stored: canonical JSON, written back unchanged when the lines did not change. */
  public String linesJson;
}
