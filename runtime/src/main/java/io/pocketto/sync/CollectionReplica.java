package io.pocketto.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pocketto.ActiveRecord;
import io.pocketto.Change;
import io.pocketto.ChangeBatch;
import io.pocketto.Checkpoint;
import io.pocketto.ConflictException;
import io.pocketto.ConflictHandler;
import io.pocketto.ConflictInput;
import io.pocketto.ModelStore;
import io.pocketto.internal.ApiAccess;
import io.pocketto.internal.DocumentTable;
import io.pocketto.internal.DocumentTable.RevisionRow;
import io.pocketto.internal.DocumentTable.RevisionWrite;
import io.pocketto.internal.Engine;
import io.pocketto.internal.EngineStore;
import io.pocketto.internal.ModelBinding;
import io.pocketto.internal.ReplicaCodec;
import io.pocketto.internal.SqlFragment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One collection of a client database, replicated: the push of its local changes and the pull of the
 * master's. See {@code docs/SYNC.md} for the protocol and the rules this class follows.
 */
final class CollectionReplica<T extends ActiveRecord<T>> {
  /**
   * Asks for the next pull batch while the current one is written. Daemon threads, let go of when idle,
   * so no replication has to close them; a pull asked for ahead is never interrupted.
   */
  private static final ExecutorService AHEAD = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "pocketto-pull-ahead");
    t.setDaemon(true);
    return t;
  });

  /** The reason given for a change kept locally because its document left this replica's scope. */
  static final String LEFT_SCOPE = "the document left your sync scope on the server; this change was not pushed";

  /** Push rounds in one sync at most: each round pushes one batch, or what a handler resolved. */
  private static final int MAX_PUSH_ROUNDS = 10_000;

  private final ModelStore<T> store;
  private final DocumentTable<T> table;
  private final Engine engine;
  private final ReplicaCodec<T> codec;
  private final ConflictHandler<? super T> handler;
  private final ReplicaState state;
  private final Remote remote;
  private final String clientId;
  private final int batchSize;
  private final String collection;
  /** The rows of the collection's table with a change to push ({@link ReplicaState#pushable}). */
  private final SqlFragment pushable;
  /** Whether the current pull still moves the push checkpoint along ({@link #passPulledOver}). */
  private boolean passingPushedOver;
  /** Documents removed by the pulls of the current sync (only the syncing thread touches it). */
  private int removed;
  private int removedCount;

  CollectionReplica(ModelStore<T> store, ConflictHandler<? super T> handler, ReplicaState state, Remote remote,
      String clientId, int batchSize) {
    this.store = store;
    this.table = ApiAccess.table(store);
    this.engine = table.engine();
    this.codec = new ReplicaCodec<>(table.binding());
    this.handler = handler != null ? handler : table.conflictHandler();
    this.state = state;
    this.remote = remote;
    this.clientId = clientId;
    this.batchSize = batchSize;
    this.collection = store.collection();
    this.pushable = state.pushable(collection, table.quotedTable());
  }

  String collection() {
    return collection;
  }

  ModelBinding<T> binding() {
    return table.binding();
  }

  /**
   * Pushes every local change the master does not have yet, batch by batch, and handles the conflicts
   * that come back; a handler's resolution is pushed in a later round of the same call.
   *
   * @return how many rows the master accepted
   */
  int push() {
    int pushed = 0;
    for (int round = 0; round < MAX_PUSH_ROUNDS; round++) {
      String saved = state.setting(pushKey());
      Checkpoint from = saved == null ? Checkpoint.START : Checkpoint.parse(saved);
      // After a pull, the feed is mostly pulled documents the master has already: the database passes
      // them by in the feed's own statement (a join on the index of the assumed master revisions), and
      // the checkpoint moves past them.
      ChangeBatch<Object[]> batch = EngineStore.of(store).storedChanges(from, batchSize, pushable);
      Map<String, ReplicaState.Known> known = known(batch);
      List<PushRow> rows = new ArrayList<>();
      for (Change<Object[]> change : batch.changes()) {
        ReplicaState.Known doc = known.get(change.id());
        rows.add(new PushRow(change.id(), doc == null ? null : doc.masterRev(), change.revision(),
            codec.encode(change.id(), change.revision(), change.deleted(), change.document())));
      }
      if (rows.isEmpty()) {
        if (!batch.checkpoint().equals(from)) {
          state.setSetting(pushKey(), batch.checkpoint().toString());
        }
        if (!batch.hasMore()) {
          return pushed;
        }
        continue;
      }
      Set<String> knownIds = known.keySet();
      ChangeBatch<Object[]> pushedBatch = batch;
      ObjectNode answer = remote.push(collection, pushRequest(rows));
      Map<String, JsonNode> conflicts = byId(answer, "conflicts", true);
      Map<String, JsonNode> refusals = byId(answer, "refused", false);
      int[] accepted = {0};
      boolean[] resolved = {false};
      boolean[] locked = {false};
      engine.bundle(tx -> {
        accepted[0] = 0;
        resolved[0] = false;
        locked[0] = false;
        List<ReplicaState.MasterState> masters = new ArrayList<>(rows.size());
        for (PushRow row : rows) {
          JsonNode conflict = conflicts.get(row.id);
          JsonNode refusal = refusals.get(row.id);
          if (refusal != null) {
            int status = refusal.path("status").asInt(403);
            if (status == 423) {
              locked[0] = true; // locked on the server for now: the checkpoint stays, the next sync offers it again
            } else {
              state.putRefusal(collection, row.id, row.rev, status, refusal.path("reason").asText("refused"));
            }
          } else if (conflict == null) {
            masters.add(new ReplicaState.MasterState(row.id, row.rev, row.doc.get(ReplicaCodec.DELETED).booleanValue(),
                row.doc.toString(), knownIds.contains(row.id)));
            accepted[0]++;
          } else {
            resolved[0] |= meet(row, conflict);
          }
        }
        state.putMasters(collection, masters);
        if (!locked[0]) {
          state.setSetting(pushKey(), pushedBatch.checkpoint().toString());
        }
      });
      pushed += accepted[0];
      if (locked[0] || (!pushedBatch.hasMore() && !resolved[0])) {
        return pushed;
      }
    }
    throw new IllegalStateException("pushing " + collection + " did not finish in " + MAX_PUSH_ROUNDS
        + " rounds: does a conflict handler keep resolving to states that conflict again?");
  }

  private Map<String, ReplicaState.Known> known(ChangeBatch<Object[]> batch) {
    return state.known(collection, batch.changes().stream().map(Change::id).toList());
  }

  /**
   * Pulls the master's changes after the saved checkpoint until caught up. Each batch's documents, their
   * assumed master states and the next checkpoint commit in one local transaction. A document with a
   * local change not pushed yet is left alone: the next push meets the master's state as a conflict.
   *
   * @return how many documents were written locally
   */
  int pull() {
    int pulled = 0;
    passingPushedOver = true;
    ObjectNode answer = remote.pull(collection, pullRequest(state.setting(pullKey())));
    while (true) {
      JsonNode documents = answer.get("documents");
      if (documents == null || !documents.isArray()) {
        throw new SyncProtocolException(400, "the pull answer of " + collection + " has no 'documents' array");
      }
      String next = WireJson.text(answer, "checkpoint", "the pull answer of " + collection);
      JsonNode hasMore = answer.get("hasMore");
      boolean more = hasMore != null && hasMore.asBoolean() && !documents.isEmpty() && next != null;
      List<String> removedIds = new ArrayList<>();
      JsonNode removedNode = answer.get("removed");
      if (removedNode != null && removedNode.isArray()) {
        removedNode.forEach(id -> removedIds.add(id.asText()));
      }
      // The next batch is asked for while this one is written: its request needs only this answer's
      // checkpoint. If this batch does not commit, that answer is dropped and the checkpoint saved stays.
      Future<ObjectNode> ahead = more ? AHEAD.submit(() -> remote.pull(collection, pullRequest(next))) : null;
      try {
        pulled += apply(documents, removedIds, next);
      } catch (RuntimeException | Error e) {
        if (ahead != null) {
          ahead.cancel(false); // never an interrupt: it may be in the middle of H2's work (Remote.direct)
        }
        throw e;
      }
      removed += removedCount;
      if (!more) {
        if (passingPushedOver) {
          engine.bundle(tx -> passPulledOver());
        }
        return pulled;
      }
      answer = answerOf(ahead);
    }
  }

  private ObjectNode pullRequest(String checkpoint) {
    ObjectNode request = WireJson.newObject();
    request.put("clientId", clientId);
    request.put("checkpoint", checkpoint);
    request.put("limit", batchSize);
    return request;
  }

  /** The answer of a pull asked for ahead, or what it threw. */
  private static ObjectNode answerOf(Future<ObjectNode> ahead) {
    try {
      return ahead.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteUnavailableException("waiting for a pull answer was interrupted", e);
    }
  }

  /**
   * Writes one pulled batch in one local transaction: the documents, their assumed master states, the
   * removal of those that left this replica's scope, and the next checkpoint. Returns how many documents
   * were written; how many were removed is left in {@code removedCount}.
   */
  private int apply(JsonNode documents, List<String> removedIds, String next) {
    int[] count = {0};
    List<String> ids = new ArrayList<>(documents.size() + removedIds.size());
    documents.forEach(doc -> ids.add(doc.path(ReplicaCodec.ID).asText()));
    ids.addAll(removedIds);
    engine.bundle(tx -> {
      count[0] = 0;
      removedCount = 0;
      if (passingPushedOver) {
        passingPushedOver = passPulledOver(); // the batch before, while its rows are in H2's page cache
      }
      // Read in the transaction, so that what is decided from them is what commits.
      Map<String, ReplicaState.Known> known = state.known(collection, ids);
      Map<String, String> local = state.revisions(table.quotedTable(), ids);
      List<ReplicaState.MasterState> masters = new ArrayList<>(documents.size());
      List<RevisionRow> writes = new ArrayList<>();
      List<ReplicaState.MasterState> written = new ArrayList<>();
      for (JsonNode doc : documents) {
        applyPulled(doc, known, local, masters, writes, written);
      }
      // One JDBC batch for the documents to write, each still on condition of the local revision read.
      List<RevisionWrite> outcomes = table.writeRevisions(writes);
      for (int i = 0; i < outcomes.size(); i++) {
        if (outcomes.get(i) != RevisionWrite.CONFLICT) { // a conflict: saved locally just now, pushed next
          masters.add(written.get(i));
          count[0]++;
        }
      }
      state.putMasters(collection, masters);
      for (String id : removedIds) {
        removedCount += remove(id, known.get(id), local.get(id)) ? 1 : 0;
      }
      if (next != null) {
        state.setSetting(pullKey(), next);
      }
    });
    return count[0];
  }

  /**
   * Moves the push checkpoint to the feed's end when nothing after it has to be pushed, as a push with
   * nothing to push would: run between pulled batches, it passes over each batch's rows once, while they
   * are still in H2's page cache, instead of leaving the next push to read every pulled row again. It
   * reads what a push reads (never past a write that may still commit), so it can only move the
   * checkpoint where a push would. Whether it did; once it did not (a local change waits), the rest of
   * this pull does not try again, since each try would read from the same place.
   */
  private boolean passPulledOver() {
    String saved = state.setting(pushKey());
    Checkpoint from = saved == null ? Checkpoint.START : Checkpoint.parse(saved);
    ChangeBatch<Object[]> batch = EngineStore.of(store).storedChanges(from, 1, pushable);
    if (!batch.changes().isEmpty()) {
      return false;
    }
    if (!batch.checkpoint().equals(from)) {
      state.setSetting(pushKey(), batch.checkpoint().toString());
    }
    return true;
  }

  /**
   * Takes away a document that left this replica's scope on the server: the row goes outright (no
   * tombstone, nothing to push), unless it holds a change not pushed yet, which stays and is reported as
   * refused. Whether the row went.
   */
  private boolean remove(String id, ReplicaState.Known known, String local) {
    if (local == null) {
      state.forget(collection, id);
      return false;
    }
    boolean pending = known == null || !local.equals(known.masterRev()) || known.conflictRev() != null;
    if (pending) {
      state.putRefusal(collection, id, local, 403, LEFT_SCOPE);
      return false;
    }
    if (!table.purge(id, local)) {
      return false; // saved locally just now: that change meets the server at the next push
    }
    state.forget(collection, id);
    return true;
  }

  /**
   * Decides what to do with one pulled document: record the master state only, move an open conflict on,
   * leave it (a local change not pushed yet), or write it locally if that loses nothing; a write goes to
   * {@code writes}, with the master state to record if it succeeds at the same index of {@code ifWritten}.
   */
  private void applyPulled(JsonNode doc, Map<String, ReplicaState.Known> knownById, Map<String, String> localById,
      List<ReplicaState.MasterState> masters, List<RevisionRow> writes, List<ReplicaState.MasterState> ifWritten) {
    String id = WireJson.text(doc, ReplicaCodec.ID, "a pulled document");
    String rev = WireJson.text(doc, ReplicaCodec.REV, "pulled document " + id);
    boolean deleted = doc.path(ReplicaCodec.DELETED).asBoolean(false);
    if (id == null || rev == null) {
      throw new SyncProtocolException(400, "a pulled document of " + collection + " lacks its id or _rev: " + doc);
    }
    ReplicaState.Known known = knownById.get(id);
    String local = localById.get(id);
    if (known != null && known.conflictRev() != null && !rev.equals(local)) {
      state.putConflict(collection, id, rev, deleted, doc.toString()); // the conflict now shows the newest master
      return;
    }
    if (rev.equals(local)) {
      if (known == null || known.conflictRev() != null || !rev.equals(known.masterRev())) {
        masters.add(new ReplicaState.MasterState(id, rev, deleted, doc.toString(), known != null));
      }
      return; // else recorded already: this client's own push coming back
    }
    String assumed = known == null ? null : known.masterRev();
    if (local != null && !local.equals(assumed)) {
      return; // a local change not pushed yet: the push meets this state as a conflict
    }
    writes.add(new RevisionRow(id, local, rev, deleted, decode(doc, id)));
    ifWritten.add(new ReplicaState.MasterState(id, rev, deleted, doc.toString(), known != null));
  }

  /**
   * Handles a conflict a push met: adopts the master's state when it has the same content, resolves with
   * the handler when there is one, else opens the conflict. Runs inside the push's local transaction.
   *
   * @return whether a resolution was written locally, to be pushed
   */
  private boolean meet(PushRow row, JsonNode conflict) {
    JsonNode masterDoc = conflict.get("master");
    String masterRev = WireJson.text(conflict.path("error"), "revision", "a push conflict of " + collection);
    if (masterDoc == null || masterDoc.isNull() || masterRev == null) {
      throw new SyncProtocolException(400, "a push conflict of " + collection + "/" + row.id + " lacks the master's document");
    }
    String local = table.currentRevision(row.id);
    if (!row.rev.equals(local)) {
      return false; // changed locally meanwhile: that newer change meets the master at the next push
    }
    boolean masterDeleted = masterDoc.path(ReplicaCodec.DELETED).asBoolean(false);
    boolean mineDeleted = row.doc.path(ReplicaCodec.DELETED).asBoolean(false);
    Object[] real = decode(masterDoc, row.id);
    Object[] mine = decode(row.doc, row.id);
    if (masterDeleted == mineDeleted && codec.same(mine, real)) {
      adoptMaster(row.id, local, masterRev, masterDeleted, real, masterDoc);
      return false;
    }
    if (handler == null) {
      state.putConflict(collection, row.id, masterRev, masterDeleted, masterDoc.toString());
      return false;
    }
    ReplicaState.DocState known = state.doc(collection, row.id);
    Object[] assumed = known == null || known.masterBody() == null ? codec.initialValues()
        : decode(WireJson.object(known.masterBody()), row.id);
    T resolved;
    try {
      resolved = resolve(handler, codec.conflictInput(row.id, row.assumed, masterRev, assumed, mine, real));
    } catch (ConflictException trueConflict) {
      state.putConflict(collection, row.id, masterRev, masterDeleted, masterDoc.toString());
      return false;
    }
    Object[] values = codec.values(resolved);
    // Which deleted flag the resolution carries: the master's if it kept the master's fields, this
    // client's if it kept this client's, else live (an edit wins over a delete).
    boolean keepsMaster = codec.same(values, real);
    boolean resolvedDeleted = keepsMaster ? masterDeleted : codec.same(values, mine) ? mineDeleted : false;
    if (keepsMaster && resolvedDeleted == masterDeleted) {
      adoptMaster(row.id, local, masterRev, masterDeleted, real, masterDoc);
      return false;
    }
    String rev = codec.revisionOf(masterRev, resolvedDeleted, values);
    if (!table.writeRevision(row.id, local, rev, resolvedDeleted, values).stored()) {
      return false;
    }
    state.putMaster(collection, row.id, masterRev, masterDeleted, masterDoc.toString());
    return true;
  }

  @SuppressWarnings("unchecked")
  private T resolve(ConflictHandler<? super T> h, ConflictInput<T> input) {
    T resolved = ((ConflictHandler<T>) h).resolve(input);
    if (resolved == null) {
      throw new IllegalStateException("conflict handler " + h.name() + " returned null for " + collection + "/" + input.id());
    }
    return resolved;
  }

  /** Makes the master's state the local one (the same content, or what a handler chose). */
  private void adoptMaster(String id, String local, String masterRev, boolean masterDeleted, Object[] real, JsonNode masterDoc) {
    if (!masterRev.equals(local) && !table.writeRevision(id, local, masterRev, masterDeleted, real).stored()) {
      return;
    }
    state.putMaster(collection, id, masterRev, masterDeleted, masterDoc.toString());
  }

  /** The open conflicts of this collection. */
  List<ReplicationConflict<T>> conflicts(Replication replication) {
    List<ReplicationConflict<T>> out = new ArrayList<>();
    for (ReplicaState.DocState doc : state.conflicts(collection)) {
      out.add(conflict(replication, doc));
    }
    return out;
  }

  private ReplicationConflict<T> conflict(Replication replication, ReplicaState.DocState doc) {
    Object[] real = decode(WireJson.object(doc.conflictBody()), doc.id());
    T master = codec.detached(doc.id(), doc.conflictRev(), doc.conflictDeleted(), real);
    Object[] assumed = doc.masterBody() == null ? codec.initialValues() : decode(WireJson.object(doc.masterBody()), doc.id());
    T local = table.findIncludingDeleted(doc.id()).orElse(null);
    Object[] mine = local == null ? codec.initialValues() : codec.values(local);
    ConflictException error = new ConflictException(collection, doc.id(), doc.masterRev(), doc.conflictRev(),
        codec.conflictInput(doc.id(), doc.masterRev(), doc.conflictRev(), assumed, mine, real).conflictingFields());
    T assumedMaster = doc.masterBody() == null ? null : codec.detached(doc.id(), doc.masterRev(), doc.masterDeleted(), assumed);
    return new ReplicationConflict<>(replication, table.binding().type(), doc.id(), error, local, master, assumedMaster);
  }

  /**
   * Stores {@code resolved} locally as a child of the conflict's master revision and closes the conflict;
   * the next push sends it. A resolution equal to the master's state simply adopts it. {@code listedMaster}
   * and {@code listedLocal} are the revisions the conflict was listed with: a resolution made against
   * them is refused once either has moved on, rather than overwrite a change its author never saw.
   */
  T resolve(String id, String listedMaster, String listedLocal, T resolved) {
    Objects.requireNonNull(resolved, "the resolution must not be null");
    engine.bundle(tx -> {
      ReplicaState.DocState doc = state.doc(collection, id);
      if (doc == null || doc.conflictRev() == null) {
        throw new IllegalStateException("the replication conflict on " + collection + "/" + id + " is no longer open");
      }
      if (!doc.conflictRev().equals(listedMaster)) {
        // A pull brought a newer master state since the conflict was listed.
        throw new ConflictException(collection, id, listedMaster, doc.conflictRev());
      }
      // The writes below are conditional on it: a local save since the listing makes them a conflict.
      String local = listedLocal;
      Object[] real = decode(WireJson.object(doc.conflictBody()), id);
      Object[] values = codec.values(resolved);
      boolean deleted = table.binding().state(resolved).deleted();
      if (deleted == doc.conflictDeleted() && codec.same(values, real)) {
        if (!doc.conflictRev().equals(local)
            && !table.writeRevision(id, local, doc.conflictRev(), deleted, real).stored()) {
          throw new ConflictException(collection, id, local, table.currentRevision(id));
        }
      } else {
        String rev = codec.revisionOf(doc.conflictRev(), deleted, values);
        if (!table.writeRevision(id, local, rev, deleted, values).stored()) {
          throw new ConflictException(collection, id, local, table.currentRevision(id));
        }
      }
      state.putMaster(collection, id, doc.conflictRev(), doc.conflictDeleted(), doc.conflictBody());
    });
    return table.findIncludingDeleted(id).orElseThrow();
  }

  /** How many documents left this replica by pulls since the last call; resets the count. */
  int takeRemoved() {
    int n = removed;
    removed = 0;
    return n;
  }

  /** The local changes of this collection the server refused, by id. */
  List<ReplicationRefusal<T>> refusals(Replication replication) {
    List<ReplicationRefusal<T>> out = new ArrayList<>();
    for (ReplicaState.DocState doc : state.refusals(collection)) {
      T local = table.findIncludingDeleted(doc.id()).orElse(null);
      out.add(new ReplicationRefusal<>(replication, table.binding().type(), doc.id(), doc.refusedStatus(), doc.refusedReason(), local));
    }
    return out;
  }

  /**
   * Gives up a refused local change: the document goes back to the master's state as last seen, or, if
   * it left this replica's scope or the master never had it, leaves this replica.
   */
  void discard(String id) {
    engine.bundle(tx -> {
      ReplicaState.DocState doc = state.doc(collection, id);
      if (doc == null || doc.refusedRev() == null) {
        throw new IllegalStateException("the refused change of " + collection + "/" + id + " is no longer open");
      }
      String local = table.currentRevision(id);
      if (doc.masterRev() == null || LEFT_SCOPE.equals(doc.refusedReason())) {
        if (local != null && !table.purge(id, local)) {
          throw new ConflictException(collection, id, local, table.currentRevision(id));
        }
        state.forget(collection, id);
        return;
      }
      Object[] master = decode(WireJson.object(doc.masterBody()), id);
      if (!doc.masterRev().equals(local)
          && !table.writeRevision(id, local, doc.masterRev(), doc.masterDeleted(), master).stored()) {
        throw new ConflictException(collection, id, local, table.currentRevision(id));
      }
      state.putMaster(collection, id, doc.masterRev(), doc.masterDeleted(), doc.masterBody());
    });
  }

  /** Local documents that differ from their assumed master state. */
  long pending() {
    return state.pending(collection, table.quotedTable());
  }

  private Object[] decode(JsonNode doc, String id) {
    try {
      return codec.decode(doc);
    } catch (IllegalArgumentException e) {
      throw new SyncProtocolException(collection + "/" + id + ": " + e.getMessage(), e);
    }
  }

  private ObjectNode pushRequest(List<PushRow> rows) {
    ObjectNode request = WireJson.newObject();
    request.put("clientId", clientId);
    ArrayNode array = request.putArray("rows");
    for (PushRow row : rows) {
      ObjectNode r = array.addObject();
      r.put("id", row.id);
      r.put("assumedMasterRev", row.assumed);
      r.set("newDocumentState", row.doc);
    }
    return request;
  }

  private Map<String, JsonNode> byId(ObjectNode answer, String member, boolean required) {
    JsonNode list = answer.get(member);
    if (list == null && !required) {
      return Map.of();
    }
    if (list == null || !list.isArray()) {
      throw new SyncProtocolException(400, "the push answer of " + collection + " has no '" + member + "' array");
    }
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode c : list) {
      byId.put(WireJson.text(c, "id", "a push answer's " + member + " of " + collection), c);
    }
    return byId;
  }

  private String pushKey() {
    return "push-checkpoint:" + collection;
  }

  private String pullKey() {
    return "pull-checkpoint:" + collection;
  }

  /** A local change on its way to the master. */
  private record PushRow(String id, String assumed, String rev, ObjectNode doc) {}
}
