package io.pocketto.bench.variant;

import io.pocketto.Database;
import io.pocketto.ModelStore;
import io.pocketto.Pocketto;
import io.pocketto.bench.Contender;
import io.pocketto.bench.Invoices;
import io.pocketto.bench.model.SalesInvoice;
import java.util.List;

/** The generated active record, used as an application would use it. */
public final class PockettoContender implements Contender {
  private final Database db;
  private final ModelStore<SalesInvoice> invoices;

  /** Opens the database with Pocketto's defaults and creates the table. */
  public PockettoContender(String url) {
    // The default RetryPolicy (100 attempts): incremental writes to one document take turns within a
    // process, so a writer needs at most one retry against the other threads and cannot be starved.
    this.db = Pocketto.connect(url);
    this.invoices = SalesInvoice.in(db);
    invoices.count();
  }

  @Override
  public void insert(String id, int n) {
    invoices.save(Invoices.salesInvoice(id, n));
  }

  /** One bundle (one transaction): setup is not measured, and this is the runtime's bulk path. */
  @Override
  public void insertAll(String[] ids) {
    db.bundle(bundle -> {
      for (int i = 0; i < ids.length; i++) {
        insert(ids[i], i);
      }
    });
  }

  @Override
  public SalesInvoice findById(String id) {
    return invoices.find(id).orElse(null);
  }

  @Override
  public void readModifyWrite(String id) {
    SalesInvoice invoice = invoices.find(id).orElseThrow();
    invoice.setReminders(invoice.getReminders() + 1);
    invoices.save(invoice);
  }

  /** The held record's own {@code save()}: the conditional update, guarded by the revision it holds. */
  @Override
  public void write(Object held) {
    SalesInvoice invoice = (SalesInvoice) held;
    invoice.setReminders(invoice.getReminders() + 1);
    invoices.save(invoice);
  }

  /** The typed query: one statement, the id added as the last sort key by the runtime. */
  @Override
  public List<SalesInvoice> latestOfCustomer(String customer) {
    return invoices.query()
        .where(SalesInvoice.CUSTOMER.eq(customer))
        .orderBy(SalesInvoice.ISSUED_ON.desc())
        .limit(QUERY_LIMIT)
        .list();
  }

  /**
   * {@code incrementalModify}: the runtime reapplies the mutation to a fresh read after each lost
   * revision check, so the mutation's runs count the attempts. The record is found before the write
   * takes its turn, so under contention its first attempt is usually stale and the second, in its
   * turn, succeeds.
   */
  @Override
  public int increment(String id) {
    int[] runs = {0};
    invoices.find(id).orElseThrow().incrementalModify(invoice -> {
      runs[0]++;
      invoice.setReminders(invoice.getReminders() + 1);
    });
    return runs[0] - 1;
  }

  @Override
  public int reminders(String id) {
    return invoices.find(id).orElseThrow().getReminders();
  }

  @Override
  public String revision(String id) {
    return invoices.find(id).orElseThrow().meta().rev();
  }

  @Override
  public void close() {
    db.close();
  }
}
