package io.pocketto.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pocketto.ActiveRecord;
import io.pocketto.Change;
import io.pocketto.ChangeBatch;
import io.pocketto.Checkpoint;
import io.pocketto.ConflictException;
import io.pocketto.Database;
import io.pocketto.ModelStore;
import io.pocketto.Revision;
import io.pocketto.internal.DocumentTable;
import io.pocketto.internal.DocumentTable.RevisionRow;
import io.pocketto.internal.DocumentTable.RevisionWrite;
import io.pocketto.internal.ModelBinding;
import io.pocketto.internal.ReplicaCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The master side of replication: serves pull and push of some models' collections from one database
 * (H2 or PostgreSQL). It keeps no state of its own beyond the documents, so it can be restarted, or run
 * in several processes on one PostgreSQL database. It speaks JSON text, so any web framework can mount
 * it: {@code POST /api/sync/{collection}/pull} calls {@link #pull(String, String)}.
 *
 * <p>A pushed row is written with the same conditional write as a local save, but keeps the client's
 * revision, so both ends hold the same one. A row whose assumed revision is not the stored one comes
 * back as a conflict with the seed's 409 object and the stored document.
 */
public final class SyncServer {
  /** The most documents one pull returns, whatever the request asks for. */
  public static final int MAX_PULL_LIMIT = 10_000;
  /** The most rows one push may carry. */
  public static final int MAX_PUSH_ROWS = 10_000;
  /** The documents a pull returns when the request names no limit. */
  public static final int DEFAULT_PULL_LIMIT = 100;

  private final Database master;
  private final Map<String, Served<?>> served;

  private SyncServer(Database master, Map<String, Served<?>> served) {
    this.master = master;
    this.served = served;
  }

  /**
   * Serves the collections of {@code models} from {@code master}.
   *
   * @throws IllegalArgumentException if a class is not a generated model, or none is given
   */
  public static SyncServer of(Database master, Class<?>... models) {
    if (master == null) {
      throw new IllegalArgumentException("the master database must not be null");
    }
    if (models == null || models.length == 0) {
      throw new IllegalArgumentException("name at least one model to serve, e.g. SyncServer.of(db, SalesInvoice.class)");
    }
    Map<String, Served<?>> served = new LinkedHashMap<>();
    for (Class<?> model : models) {
      Served<?> s = served(master, model);
      served.put(s.store.collection(), s);
    }
    return new SyncServer(master, Collections.unmodifiableMap(served));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Served<?> served(Database master, Class<?> model) {
    ModelBinding binding = ModelBinding.of((Class) model);
    return new Served<>(master.store(binding), new ReplicaCodec<>(binding));
  }

  /** The collections served. */
  public Set<String> collections() {
    return served.keySet();
  }

  /** The master database. */
  public Database database() {
    return master;
  }

  /**
   * Answers a pull request given as JSON text; see {@link Remote#pull}.
   *
   * @throws SyncProtocolException (400 or 404) for a request it cannot serve
   */
  public String pull(String collection, String requestJson) {
    return pull(collection, WireJson.object(requestJson)).toString();
  }

  /**
   * Answers a push request given as JSON text; see {@link Remote#push}.
   *
   * @throws SyncProtocolException (400 or 404) for a request it refuses; nothing was written then
   */
  public String push(String collection, String requestJson) {
    return push(collection, WireJson.object(requestJson)).toString();
  }

  /** {@link #pull(String, String)} on a parsed request. */
  public ObjectNode pull(String collection, ObjectNode request) {
    return served(collection).pull(request);
  }

  /** {@link #push(String, String)} on a parsed request. */
  public ObjectNode push(String collection, ObjectNode request) {
    return served(collection).push(request);
  }

  private Served<?> served(String collection) {
    Served<?> s = served.get(collection);
    if (s == null) {
      throw new SyncProtocolException(404, "collection '" + collection + "' is not replicated here; these are: " + served.keySet());
    }
    return s;
  }

  @Override
  public String toString() {
    return "SyncServer{" + master.url() + ", " + served.keySet() + "}";
  }

  /** One collection served: its store and its documents' codec. */
  private static final class Served<T extends ActiveRecord<T>> {
    private final ModelStore<T> store;
    private final DocumentTable<T> table;
    private final ReplicaCodec<T> codec;

    Served(ModelStore<T> store, ReplicaCodec<T> codec) {
      this.store = store;
      this.table = store.table();
      this.codec = codec;
    }

    ObjectNode pull(ObjectNode request) {
      String what = "pull of " + store.collection();
      String text = WireJson.text(request, "checkpoint", what);
      JsonNode limitNode = request.get("limit");
      int limit = DEFAULT_PULL_LIMIT;
      if (limitNode != null && !limitNode.isNull()) {
        if (!limitNode.canConvertToInt() || !limitNode.isIntegralNumber() || limitNode.intValue() < 1) {
          throw new SyncProtocolException(400, what + ": 'limit' must be a whole number of at least 1, was " + limitNode);
        }
        limit = Math.min(limitNode.intValue(), MAX_PULL_LIMIT);
      }
      ChangeBatch<Object[]> batch;
      try {
        // Stored values straight from the rows: no record is built only to be taken apart again.
        batch = store.storedChanges(text == null ? Checkpoint.START : Checkpoint.parse(text), limit, true);
      } catch (IllegalArgumentException e) {
        throw new SyncProtocolException(what + ": " + e.getMessage(), e);
      }
      ObjectNode answer = WireJson.newObject();
      ArrayNode documents = answer.putArray("documents");
      for (Change<Object[]> change : batch.changes()) {
        documents.add(codec.encode(change.id(), change.revision(), change.deleted(), change.document()));
      }
      answer.put("checkpoint", batch.checkpoint().isStart() ? null : batch.checkpoint().toString());
      answer.put("hasMore", batch.hasMore());
      return answer;
    }

    ObjectNode push(ObjectNode request) {
      String what = "push to " + store.collection();
      JsonNode rowsNode = request.get("rows");
      if (rowsNode == null || !rowsNode.isArray()) {
        throw new SyncProtocolException(400, what + ": 'rows' must be an array");
      }
      if (rowsNode.size() > MAX_PUSH_ROWS) {
        throw new SyncProtocolException(400, what + ": at most " + MAX_PUSH_ROWS + " rows per push, got " + rowsNode.size());
      }
      // Every row is checked before any is written: a refused push writes nothing.
      List<Row> rows = new ArrayList<>(rowsNode.size());
      for (int i = 0; i < rowsNode.size(); i++) {
        rows.add(row(rowsNode.get(i), what + ", row " + i));
      }
      List<RevisionWrite> outcomes = write(rows, what);
      ObjectNode answer = WireJson.newObject();
      ArrayNode conflicts = answer.putArray("conflicts");
      for (int i = 0; i < rows.size(); i++) {
        if (outcomes.get(i) == RevisionWrite.CONFLICT) {
          conflicts.add(conflict(rows.get(i)));
        }
      }
      return answer;
    }

    /**
     * Writes the rows in one transaction, as one JDBC batch of conditional statements (see {@link
     * DocumentTable#writeRevisions}); each row's outcome. A value this database cannot hold refuses the
     * push before anything is written.
     */
    private List<RevisionWrite> write(List<Row> rows, String what) {
      List<RevisionRow> batch = new ArrayList<>(rows.size());
      for (Row row : rows) {
        batch.add(new RevisionRow(row.id, row.assumed, row.rev, row.deleted, row.values));
      }
      List<List<RevisionWrite>> outcomes = new ArrayList<>(1);
      try {
        table.engine().bundle(tx -> {
          outcomes.clear();
          outcomes.add(table.writeRevisions(batch));
        });
      } catch (IllegalArgumentException e) {
        throw new SyncProtocolException(what + ": " + e.getMessage(), e);
      }
      return outcomes.get(0);
    }

    /** The conflict answer: the seed's 409 object with the stored revision, and the stored document. */
    private ObjectNode conflict(Row row) {
      T stored = table.findIncludingDeleted(row.id).orElse(null);
      String current = stored == null ? null : stored.meta().rev();
      ObjectNode node = WireJson.newObject();
      node.put("id", row.id);
      node.set("error", new ConflictException(store.collection(), row.id, row.assumed, current).toJsonNode());
      node.set("master", stored == null ? null : codec.encode(stored));
      return node;
    }

    private Row row(JsonNode node, String where) {
      if (node == null || !node.isObject()) {
        throw new SyncProtocolException(400, where + ": a row must be an object {id, assumedMasterRev, newDocumentState}");
      }
      String id = WireJson.text(node, "id", where);
      if (id == null || id.isEmpty()) {
        throw new SyncProtocolException(400, where + ": 'id' is required");
      }
      String assumed = WireJson.text(node, "assumedMasterRev", where);
      JsonNode doc = node.get("newDocumentState");
      if (doc == null || !doc.isObject()) {
        throw new SyncProtocolException(400, where + " (" + id + "): 'newDocumentState' must be an object");
      }
      String docId = WireJson.text(doc, ReplicaCodec.ID, where);
      if (docId != null && !docId.equals(id)) {
        throw new SyncProtocolException(400, where + ": the document's id '" + docId + "' is not the row's '" + id + "'");
      }
      String rev = WireJson.text(doc, ReplicaCodec.REV, where);
      JsonNode deletedNode = doc.get(ReplicaCodec.DELETED);
      if (deletedNode != null && !deletedNode.isNull() && !deletedNode.isBoolean()) {
        throw new SyncProtocolException(400, where + " (" + id + "): '_deleted' must be true or false");
      }
      boolean deleted = deletedNode != null && deletedNode.asBoolean();
      Revision revision = revision(rev, where + " (" + id + "): '_rev'");
      Revision parent = assumed == null ? null : revision(assumed, where + " (" + id + "): 'assumedMasterRev'");
      long parentHeight = parent == null ? 0 : parent.height();
      if (revision.height() <= parentHeight) {
        throw new SyncProtocolException(400, where + " (" + id + "): revision " + rev
            + " must be higher than the assumed master revision " + assumed);
      }
      Object[] values;
      try {
        values = codec.decode(doc);
      } catch (IllegalArgumentException e) {
        throw new SyncProtocolException(where + " (" + id + "): " + e.getMessage(), e);
      }
      if (revision.height() == parentHeight + 1) {
        // One write on top of the assumed revision: the hash can be checked, and must match.
        String expected = codec.revisionOf(assumed, deleted, values);
        if (!expected.equals(rev)) {
          throw new SyncProtocolException(400, where + " (" + id + "): revision " + rev
              + " does not match the document's content on top of " + (assumed == null ? "nothing" : assumed)
              + " (expected " + expected + ")");
        }
      }
      return new Row(id, assumed, rev, deleted, values);
    }

    private static Revision revision(String text, String what) {
      if (text == null) {
        throw new SyncProtocolException(400, what + " is required");
      }
      try {
        return Revision.parse(text);
      } catch (IllegalArgumentException e) {
        throw new SyncProtocolException(what + ": " + e.getMessage(), e);
      }
    }
  }

  /** One checked push row. */
  private record Row(String id, String assumed, String rev, boolean deleted, Object[] values) {}
}
