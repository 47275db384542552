package com.acme.billing.web;

import com.acme.billing.SalesInvoice;
import io.javalin.config.JavalinConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.pocketto.Database;
import io.pocketto.sync.Replication;
import io.pocketto.sync.SyncProtocolException;
import io.pocketto.sync.SyncServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replication over HTTP: every server answers {@code POST /api/sync/{collection}/pull} and {@code .../push}
 * for its invoices (docs/SYNC.md has the messages); a replica (started with {@code --replicate-from})
 * also shows where its replication stands and lets a person pause it, as if offline.
 */
final class SyncRoutes {
  private SyncRoutes() {}

  /**
   * Mounts pull and push of {@code db}'s invoices. With {@code users}, every sync request must carry a
   * token from {@code POST /api/sign-in} (mounted here too), and each user syncs the invoices of its own
   * customers only; without, anyone syncs everything.
   */
  static void mount(JavalinConfig config, Database db, SyncUsers users) {
    SyncServer.Builder builder = SyncServer.builder(db).maxBodyBytes(InvoiceServer.MAX_BODY_BYTES);
    if (users == null) {
      builder.model(SalesInvoice.class);
    } else {
      builder.authenticator(users.authenticator())
          .model(SalesInvoice.class, rules -> rules.scope(p -> SalesInvoice.CUSTOMER.in(p.texts("customers"))));
      config.routes.post("/api/sign-in", ctx -> {
        JsonNode body;
        try {
          body = InvoiceJson.MAPPER.readTree(ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw ApiException.badRequest(null, "sign in with {\"user\": \"...\", \"password\": \"...\"}");
        }
        String token = users.signIn(body.path("user").asText(null), body.path("password").asText(null));
        if (token == null) {
          throw ApiException.of(401, "unauthorized", "unknown user or wrong password");
        }
        ctx.json(Map.of("token", token));
      });
    }
    SyncServer server = builder.build();
    config.routes.post("/api/sync/{collection}/pull", ctx -> answer(ctx, () -> server.pull(ctx.pathParam("collection"), ctx::header, ctx.body())));
    config.routes.post("/api/sync/{collection}/push", ctx -> answer(ctx, () -> server.push(ctx.pathParam("collection"), ctx::header, ctx.body())));
  }

  /**
   * Mounts a replica's own routes: {@code GET /api/replica} (online, paused, pending changes, last sync,
   * open conflicts), {@code POST /api/replica/pause} and {@code /resume}, and each open conflict's
   * {@code GET /api/replica/conflicts/{id}} and {@code POST .../keep-mine}, {@code .../take-theirs} and
   * {@code .../merge} ({@link ReplicaConflicts}).
   */
  static void mountReplica(JavalinConfig config, Replication replication, String signedInAs) {
    config.routes.get("/api/replica", ctx -> {
      Map<String, Object> status = status(replication);
      status.put("signedInAs", signedInAs);
      ctx.json(status);
    });
    config.routes.post("/api/replica/pause", ctx -> {
      replication.pause();
      ctx.json(status(replication));
    });
    config.routes.post("/api/replica/resume", ctx -> {
      replication.resume();
      ctx.json(status(replication));
    });
    ReplicaConflicts conflicts = new ReplicaConflicts(replication, SyncRoutes::status);
    config.routes.get("/api/replica/conflicts/{id}", conflicts::show);
    config.routes.post("/api/replica/conflicts/{id}/keep-mine", conflicts::keepMine);
    config.routes.post("/api/replica/conflicts/{id}/take-theirs", conflicts::takeTheirs);
    config.routes.post("/api/replica/conflicts/{id}/merge", conflicts::merge);
  }

  private static Map<String, Object> status(Replication replication) {
    Replication.Status s = replication.status();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("online", s.online());
    out.put("paused", s.paused());
    out.put("pendingChanges", s.pendingChanges());
    out.put("lastSync", s.lastSync() == null ? null : s.lastSync().toString());
    out.put("lastError", s.lastError());
    out.put("signInNeeded", s.signInNeeded());
    out.put("refusals", replication.refusals().stream()
        .map(r -> Map.of("id", r.id(), "status", r.status(), "reason", r.reason())).toList());
    List<Map<String, Object>> conflicts = replication.conflicts(SalesInvoice.class).stream().map(c -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("id", c.id());
      one.put("error", c.error().toJsonNode());
      one.put("localNumber", c.local() == null ? null : c.local().getNumber());
      one.put("localRevision", c.local() == null ? null : c.local().meta().rev());
      one.put("masterNumber", c.master().getNumber());
      one.put("masterRevision", c.master().meta().rev());
      return one;
    }).toList();
    out.put("conflicts", conflicts);
    return out;
  }

  private static void answer(Context ctx, java.util.function.Supplier<String> work) {
    try {
      ctx.contentType("application/json").result(work.get());
    } catch (SyncProtocolException e) {
      String name = switch (e.status()) {
        case 401 -> "unauthorized";
        case 403 -> "forbidden";
        case 404 -> "not_found";
        case 413 -> "payload_too_large";
        default -> "bad_request";
      };
      throw ApiException.of(e.status(), name, e.getMessage());
    }
  }
}
