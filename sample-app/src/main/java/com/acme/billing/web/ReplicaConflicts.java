package com.acme.billing.web;

import com.acme.billing.SalesInvoice;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.pocketto.ConflictException;
import io.pocketto.ConflictHandler;
import io.pocketto.sync.Replication;
import io.pocketto.sync.ReplicationConflict;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's open replication conflicts over HTTP: the edit this replica made offline against the
 * server's newer revision. {@code GET /api/replica/conflicts/{id}} shows both sides and the state the
 * edit started from; {@code POST .../keep-mine}, {@code .../take-theirs} and {@code .../merge} resolve it
 * through {@link ReplicationConflict#resolve}, which stores the resolution as a child of the server's
 * revision; the next sync pushes it. A resolution may name the server revision its author saw,
 * {@code If-Match: "<error.revision>"}; once a sync has brought a newer one, it is refused with 412 and the
 * conflict as it is now, so nobody overwrites a server change they never saw.
 */
final class ReplicaConflicts {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaConflicts.class);
  private static final Set<String> MERGE_KEYS = Set.of("choices");

  private final Replication replication;
  private final Function<Replication, Map<String, Object>> status;
  private final ConflictHandler<SalesInvoice> fieldMerge;

  /** {@code status} renders the replica's state, which every resolution answers with. */
  @SuppressWarnings("unchecked")
  ReplicaConflicts(Replication replication, Function<Replication, Map<String, Object>> status) {
    this.replication = replication;
    this.status = status;
    // FIELD_MERGE works on any model; it is declared for Object.
    this.fieldMerge = (ConflictHandler<SalesInvoice>) (ConflictHandler<?>) ConflictHandler.FIELD_MERGE;
  }

  /** {@code GET /api/replica/conflicts/{id}}: the conflict with the local, server and starting states. */
  void show(Context ctx) {
    ctx.json(toJson(require(ctx.pathParam("id"))));
  }

  /** {@code POST .../keep-mine}: this replica's version of every field, on top of the server's revision. */
  void keepMine(Context ctx) {
    ReplicationConflict<SalesInvoice> conflict = current(ctx);
    if (conflict == null) {
      return;
    }
    resolve(ctx, conflict, local(conflict), "kept this replica's version");
  }

  /** {@code POST .../take-theirs}: the server's version; this replica's edit is dropped. */
  void takeTheirs(Context ctx) {
    ReplicationConflict<SalesInvoice> conflict = current(ctx);
    if (conflict == null) {
      return;
    }
    resolve(ctx, conflict, conflict.master(), "took the server's version");
  }

  /**
   * {@code POST .../merge}: the fields this replica changed on top of the server's version, as
   * {@link ConflictHandler#FIELD_MERGE} does. A field both sides changed to different values needs a
   * choice, {@code {"choices": {"number": "mine"}}} ({@code "mine"} or {@code "theirs"}); without one the
   * answer is a 409 naming it in {@code conflictingFields}, and the conflict stays open. As with
   * {@code FIELD_MERGE} in a replication, the merge is live: an edit wins over a delete made on the other side.
   */
  void merge(Context ctx) {
    Map<InvoiceField, Boolean> keepMine = choices(ctx);
    ReplicationConflict<SalesInvoice> conflict = current(ctx);
    if (conflict == null) {
      return;
    }
    SalesInvoice local = local(conflict);
    SalesInvoice master = conflict.master();
    SalesInvoice origin = conflict.assumedMaster() != null ? conflict.assumedMaster() : new SalesInvoice();
    Map<InvoiceField, Object> before = new EnumMap<>(InvoiceField.class);
    Map<InvoiceField, Object> changes = new EnumMap<>(InvoiceField.class);
    for (InvoiceField field : InvoiceField.values()) {
      Boolean mine = keepMine.get(field);
      if (field.derived() || Boolean.FALSE.equals(mine)) {
        continue;
      }
      if (Boolean.TRUE.equals(mine)) {
        // Chosen: as if only this replica had changed it, so the merge keeps its value.
        before.put(field, field.get(master));
        changes.put(field, field.get(local));
      } else if (!InvoiceJson.same(field.get(local), field.get(origin))) {
        before.put(field, field.get(origin));
        changes.put(field, field.get(local));
      }
    }
    SalesInvoice resolved;
    try {
      resolved = fieldMerge.resolve(new ClientEditConflict(conflict.error().collection(), conflict.id(),
          conflict.error().expectedRevision(), master.meta().rev(), before, changes, master));
    } catch (ConflictException e) {
      ObjectNode body = conflict.error().toJsonNode();
      body.put("message", "both sides changed " + String.join(", ", e.conflictingFields())
          + "; choose a side for each: {\"choices\": {\"<field>\": \"mine\" or \"theirs\"}}");
      ArrayNode names = body.putArray("conflictingFields");
      e.conflictingFields().forEach(names::add);
      body.set("conflict", toJson(conflict));
      ctx.status(409).json(body);
      return;
    }
    resolved.recomputeTotal();
    resolve(ctx, conflict, resolved, "merged");
  }

  /** The {@code choices} of a merge body, field by field: true for mine, false for theirs. */
  private static Map<InvoiceField, Boolean> choices(Context ctx) {
    Map<InvoiceField, Boolean> keepMine = new EnumMap<>(InvoiceField.class);
    if (ctx.bodyAsBytes().length == 0) {
      return keepMine;
    }
    ObjectNode body = RequestBody.object(ctx);
    body.fieldNames().forEachRemaining(key -> {
      if (!MERGE_KEYS.contains(key)) {
        throw ApiException.badRequest(key, "unknown field '" + key + "'; a merge takes " + MERGE_KEYS);
      }
    });
    JsonNode choices = body.get("choices");
    if (choices == null || choices.isNull()) {
      return keepMine;
    }
    if (!choices.isObject()) {
      throw ApiException.badRequest("choices", "'choices' must be an object of field names to \"mine\" or "
          + "\"theirs\", not " + choices);
    }
    choices.fields().forEachRemaining(entry -> {
      String path = "choices." + entry.getKey();
      InvoiceField field = InvoiceField.byName(entry.getKey()).orElseThrow(() -> ApiException.badRequest(path,
          "unknown field '" + entry.getKey() + "'; an invoice has " + InvoiceField.names()));
      if (field.derived()) {
        throw ApiException.badRequest(path, "'" + field.jsonName() + "' is computed from the lines; leave it out");
      }
      String side = entry.getValue().isTextual() ? entry.getValue().asText() : null;
      if (!"mine".equals(side) && !"theirs".equals(side)) {
        throw ApiException.badRequest(path, "field '" + path + "' takes \"mine\" or \"theirs\", not " + entry.getValue());
      }
      keepMine.put(field, side.equals("mine"));
    });
    return keepMine;
  }

  private void resolve(Context ctx, ReplicationConflict<SalesInvoice> conflict, SalesInvoice resolution, String how) {
    SalesInvoice stored;
    try {
      stored = conflict.resolve(resolution);
    } catch (IllegalStateException e) {
      // Resolved by another request since it was listed.
      throw ApiException.notFound("no open replication conflict on invoice '" + conflict.id() + "'");
    } catch (ConflictException e) {
      // Saved on this replica, or a newer server revision pulled, since the conflict was read above.
      ReplicationConflict<SalesInvoice> now = find(conflict.id());
      ObjectNode body = e.toJsonNode();
      body.put("message", "invoice '" + conflict.id() + "' changed while the conflict was being resolved; "
          + "look at it again and resolve once more");
      body.set("conflict", now == null ? null : toJson(now));
      ctx.status(409).json(body);
      return;
    }
    LOG.info("Replication conflict on invoice {}: {} on top of the server's {}; now {}", conflict.id(), how,
        conflict.master().meta().rev(), stored.meta().rev());
    Map<String, Object> body = new LinkedHashMap<>(status.apply(replication));
    body.put("resolved", invoice(stored));
    ctx.json(body);
  }

  /** This replica's side of the conflict; gone only if the local row itself was removed, which leaves theirs. */
  private static SalesInvoice local(ReplicationConflict<SalesInvoice> conflict) {
    if (conflict.local() == null) {
      throw ApiException.of(409, "conflict", "invoice '" + conflict.id() + "' is no longer stored on this replica; "
          + "take theirs instead");
    }
    return conflict.local();
  }

  private ReplicationConflict<SalesInvoice> require(String id) {
    ReplicationConflict<SalesInvoice> conflict = find(id);
    if (conflict == null) {
      throw ApiException.notFound("no open replication conflict on invoice '" + id + "'");
    }
    return conflict;
  }

  private ReplicationConflict<SalesInvoice> find(String id) {
    return replication.conflicts(SalesInvoice.class).stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
  }

  /**
   * The open conflict a resolution is about; {@code null} after answering 412 when its {@code If-Match}
   * names a server revision the conflict no longer shows.
   */
  private ReplicationConflict<SalesInvoice> current(Context ctx) {
    BaseRevision seen = BaseRevision.of(ctx, null, "If-Match");
    ReplicationConflict<SalesInvoice> conflict = require(ctx.pathParam("id"));
    if (seen == null || seen.rev().equals(conflict.error().revision())) {
      return conflict;
    }
    ObjectNode body = conflict.error().toJsonNode();
    body.put("message", "the server's revision of invoice '" + conflict.id() + "' is now " + conflict.error().revision()
        + ", not " + seen.rev() + " as If-Match says; look at the conflict again");
    body.put("status", 412);
    body.set("conflict", toJson(conflict));
    ctx.status(412).json(body);
    return null;
  }

  private static ObjectNode toJson(ReplicationConflict<SalesInvoice> conflict) {
    ObjectNode node = InvoiceJson.MAPPER.createObjectNode();
    node.put("id", conflict.id());
    node.set("error", conflict.error().toJsonNode());
    ArrayNode names = node.putArray("conflictingFields");
    conflict.error().conflictingFields().forEach(names::add);
    node.set("local", conflict.local() == null ? null : invoice(conflict.local()));
    node.set("master", invoice(conflict.master()));
    node.set("assumedMaster", conflict.assumedMaster() == null ? null : invoice(conflict.assumedMaster()));
    return node;
  }

  private static ObjectNode invoice(SalesInvoice invoice) {
    return InvoiceJson.toJson(invoice);
  }
}
