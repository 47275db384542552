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
 *
 * <p>Hibernate reads and writes the fields themselves (field access, as {@code @Id} on a field selects),
 * and finds what changed by comparing them with the snapshot it took at load, so setters would only
 * forward: {@link HibernateContender}, in this package, sets the fields directly, which is the same work
 * for Hibernate. The getters are what the benchmark's checks read.
 */
@Entity
@Table(name = "sales_invoices")
public class HibernateInvoice {
  @Id
  @Column(name = "_id")
  private String id;

  @Version
  @Column(name = "_version")
  long version;

  @Column(name = "_deleted")
  private boolean deleted;

  @UpdateTimestamp
  @Column(name = "_updated_at")
  private Instant updatedAt;

  String number;
  String customer;
  BigDecimal total;

  @Column(name = "issued_on")
  LocalDate issuedOn;

  @Enumerated(EnumType.STRING)
  Status status;

  int reminders;

  @Convert(converter = InvoiceLinesConverter.class)
  List<InvoiceLine> lines;

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

  /** Invoice number. */
  public String getNumber() {
    return number;
  }

  /** The line items. */
  public List<InvoiceLine> getLines() {
    return lines;
  }
}
