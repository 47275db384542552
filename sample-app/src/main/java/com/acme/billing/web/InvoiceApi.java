package com.acme.billing.web;

import com.acme.billing.SalesInvoice;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.javalin.http.Context;
import io.pocketto.ConflictException;
import io.pocketto.ConflictHandler;
import io.pocketto.Database;
import io.pocketto.ModelStore;
import io.pocketto.Revision;
import io.pocketto.query.Page;
import io.pocketto.query.Slice;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handlers of {@code /api/invoices}. Every update and delete names the revision it is based on and
 * is written only if that is still the stored revision: the record is loaded at the current revision,
 * compared with the client's, and saved with Pocketto's conditional update, so a writer that slips in
 * between the load and the save still makes this save fail with a conflict.
 */
final class InvoiceApi {
  private static final Logger LOG = LoggerFactory.getLogger(InvoiceApi.class);
  private static final Set<String> DOCUMENT_KEYS = Set.of("id", "_rev");
  private static final Set<String> MERGE_KEYS = Set.of("_rev", "changes", "_before_update");
  /** How often a merge is redone when yet another writer saves while it is being written. */
  private static final int MERGE_ATTEMPTS = 5;

  private final Database db;
  private final ModelStore<SalesInvoice> invoices;
  private final ConflictHandler<SalesInvoice> mergeHandler;

  @SuppressWarnings("unchecked")
  InvoiceApi(Database db) {
    this.db = db;
    this.invoices = SalesInvoice.in(db);
    // FIELD_MERGE works on any model; it is declared for Object.
    this.mergeHandler = (ConflictHandler<SalesInvoice>) (ConflictHandler<?>) ConflictHandler.FIELD_MERGE;
  }

  /**
   * {@code GET /api/invoices}: one page of the invoices matching the filters, with the total count; or, with
   * {@code after}, one slice of them and the cursor of the next, counting nothing.
   */
  void list(Context ctx) {
    InvoiceSearch search = InvoiceSearch.parse(ctx.queryParamMap());
    ObjectNode body = InvoiceJson.MAPPER.createObjectNode();
    ArrayNode items = body.putArray("items");
    if (search.byCursor()) {
      Slice<SalesInvoice> slice = search.slice(invoices);
      slice.items().forEach(invoice -> items.add(InvoiceJson.toJson(invoice)));
      body.put("size", search.size());
      body.put("next", slice.nextCursor());
      ctx.json(body);
      return;
    }
    Page<SalesInvoice> page = search.run(invoices);
    page.items().forEach(invoice -> items.add(InvoiceJson.toJson(invoice)));
    body.put("total", page.total());
    body.put("page", page.number());
    body.put("size", page.size());
    body.put("totalPages", page.totalPages());
    ctx.json(body);
  }

  /** {@code GET /api/invoices/{id}}: the invoice with its {@code _rev}, which is also its ETag. */
  void get(Context ctx) {
    SalesInvoice invoice = require(ctx.pathParam("id"));
    ctx.header("ETag", InvoiceJson.etag(invoice)).json(InvoiceJson.toJson(invoice));
  }

  /** {@code POST /api/invoices}: creates an invoice; an id already in use is a 409 with the stored one. */
  void create(Context ctx) {
    ObjectNode body = RequestBody.object(ctx);
    if (body.has("_rev")) {
      throw ApiException.badRequest("_rev", "a new invoice has no revision yet; to change an existing invoice "
          + "send PUT or PATCH to /api/invoices/{id}");
    }
    Map<InvoiceField, Object> fields = InvoiceJson.readFields(body, Set.of("id"));
    requirePresent(fields, InvoiceField.NUMBER, InvoiceField.CUSTOMER);
    SalesInvoice invoice = new SalesInvoice();
    JsonNode id = body.get("id");
    if (id != null && !id.isNull()) {
      if (!id.isTextual()) {
        throw ApiException.badRequest("id", "field 'id' takes a string, not " + id);
      }
      try {
        invoice.setId(id.asText());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("id", "field 'id' is not a valid document id: " + e.getMessage());
      }
    }
    apply(invoice, fields);
    try {
      invoice.saveTo(db);
    } catch (ConflictException e) {
      conflict(ctx, 409, null, invoice.getId(), null, Set.of());
      return;
    }
    LOG.info("Created invoice {} ({}) at revision {}", invoice.getId(), invoice.getNumber(), invoice.meta().rev());
    ctx.status(201)
        .header("Location", "/api/invoices/" + PathSegment.encode(invoice.getId()))
        .header("ETag", InvoiceJson.etag(invoice))
        .json(InvoiceJson.toJson(invoice));
  }

  /** {@code PUT /api/invoices/{id}}: replaces every field; fields left out go back to their defaults. */
  void replace(Context ctx) {
    update(ctx, true);
  }

  /** {@code PATCH /api/invoices/{id}}: changes the fields the body names and keeps the others. */
  void patch(Context ctx) {
    update(ctx, false);
  }

  private void update(Context ctx, boolean replace) {
    String id = ctx.pathParam("id");
    ObjectNode body = RequestBody.object(ctx);
    JsonNode bodyId = body.get("id");
    if (bodyId != null && !(bodyId.isTextual() && bodyId.asText().equals(id))) {
      throw ApiException.badRequest("id", "the body's id " + bodyId + " differs from the URL's '" + id
          + "'; an invoice's id cannot change");
    }
    BaseRevision base = BaseRevision.of(ctx, body.get("_rev"), "_rev");
    Map<InvoiceField, Object> fields = InvoiceJson.readFields(body, DOCUMENT_KEYS);
    if (replace) {
      requirePresent(fields, InvoiceField.NUMBER, InvoiceField.CUSTOMER);
    }
    SalesInvoice invoice = require(id);
    requireBase(base, "updating", id);
    if (replace) {
      SalesInvoice defaults = new SalesInvoice();
      for (InvoiceField field : InvoiceField.values()) {
        field.set(invoice, field.get(defaults));
      }
    }
    apply(invoice, fields);
    try {
      // Written as a change from the client's base revision: if the stored revision is the one this very
      // request produces (sent again after its answer was lost), the request has already succeeded and is
      // answered 200 again (RFC 9110, 13.1.1); any other revision after the base is a conflict.
      invoices.retrySave(invoice, base.rev());
    } catch (ConflictException e) {
      conflict(ctx, base.staleStatus(), base.rev(), id, null, Set.of());
      return;
    }
    LOG.info("Updated invoice {} from revision {} to {}", id, base.rev(), invoice.meta().rev());
    ctx.header("ETag", InvoiceJson.etag(invoice)).json(InvoiceJson.toJson(invoice));
  }

  /** {@code DELETE /api/invoices/{id}}: writes a tombstone, if the revision given is still the stored one. */
  void delete(Context ctx) {
    String id = ctx.pathParam("id");
    for (String name : ctx.queryParamMap().keySet()) {
      if (!name.equals("rev")) {
        throw ApiException.badRequest(name, "unknown query parameter '" + name + "'; DELETE takes 'rev'");
      }
    }
    String rev = ctx.queryParam("rev");
    BaseRevision base = BaseRevision.of(ctx, rev == null ? null : TextNode.valueOf(rev), "rev");
    if (base != null && invoices.find(id).isEmpty()) {
      // Deleted already: by this very request, sent again after its answer was lost? Then it succeeded.
      String tombstone = invoices.tombstoneFrom(id, base.rev()).orElse(null);
      if (tombstone != null) {
        ctx.json(deleted(id, tombstone));
        return;
      }
    }
    SalesInvoice invoice = require(id);
    requireBase(base, "deleting", id);
    if (!base.rev().equals(invoice.meta().rev())) {
      conflict(ctx, base.staleStatus(), base.rev(), id, invoice, Set.of());
      return;
    }
    try {
      invoice.delete();
    } catch (ConflictException e) {
      conflict(ctx, base.staleStatus(), base.rev(), id, null, Set.of());
      return;
    }
    LOG.info("Deleted invoice {} at revision {}; tombstone {}", id, base.rev(), invoice.meta().rev());
    ctx.json(deleted(id, invoice.meta().rev()));
  }

  /** The answer to a delete: the id and the tombstone's revision. */
  private static ObjectNode deleted(String id, String tombstone) {
    ObjectNode body = InvoiceJson.MAPPER.createObjectNode();
    body.put("id", id);
    body.put("_rev", tombstone);
    body.put("_deleted", true);
    return body;
  }

  /**
   * {@code POST /api/invoices/{id}/merge}: saves a client's edit made at an older revision by merging it
   * field by field with what is stored ({@link ConflictHandler#FIELD_MERGE}). The body is
   * {@code {"_rev": base, "changes": {field: new value}, "_before_update": {field: value at base}}};
   * {@code _before_update} is what the client's edit started from, as in a record's {@code meta()}.
   * A field both sides changed to different values is a 409 naming it in {@code conflictingFields}.
   */
  void merge(Context ctx) {
    String id = ctx.pathParam("id");
    ObjectNode body = RequestBody.object(ctx);
    body.fieldNames().forEachRemaining(key -> {
      if (!MERGE_KEYS.contains(key)) {
        throw ApiException.badRequest(key, "unknown field '" + key + "'; a merge takes " + MERGE_KEYS);
      }
    });
    BaseRevision base = BaseRevision.of(ctx, body.get("_rev"), "_rev");
    Map<InvoiceField, Object> changes = InvoiceJson.readFields(object(body, "changes"), Set.of());
    Map<InvoiceField, Object> before = InvoiceJson.readFields(object(body, "_before_update"), Set.of());
    if (changes.isEmpty()) {
      throw ApiException.badRequest("changes", "'changes' names no field; there is nothing to merge");
    }
    if (changes.containsKey(InvoiceField.TOTAL) || before.containsKey(InvoiceField.TOTAL)) {
      throw ApiException.badRequest("total", "'total' is computed from the lines; leave it out of a merge");
    }
    for (InvoiceField field : InvoiceField.values()) {
      if (changes.containsKey(field) != before.containsKey(field)) {
        throw ApiException.badRequest("_before_update", "'_before_update' must hold the base value of exactly the "
            + "fields in 'changes'; '" + field.jsonName() + "' is only in "
            + (changes.containsKey(field) ? "'changes'" : "'_before_update'"));
      }
    }
    SalesInvoice stored = require(id);
    requireBase(base, "merging into", id);
    requireRevisionOf(base, stored);
    for (int attempt = 1; attempt <= MERGE_ATTEMPTS; attempt++) {
      SalesInvoice resolved;
      String storedRev = stored.meta().rev();
      if (base.rev().equals(storedRev)) {
        resolved = ClientEditConflict.copy(stored);
        changes.forEach((field, value) -> field.set(resolved, value));
      } else {
        ClientEditConflict input = new ClientEditConflict(invoices.collection(), id, base.rev(), storedRev, before,
            changes, stored);
        try {
          resolved = mergeHandler.resolve(input);
        } catch (ConflictException e) {
          LOG.info("Merge into invoice {} refused: both sides changed {}", id, e.conflictingFields());
          conflict(ctx, 409, base.rev(), id, stored, e.conflictingFields());
          return;
        }
      }
      for (InvoiceField field : InvoiceField.values()) {
        field.set(stored, field.get(resolved));
      }
      stored.recomputeTotal();
      try {
        stored.save();
        LOG.info("Merged an edit of invoice {} made at revision {} into {}; now {}", id, base.rev(), storedRev,
            stored.meta().rev());
        ctx.header("ETag", InvoiceJson.etag(stored)).json(InvoiceJson.toJson(stored));
        return;
      } catch (ConflictException e) {
        // Another writer saved between our read and our write: merge again with what it stored.
        stored = require(id);
      }
    }
    conflict(ctx, 409, base.rev(), id, null, Set.of());
  }

  private static ObjectNode object(ObjectNode body, String key) {
    JsonNode node = body.get(key);
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest(key, "'" + key + "' must be a JSON object of invoice fields, not "
          + (node == null ? "missing" : node.toString()));
    }
    return (ObjectNode) node;
  }

  /** The live invoice, or a 404. */
  private SalesInvoice require(String id) {
    return invoices.find(id).orElseThrow(() -> ApiException.notFound("no invoice with id '" + id + "'"));
  }

  private static void requireBase(BaseRevision base, String verb, String id) {
    if (base == null) {
      throw ApiException.revisionRequired(verb.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + verb.substring(1)
          + " invoice '" + id + "' needs the revision your copy is based on: send If-Match: \"<_rev>\" (the ETag "
          + "of GET), or \"_rev\" in the body (DELETE: ?rev=<_rev>)");
    }
  }

  /**
   * A merge trusts the client's {@code _before_update} as the values at its base revision, since the
   * server keeps no old revisions to compare. It refuses a base that cannot be a revision of this invoice,
   * because revisions of one document form one chain: nothing above the stored height exists yet, and at
   * the stored height only the stored revision does.
   */
  private static void requireRevisionOf(BaseRevision base, SalesInvoice stored) {
    Revision claimed = Revision.parse(base.rev());
    Revision current = Revision.parse(stored.meta().rev());
    if (claimed.height() > current.height() || claimed.height() == current.height() && !claimed.equals(current)) {
      String field = base.fromHeader() ? "If-Match" : "_rev";
      throw ApiException.badRequest(field, "revision " + claimed + " was never a revision of invoice '" + stored.getId()
          + "': it is at " + current + (claimed.height() > current.height()
              ? ", and a revision above its height does not exist yet"
              : ", the only revision at height " + current.height())
          + "; merge from the revision your copy was read at");
    }
  }

  private static void requirePresent(Map<InvoiceField, Object> fields, InvoiceField... required) {
    for (InvoiceField field : required) {
      if (!fields.containsKey(field)) {
        throw ApiException.badRequest(field.jsonName(), "field '" + field.jsonName() + "' is required");
      }
    }
  }

  /** Sets the given fields and recomputes the total; a total sent by the client must agree with the lines. */
  private static void apply(SalesInvoice invoice, Map<InvoiceField, Object> fields) {
    fields.forEach((field, value) -> {
      if (!field.derived()) {
        field.set(invoice, value);
      }
    });
    invoice.recomputeTotal();
    Object total = fields.get(InvoiceField.TOTAL);
    if (fields.containsKey(InvoiceField.TOTAL) && !InvoiceJson.same(total, invoice.getTotal())) {
      throw ApiException.badRequest("total", "field 'total' is " + total + " but the lines add up to "
          + invoice.getTotal() + "; the total is computed from the lines, so it may be left out");
    }
  }

  /**
   * Answers a stale write: the seed's conflict object ({@code name}, {@code message}, {@code status},
   * {@code error}, {@code reason}, {@code revision}) plus the stored invoice as {@code current}, so that
   * the client can merge without another request.
   */
  private void conflict(Context ctx, int status, String expectedRev, String id, SalesInvoice current,
      Set<String> conflictingFields) {
    SalesInvoice stored = current != null ? current : invoices.find(id).orElseThrow(() ->
        ApiException.notFound("invoice '" + id + "' was deleted while this request was being handled"));
    ConflictException conflict = new ConflictException(invoices.collection(), id, expectedRev, stored.meta().rev(),
        conflictingFields);
    ObjectNode body = conflict.toJsonNode();
    if (!conflictingFields.isEmpty()) {
      ArrayNode names = body.putArray("conflictingFields");
      conflictingFields.forEach(names::add);
    }
    body.set("current", InvoiceJson.toJson(stored));
    LOG.info("Conflict on invoice {}: the client's revision is {}, the stored one {}", id, expectedRev,
        stored.meta().rev());
    ctx.status(status).header("ETag", InvoiceJson.etag(stored)).json(body);
  }
}
