package com.acme.billing.web;

import com.acme.billing.SalesInvoice;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.pocketto.Database;
import io.pocketto.Lock;
import io.pocketto.ModelStore;
import io.pocketto.WriterScope;
import java.time.Duration;

/**
 * Who is writing, and "Alice is editing". A request names its person in the {@value #USER_HEADER}
 * header; every write it makes is recorded as theirs ({@code db.as(user)} for the request), and the
 * locks it takes are theirs. The page locks an invoice while its person edits it, renews the lease while
 * the form stays open, and releases it on save or cancel; everyone else sees who is editing, and their
 * writes are refused with 423 until then. A page that closes without releasing blocks no one for longer
 * than {@link #LEASE}.
 */
final class EditingLocks {
  /** The request header that names the person writing; without it the server's own writer writes. */
  static final String USER_HEADER = "X-User";
  /** How long a lock lasts unless renewed; the page renews it every minute while the form is open. */
  static final Duration LEASE = Duration.ofMinutes(2);
  private static final String SCOPE = EditingLocks.class.getName() + ".scope";

  private final Database db;
  private final ModelStore<SalesInvoice> invoices;

  EditingLocks(Database db) {
    this.db = db;
    this.invoices = SalesInvoice.in(db);
  }

  /** Before every API request: writes as the person the request names, until {@link #leaveWriter}. */
  void enterWriter(Context ctx) {
    String user = ctx.header(USER_HEADER);
    if (user == null || user.isBlank()) {
      return;
    }
    try {
      ctx.attribute(SCOPE, db.as(user.strip()));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(USER_HEADER, "header " + USER_HEADER + " does not name a writer: " + e.getMessage());
    }
  }

  /** After every API request, failed ones included: the request thread writes as the server again. */
  void leaveWriter(Context ctx) {
    WriterScope scope = ctx.attribute(SCOPE);
    if (scope != null) {
      scope.close();
    }
  }

  /** {@code POST /api/invoices/{id}/lock}: locks the invoice for the request's person, or renews their lock. */
  void take(Context ctx) {
    Lock lock = invoices.lock(ctx.pathParam("id"), LEASE);
    ctx.json(json(lock.holder(), lock));
  }

  /** {@code DELETE /api/invoices/{id}/lock}: releases the request's person's lock; someone else's is a 423. */
  void release(Context ctx) {
    invoices.unlock(ctx.pathParam("id"));
    ctx.status(204);
  }

  /** {@code GET /api/invoices/{id}/lock}: who is editing the invoice now, {@code {"holder": null}} if no one. */
  void show(Context ctx) {
    Lock lock = invoices.lockOf(ctx.pathParam("id")).orElse(null);
    ctx.json(json(lock == null ? null : lock.holder(), lock));
  }

  private static ObjectNode json(String holder, Lock lock) {
    ObjectNode node = InvoiceJson.MAPPER.createObjectNode();
    node.put("holder", holder);
    node.put("expires", lock == null ? null : lock.expires().toString());
    return node;
  }
}
