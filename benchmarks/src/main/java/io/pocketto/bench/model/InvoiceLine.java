package io.pocketto.bench.model;

import java.math.BigDecimal;

/** One line of a benchmark invoice, stored inside the invoice as JSON by every variant. */
public record InvoiceLine(String description, int quantity, BigDecimal unitPrice) {
  /** quantity times unit price. */
  public BigDecimal amount() {
    return unitPrice.multiply(BigDecimal.valueOf(quantity));
  }
}
