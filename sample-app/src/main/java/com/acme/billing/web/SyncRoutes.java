package com.acme.billing.web;

import com.acme.billing.SalesInvoice;
import io.javalin.config.JavalinConfig;
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

  /** Mounts pull and push of {@code db}'s invoices. */
  static void mount(JavalinConfig config, Database db) {
    SyncServer server = SyncServer.of(db, SalesInvoice.class);
    config.routes.post("/api/sync/{collection}/pull", ctx -> answer(ctx, () -> server.pull(ctx.pathParam("collection"), ctx.body())));
    config.routes.post("/api/sync/{collection}/push", ctx -> answer(ctx, () -> server.push(ctx.pathParam("collection"), ctx.body())));
  }

  /**
   * Mounts a replica's own routes: {@code GET /api/replica} (online, paused, pending changes, last sync,
   * open conflicts), {@code POST /api/replica/pause} and {@code /resume}, and each open conflict's
   * {@code GET /api/replica/conflicts/{id}} and {@code POST .../keep-mine}, {@code .../take-theirs} and
   * {@code .../merge} ({@link ReplicaConflicts}).
   */
  static void mountReplica(JavalinConfig config, Replication replication) {
    config.routes.get("/api/replica", ctx -> ctx.json(status(replication)));
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
      throw ApiException.of(e.status(), e.status() == 404 ? "not_found" : "bad_request", e.getMessage());
    }
  }
}
