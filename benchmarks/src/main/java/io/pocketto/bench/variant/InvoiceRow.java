package io.pocketto.bench.variant;

import io.pocketto.bench.model.InvoiceLine;
import io.pocketto.bench.model.Status;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The invoice as the two hand-mapped variants (JDBC, jOOQ) read it: plain fields, the lines decoded. */
public class InvoiceRow {
  /** Document id. */
  public String id;
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
}
