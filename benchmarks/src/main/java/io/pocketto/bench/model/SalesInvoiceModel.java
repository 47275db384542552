package io.pocketto.bench.model;

import io.pocketto.Index;
import io.pocketto.Model;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The table shape every variant is measured on: a sales invoice with scalar columns and its line items
 * in one JSON column. The benchmarks give it three lines. The index serves the query benchmark: a
 * customer's invoices, newest first.
 */
@Model(indexes = @Index({"customer", "issuedOn"}))
public abstract class SalesInvoiceModel {
  protected String number;
  protected String customer;
  protected BigDecimal total;
  protected LocalDate issuedOn;
  protected Status status;
  /** How many payment reminders were sent: the field readModifyWrite and contendedIncrement bump. */
  protected int reminders;
  protected List<InvoiceLine> lines = new ArrayList<>();
}
