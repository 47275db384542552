package com.acme.billing;

import io.pocketto.Model;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A sales invoice: the seed's model. Pocketto generates {@code SalesInvoice} from it. */
@Model
public abstract class SalesInvoiceModel {
  private static final BigDecimal TAX_RATE = new BigDecimal("0.10");

  protected String number;
  protected String customer;
  protected BigDecimal total;
  protected LocalDate issuedOn;
  protected Status status = Status.DRAFT;
  protected List<InvoiceLine> lines = new ArrayList<>();

  /** Adds a line and recomputes the total. */
  public void addLine(String description, int quantity, BigDecimal unitPrice) {
    lines.add(new InvoiceLine(description, quantity, unitPrice));
    recomputeTotal();
  }

  /** Sets the total to the sum of the lines. */
  public void recomputeTotal() {
    total = lines.stream().map(InvoiceLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The total with 10% tax, rounded to cents. */
  public BigDecimal totalWithTax() {
    return total == null ? null : total.add(total.multiply(TAX_RATE)).setScale(2, RoundingMode.HALF_UP);
  }
}
