package io.pocketto.it;

import io.pocketto.it.model.SalesInvoice;

/** Test data shared by the suite. */
final class Invoices {
  private Invoices() {}

  /** A new, unsaved invoice with an id and a number, as in the seed. */
  static SalesInvoice newInvoice(String id, String number) {
    SalesInvoice invoice = new SalesInvoice();
    invoice.setId(id);
    invoice.setNumber(number);
    return invoice;
  }
}
