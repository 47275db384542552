package io.pocketto.it.query;

import io.pocketto.Database;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/** Test data helpers: records saved under chosen ids, and ids read back from results. */
final class Fixtures {
  private Fixtures() {}

  /** Saves a new invoice with id {@code id} into {@code db}, after {@code fields} set its fields. */
  static Invoice saved(Database db, String id, Consumer<Invoice> fields) {
    Invoice invoice = new Invoice();
    invoice.setId(id);
    fields.accept(invoice);
    return invoice.saveTo(db);
  }

  /** The ids of the records, in result order. */
  static List<String> ids(Collection<Invoice> invoices) {
    return invoices.stream().map(Invoice::getId).toList();
  }
}
