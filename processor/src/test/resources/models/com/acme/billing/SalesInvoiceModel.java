package com.acme.billing;

import io.pocketto.Model;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The seed's sales invoice: String, BigDecimal, LocalDate, an enum and a JSON list of lines. */
@Model
public abstract class SalesInvoiceModel {
  protected String number;
  protected String customer;
  protected BigDecimal total;
  protected LocalDate issuedOn;
  protected Status status = Status.DRAFT;
  protected List<InvoiceLine> lines = new ArrayList<>();

  /** Adds a line and recomputes the total. */
  public void addLine(String description, int quantity, BigDecimal unitPrice) {
    lines.add(new InvoiceLine(description, quantity, unitPrice));
    total = lines.stream().map(InvoiceLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
