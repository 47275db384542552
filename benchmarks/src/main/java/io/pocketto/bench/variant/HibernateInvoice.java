package io.pocketto.bench.variant;

import io.pocketto.bench.model.InvoiceLine;
import io.pocketto.bench.model.Status;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hibernate.annotations.UpdateTimestamp;

/**
 * The benchmark invoice as a Hibernate entity, mapped the way a Hibernate user would: optimistic
 * locking by {@code @Version}, the lines in a JSON text column through a converter.
 */
@Entity
@Table(name = "sales_invoices")
public class HibernateInvoice {
  @Id
  @Column(name = "_id")
  private String id;

  @Version
  @Column(name = "_version")
  private long version;

  @Column(name = "_deleted")
  private boolean deleted;

  @UpdateTimestamp
  @Column(name = "_updated_at")
  private Instant updatedAt;

  private String number;
  private String customer;
  private BigDecimal total;

  @Column(name = "issued_on")
  private LocalDate issuedOn;

  @Enumerated(EnumType.STRING)
  private Status status;

  private int reminders;

  @Convert(converter = InvoiceLinesConverter.class)
  private List<InvoiceLine> lines;

  /** For Hibernate. */
  protected HibernateInvoice() {}

  /** A new invoice with its id. */
  public HibernateInvoice(String id) {
    this.id = id;
  }

  /** Document id. */
  public String getId() {
    return id;
  }

  /** The optimistic-lock version. */
  public long getVersion() {
    return version;
  }

  /** Invoice number. */
  public String getNumber() {
    return number;
  }

  /** Sets the invoice number. */
  public void setNumber(String number) {
    this.number = number;
  }

  /** Customer name. */
  public String getCustomer() {
    return customer;
  }

  /** Sets the customer name. */
  public void setCustomer(String customer) {
    this.customer = customer;
  }

  /** Sum of the lines. */
  public BigDecimal getTotal() {
    return total;
  }

  /** Sets the sum of the lines. */
  public void setTotal(BigDecimal total) {
    this.total = total;
  }

  /** Issue date. */
  public LocalDate getIssuedOn() {
    return issuedOn;
  }

  /** Sets the issue date. */
  public void setIssuedOn(LocalDate issuedOn) {
    this.issuedOn = issuedOn;
  }

  /** Workflow state. */
  public Status getStatus() {
    return status;
  }

  /** Sets the workflow state. */
  public void setStatus(Status status) {
    this.status = status;
  }

  /** Reminders sent. */
  public int getReminders() {
    return reminders;
  }

  /** Sets the reminders sent. */
  public void setReminders(int reminders) {
    this.reminders = reminders;
  }

  /** The line items. */
  public List<InvoiceLine> getLines() {
    return lines;
  }

  /** Sets the line items. */
  public void setLines(List<InvoiceLine> lines) {
    this.lines = lines;
  }
}
