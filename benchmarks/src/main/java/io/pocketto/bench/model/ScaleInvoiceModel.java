package io.pocketto.bench.model;

import io.pocketto.Index;
import io.pocketto.Model;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The table of the scale suite ({@code ScaleSuite}): an invoice ordered by its number and filtered by
 * its issue date, each through an {@code @Index} of its own.
 */
@Model(collection = "scale_invoices")
public abstract class ScaleInvoiceModel {
  @Index protected String number;
  protected String customer;
  protected BigDecimal total;
  @Index protected LocalDate issuedOn;
}
