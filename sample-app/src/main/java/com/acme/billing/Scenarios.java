package com.acme.billing;

import io.pocketto.Change;
import io.pocketto.ChangeBatch;
import io.pocketto.Checkpoint;
import io.pocketto.ConflictException;
import io.pocketto.Database;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Plays the scenarios of Pocketto's "Data Conflict" page in the console: create, find, edit, the
 * immediate conflict, the eventual conflict with its 409, the recipe that resolves it, and the changes
 * feed that tells a reader what changed since its checkpoint. Run it with
 * {@code SampleApp --scenarios}; the web app shows the same conflicts over HTTP.
 */
public final class Scenarios {
  private final PrintStream out;

  /** Scenarios that narrate to {@code out}. */
  public Scenarios(PrintStream out) {
    this.out = out;
  }

  /** Runs every scenario on the invoice {@code id}, which must not exist yet; returns the final invoice. */
  public SalesInvoice run(Database db, String id) {
    out.println("== 1. Client A creates invoice '" + id + "'");
    SalesInvoice invoiceA = new SalesInvoice();
    invoiceA.setId(id);
    invoiceA.setNumber("INV-001");
    invoiceA.setCustomer("Acme Pte Ltd");
    invoiceA.setIssuedOn(LocalDate.of(2026, 11, 25));
    invoiceA.addLine("Consulting", 3, new BigDecimal("120.00"));
    invoiceA.saveTo(db);
    out.println("   saved, _rev = " + invoiceA.meta().rev());

    out.println("== 2. Immediate conflict: client B creates a document with the same id");
    try {
      SalesInvoice invoiceB = new SalesInvoice();
      invoiceB.setId(id);
      invoiceB.setNumber("INV-001");
      invoiceB.saveTo(db);
      out.println("   unexpected: no conflict");
    } catch (ConflictException e) {
      out.println("   Conflict happen!: " + e.toJson());
    }

    out.println("== 3. Both clients find the document");
    SalesInvoice a = SalesInvoice.in(db).find(id).orElseThrow();
    SalesInvoice b = SalesInvoice.in(db).find(id).orElseThrow();
    out.println("   " + a);

    out.println("== 4. Client B comes online first and saves INV-002");
    b.setNumber("INV-002");
    out.println("   B dirty = " + b.meta().dirty() + ", before update = " + b.meta().beforeUpdate());
    b.save();
    out.println("   saved, _rev = " + b.meta().rev());

    out.println("== 5. Eventual conflict: client A saves INV-003 on top of the old revision");
    a.setNumber("INV-003");
    try {
      a.save();
      out.println("   unexpected: no conflict");
    } catch (ConflictException e) {
      out.println("   409: " + e.toJson());
      out.println("   A is unchanged: _rev = " + a.meta().rev() + ", dirty = " + a.meta().dirty());
    }

    out.println("== 6. The recipe: find the latest, re-apply the change, save again");
    SalesInvoice latest = SalesInvoice.in(db).find(id).orElseThrow();
    latest.setNumber("INV-003");
    latest.save();
    out.println("   saved, _rev = " + latest.meta().rev());
    out.println("   " + latest.toJson());
    out.println("   total with tax: " + latest.totalWithTax());

    out.println("== 7. The changes feed: what changed, from the start and since a checkpoint");
    ChangeBatch<SalesInvoice> batch = SalesInvoice.in(db).changes(Checkpoint.START, 100);
    for (Change<SalesInvoice> c : batch.changes()) {
      out.println("   " + c.id() + " " + c.revision() + " deleted=" + c.deleted() + " number=" + c.document().getNumber());
    }
    Checkpoint checkpoint = batch.checkpoint();
    out.println("   checkpoint = " + checkpoint);
    latest.setCustomer("Acme Holdings Pte Ltd");
    latest.save();
    for (Change<SalesInvoice> c : SalesInvoice.in(db).changes(Checkpoint.parse(checkpoint.toString()), 100).changes()) {
      out.println("   since the checkpoint: " + c.id() + " " + c.revision() + " customer=" + c.document().getCustomer());
    }
    return latest;
  }
}
