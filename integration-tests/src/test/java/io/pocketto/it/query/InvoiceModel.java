package io.pocketto.it.query;

import io.pocketto.Index;
import io.pocketto.Model;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An invoice with one field of every kind a query treats differently. */
@Model(collection = "query_invoices", indexes = @Index({"customer", "issuedOn"}))
public abstract class InvoiceModel {
  /** Workflow of an invoice. */
  public enum Status { DRAFT, SENT, PAID }

  @Index protected String number;
  protected String customer;
  protected BigDecimal total;
  protected LocalDate issuedOn;
  protected Status status;
  protected int quantity;
  protected boolean paid;
  protected Instant dueAt;
  protected UUID reference;
  protected Character grade;
  protected List<String> tags = new ArrayList<>();
}
