package io.pocketto.it.model;

import io.pocketto.Model;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The seed's invoice, as a test model. */
@Model
public abstract class SalesInvoiceModel {
  /** Workflow of an invoice. */
  public enum Status { DRAFT, SENT, PAID }

  protected String number;
  protected String customer;
  protected BigDecimal total;
  protected LocalDate issuedOn;
  protected Status status;
  protected List<InvoiceLine> lines = new ArrayList<>();

  /** Adds a line and recomputes the total: writes fields directly, as domain logic does. */
  public void addLine(String description, int quantity, BigDecimal unitPrice) {
    lines.add(new InvoiceLine(description, quantity, unitPrice));
    total = lines.stream().map(InvoiceLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The total with 10% tax. */
  public BigDecimal totalWithTax() {
    return total == null ? null : total.multiply(new BigDecimal("1.10"));
  }
}
