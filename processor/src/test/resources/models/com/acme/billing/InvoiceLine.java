package com.acme.billing;

import java.math.BigDecimal;

/** One line of an invoice, stored inside the invoice as JSON. */
public record InvoiceLine(String description, int quantity, BigDecimal unitPrice) {
  /** Quantity times unit price. */
  public BigDecimal amount() {
    return unitPrice.multiply(BigDecimal.valueOf(quantity));
  }
}
