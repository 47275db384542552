package io.pocketto.bench;

import io.pocketto.bench.model.InvoiceLine;
import io.pocketto.bench.model.SalesInvoice;
import io.pocketto.bench.model.Status;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The invoice every variant stores for a given number {@code n}, so all variants write the same data. */
public final class Invoices {
  private static final LocalDate EPOCH = LocalDate.of(2025, 1, 1);
  private static final BigDecimal[] PRICES = {
      new BigDecimal("120.00"), new BigDecimal("19.90"), new BigDecimal("4.50"), new BigDecimal("1250.00")};

  private Invoices() {}

  /** {@code INV-000042} for 42. */
  public static String number(int n) {
    return "INV-" + String.format("%06d", n);
  }

  /** How many customers the invoices are spread over. */
  public static final int CUSTOMERS = 97;

  /** One of {@value #CUSTOMERS} customers. */
  public static String customer(int n) {
    return "Customer " + (n % CUSTOMERS);
  }

  /** The issue date, spread over a year. */
  public static LocalDate issuedOn(int n) {
    return EPOCH.plusDays(n % 365);
  }

  /** The workflow state every new invoice starts in. */
  public static Status status() {
    return Status.DRAFT;
  }

  /** The three line items of invoice {@code n}, in a new mutable list. */
  public static List<InvoiceLine> lines(int n) {
    List<InvoiceLine> lines = new ArrayList<>(3);
    lines.add(new InvoiceLine("Consulting, day rate", 1 + n % 5, PRICES[0]));
    lines.add(new InvoiceLine("Travel \"flat\" fee", 2, PRICES[1 + n % 3]));
    lines.add(new InvoiceLine("Hosting (monthly)", 12, PRICES[n % 4]));
    return lines;
  }

  /** Invoice {@code n} as Pocketto's generated record under {@code id}, not saved yet. */
  public static SalesInvoice salesInvoice(String id, int n) {
    SalesInvoice invoice = new SalesInvoice();
    invoice.setId(id);
    invoice.setNumber(number(n));
    invoice.setCustomer(customer(n));
    invoice.setIssuedOn(issuedOn(n));
    invoice.setStatus(status());
    invoice.setLines(lines(n));
    invoice.setTotal(total(invoice.getLines()));
    return invoice;
  }

  /** The sum of the line amounts. */
  public static BigDecimal total(List<InvoiceLine> lines) {
    BigDecimal total = BigDecimal.ZERO;
    for (InvoiceLine line : lines) {
      total = total.add(line.amount());
    }
    return total;
  }
}
