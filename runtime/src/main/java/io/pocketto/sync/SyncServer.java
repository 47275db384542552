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
import io.pocketto.WriterScope;
import io.pocketto.internal.ApiAccess;
import io.pocketto.internal.DocumentTable;
import io.pocketto.internal.DocumentTable.RevisionRow;
import io.pocketto.internal.DocumentTable.RevisionWrite;
import io.pocketto.internal.Ids;
import io.pocketto.internal.ModelBinding;
import io.pocketto.internal.ReplicaCodec;
import io.pocketto.internal.SeekCursors;
import io.pocketto.internal.SqlFragment;
import io.pocketto.query.Condition;
import io.pocketto.query.Property;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The master side of replication: serves pull and push of some models' collections from one database
 * (H2 or PostgreSQL). It speaks JSON text, so any web framework can mount it: {@code POST
 * /api/sync/{collection}/pull} calls {@link #pull(String, Authenticator.Headers, String)}.
 *
 * <p>{@link #of} serves everyone everything. {@link #builder} adds who may sync what: an
 * {@link Authenticator} (401 without valid credentials), per model a scope of what each principal pulls
 * (documents that leave it are removed from the principal's replicas), a push rule, server-only
 * fields, and limits on the size of requests. Every revision a push writes names the authenticated
 * principal as its writer. See {@code docs/SYNC.md}.
 *
 * <p>A pushed row is written with the same conditional write as a local save, but keeps the client's
 * revision, so both ends hold the same one. A row whose assumed revision is not the stored one comes
 * back as a conflict with the seed's 409 object and the stored document.
 */
public final class SyncServer {
  /** The most documents one pull returns by default, whatever the request asks for. */
  public static final int MAX_PULL_LIMIT = 10_000;
  /** The most rows one push may carry by default (more: 413). */
  public static final int MAX_PUSH_ROWS = 10_000;
  /** The largest request body by default, in bytes (more: 413): 16 MiB. */
  public static final long MAX_BODY_BYTES = 16L * 1024 * 1024;
  /** The documents a pull returns when the request names no limit. */
  public static final int DEFAULT_PULL_LIMIT = 100;
  /** The one answer to a row outside the pusher's scope, whether or not the id exists: it tells nothing. */
  static final String OUTSIDE_SCOPE = "the document is outside your sync scope";

  private static final String SCOPED_CHECKPOINT = "sc1.";

  private final Database master;
  private final Authenticator authenticator;
  private final Map<String, Served<?>> served;
  private final int maxPullLimit;
  private final int maxPushRows;
  private final long maxBodyBytes;

  private SyncServer(Builder b, Map<String, Served<?>> served) {
    this.master = b.master;
    this.authenticator = b.authenticator;
    this.served = served;
    this.maxPullLimit = b.maxPullLimit;
    this.maxPushRows = b.maxPushRows;
    this.maxBodyBytes = b.maxBodyBytes;
  }

  /**
   * Serves the collections of {@code models} from {@code master} to anyone, with no scopes or rules:
   * for tests, trusted networks and server-to-server replication. Use {@link #builder} otherwise.
   *
   * @throws IllegalArgumentException if a class is not a generated model, or none is given
   */
  public static SyncServer of(Database master, Class<?>... models) {
    if (models == null || models.length == 0) {
      throw new IllegalArgumentException("name at least one model to serve, e.g. SyncServer.of(db, SalesInvoice.class)");
    }
    Builder b = builder(master);
    for (Class<?> model : models) {
      b.anyModel(model);
    }
    return b.build();
  }

  /** Starts describing a server of {@code master}: its authenticator, its models and their rules, its limits. */
  public static Builder builder(Database master) {
    if (master == null) {
      throw new IllegalArgumentException("the master database must not be null");
    }
    return new Builder(master);
  }

  /** The collections served. */
  public Set<String> collections() {
    return served.keySet();
  }

  /** The master database. */
  public Database database() {
    return master;
  }

  /** The largest request body this server takes, in bytes: a web framework mounting it should refuse bigger ones before reading them. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Answers a pull request given as JSON text, from a request without credentials; see {@link Remote#pull}.
   *
   * @throws SyncProtocolException (400, 401, 403, 404 or 413) for a request it cannot serve
   */
  public String pull(String collection, String requestJson) {
    return pull(collection, Authenticator.Headers.NONE, requestJson);
  }

  /**
   * Answers a push request given as JSON text, from a request without credentials; see {@link Remote#push}.
   *
   * @throws SyncProtocolException (400, 401, 403, 404 or 413) for a request it refuses; nothing was written then
   */
  public String push(String collection, String requestJson) {
    return push(collection, Authenticator.Headers.NONE, requestJson);
  }

  /**
   * Answers a pull request with these headers: authenticates it first, then reads the body.
   *
   * @throws SyncAuthenticationException (401) without valid credentials
   * @throws SyncProtocolException (400, 403, 404 or 413) for a request it cannot serve
   */
  public String pull(String collection, Authenticator.Headers headers, String requestJson) {
    Principal principal = authenticate(headers);
    Served<?> s = served(collection);
    return s.pull(principal, body(requestJson, "pull of " + collection)).toString();
  }

  /**
   * Answers a push request with these headers: authenticates it first, then reads the body.
   *
   * @throws SyncAuthenticationException (401) without valid credentials
   * @throws SyncProtocolException (400, 403, 404 or 413) for a request it refuses; nothing was written then
   */
  public String push(String collection, Authenticator.Headers headers, String requestJson) {
    Principal principal = authenticate(headers);
    Served<?> s = served(collection);
    return s.push(principal, body(requestJson, "push to " + collection)).toString();
  }

  /** {@link #pull(String, String)} on a parsed request, without credentials. */
  public ObjectNode pull(String collection, ObjectNode request) {
    Principal principal = authenticate(Authenticator.Headers.NONE);
    return served(collection).pull(principal, request);
  }

  /** {@link #push(String, String)} on a parsed request, without credentials. */
  public ObjectNode push(String collection, ObjectNode request) {
    Principal principal = authenticate(Authenticator.Headers.NONE);
    return served(collection).push(principal, request);
  }

  private Principal authenticate(Authenticator.Headers headers) {
    if (authenticator == null) {
      return null;
    }
    Principal principal = authenticator.authenticate(headers == null ? Authenticator.Headers.NONE : headers);
    if (principal == null) {
      throw new SyncAuthenticationException("sign in: the request's credentials name no one");
    }
    try {
      Ids.requireValid("principal id", principal.id());
    } catch (IllegalArgumentException e) {
      throw new SyncAuthenticationException("the credentials' principal id cannot be a writer: " + e.getMessage());
    }
    return principal;
  }

  private ObjectNode body(String text, String what) {
    // Characters never outnumber UTF-8 bytes, so only a long text needs counting.
    if (text != null && (long) text.length() * 3 > maxBodyBytes && text.getBytes(StandardCharsets.UTF_8).length > maxBodyBytes) {
      throw new SyncProtocolException(413, what + ": the request body is larger than " + maxBodyBytes + " bytes");
    }
    return WireJson.object(text);
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

  /** Describes a {@link SyncServer}. */
  public static final class Builder {
    private final Database master;
    private Authenticator authenticator;
    private final Map<Class<?>, Served<?>> models = new LinkedHashMap<>();
    private int maxPullLimit = MAX_PULL_LIMIT;
    private int maxPushRows = MAX_PUSH_ROWS;
    private long maxBodyBytes = MAX_BODY_BYTES;

    private Builder(Database master) {
      this.master = master;
    }

    /** Who a request comes from: every pull and push is authenticated first, and refused with 401 without valid credentials. */
    public Builder authenticator(Authenticator value) {
      if (value == null) {
        throw new IllegalArgumentException("the authenticator must not be null");
      }
      this.authenticator = value;
      return this;
    }

    /** Serves a model to every authenticated principal, whole. */
    public <T extends ActiveRecord<T>> Builder model(Class<T> model) {
      return model(model, rules -> { });
    }

    /** Serves a model under the rules {@code describe} sets: scope, push rule, server-only fields. */
    public <T extends ActiveRecord<T>> Builder model(Class<T> model, Consumer<ModelRules<T>> describe) {
      if (model == null || describe == null) {
        throw new IllegalArgumentException("the model and its rules must not be null");
      }
      ModelRules<T> rules = new ModelRules<>();
      describe.accept(rules);
      models.put(model, new Served<>(this, master.store(ModelBinding.of(model)), rules));
      return this;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void anyModel(Class<?> model) {
      if (model == null || !ActiveRecord.class.isAssignableFrom(model)) {
        throw new IllegalArgumentException(model + " is not a generated Pocketto model (the class @Model generates)");
      }
      model((Class) model);
    }

    /** The most documents one pull returns (a request asking for more gets this many, and {@code hasMore}); 10,000 by default. */
    public Builder maxPullLimit(int value) {
      requirePositive("maxPullLimit", value);
      this.maxPullLimit = value;
      return this;
    }

    /** The most rows one push may carry; a push with more is refused with 413 and writes nothing. 10,000 by default. */
    public Builder maxPushRows(int value) {
      requirePositive("maxPushRows", value);
      this.maxPushRows = value;
      return this;
    }

    /** The largest request body in bytes; a larger one is refused with 413. 16 MiB by default. */
    public Builder maxBodyBytes(long value) {
      requirePositive("maxBodyBytes", value);
      this.maxBodyBytes = value;
      return this;
    }

    private static void requirePositive(String what, long value) {
      if (value < 1) {
        throw new IllegalArgumentException(what + " must be at least 1, was " + value);
      }
    }

    /**
     * The server.
     *
     * @throws IllegalArgumentException if no model is served, or a model has a scope but the server no authenticator
     */
    public SyncServer build() {
      if (models.isEmpty()) {
        throw new IllegalArgumentException("name at least one model to serve: model(SalesInvoice.class)");
      }
      Map<String, Served<?>> byCollection = new LinkedHashMap<>();
      for (Served<?> s : models.values()) {
        if (s.scope != null && authenticator == null) {
          throw new IllegalArgumentException(s.store.collection() + " has a scope, which needs a principal: set an authenticator");
        }
        s.maxPullLimit = maxPullLimit;
        s.maxPushRows = maxPushRows;
        byCollection.put(s.store.collection(), s);
      }
      return new SyncServer(this, Collections.unmodifiableMap(byCollection));
    }
  }

  /** A pull's place in a scoped feed, with the fingerprint of the scope it was read under. */
  private record ScopedCheckpoint(long major, long minor, String scope) {
    static final ScopedCheckpoint START = new ScopedCheckpoint(0, 0, null);
  }

  /** Refuses a row after its write, inside the write's bundle, so that the write rolls back. */
  private static final class LeavesScope extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LeavesScope() {
      super(OUTSIDE_SCOPE, null, false, false);
    }
  }

  /** One collection served: its store, its documents' codec and its rules. */
  private static final class Served<T extends ActiveRecord<T>> {
    private final ModelStore<T> store;
    private final DocumentTable<T> table;
    private final ReplicaCodec<T> codec;
    private final Database master;
    private final java.util.function.Function<Principal, Condition<T>> scope;
    private final PushRule<T> pushRule;
    /** Indexes of the server-only fields. */
    private final int[] serverOnly;
    private final ScopeMembers members;
    /** The builder's caps, set when the server is built. */
    private int maxPullLimit;
    private int maxPushRows;

    Served(Builder b, ModelStore<T> store, ModelRules<T> rules) {
      this.store = store;
      this.table = ApiAccess.table(store);
      this.codec = new ReplicaCodec<>(table.binding());
      this.master = b.master;
      this.scope = rules.scope();
      this.pushRule = rules.pushRule();
      List<Property<T, ?>> hidden = rules.serverOnly();
      this.serverOnly = new int[hidden.size()];
      for (int i = 0; i < serverOnly.length; i++) {
        serverOnly[i] = table.binding().indexOf(hidden.get(i).name());
      }
      this.members = scope == null ? null : new ScopeMembers(table.engine());
    }

    /** Whether a push needs the stored document of each row: for its rule, its scope or its server-only fields. */
    private boolean guarded() {
      return scope != null || pushRule != null || serverOnly.length > 0;
    }

    /** The scope of {@code principal} in SQL; {@code null} when the model has none. */
    private SqlFragment scopeOf(Principal principal, String what) {
      if (scope == null) {
        return null;
      }
      Condition<T> condition = scope.apply(principal);
      if (condition == null) {
        throw new SyncRefusedException(what + ": you may not sync this collection");
      }
      return ApiAccess.render(condition, table.dialect());
    }

    /** A document as clients see it: without the server-only fields. */
    private ObjectNode encode(String id, String rev, boolean deleted, Object[] values) {
      ObjectNode doc = codec.encode(id, rev, deleted, values);
      for (int i : serverOnly) {
        doc.remove(table.binding().fields().get(i).name());
      }
      return doc;
    }

    private int limit(ObjectNode request, String what) {
      JsonNode limitNode = request.get("limit");
      if (limitNode == null || limitNode.isNull()) {
        return Math.min(DEFAULT_PULL_LIMIT, maxPullLimit);
      }
      if (!limitNode.canConvertToInt() || !limitNode.isIntegralNumber() || limitNode.intValue() < 1) {
        throw new SyncProtocolException(400, what + ": 'limit' must be a whole number of at least 1, was " + limitNode);
      }
      return Math.min(limitNode.intValue(), maxPullLimit);
    }

    ObjectNode pull(Principal principal, ObjectNode request) {
      String what = "pull of " + store.collection();
      SqlFragment sql = principal == null ? null : scopeOf(principal, what);
      String text = WireJson.text(request, "checkpoint", what);
      int limit = limit(request, what);
      if (sql != null) {
        return scopedPull(principal, sql, request, text, limit, what);
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
        documents.add(encode(change.id(), change.revision(), change.deleted(), change.document()));
      }
      answer.putArray("removed");
      answer.put("checkpoint", batch.checkpoint().isStart() ? null : batch.checkpoint().toString());
      answer.put("hasMore", batch.hasMore());
      return answer;
    }

    /**
     * A pull through the principal's scope: the documents in scope, and the ids this replica holds that
     * left it (see {@link ScopeMembers}). A changed scope (the principal's attributes) reads the feed
     * again from the start, so that documents that entered it arrive and those that left are removed.
     */
    private ObjectNode scopedPull(Principal principal, SqlFragment sql, ObjectNode request, String text, int limit, String what) {
      String client = WireJson.text(request, "clientId", what);
      if (client == null || client.isEmpty() || client.length() > Ids.MAX_LENGTH) {
        throw new SyncProtocolException(400, what + ": 'clientId' (the replica's id, 1 to " + Ids.MAX_LENGTH + " characters) is required");
      }
      String fingerprint = SeekCursors.fingerprint(store.collection() + "\n" + sql.sql(), sql.params());
      ScopedCheckpoint given = text == null ? ScopedCheckpoint.START : parseScoped(text, what);
      ScopedCheckpoint from = fingerprint.equals(given.scope()) ? given : ScopedCheckpoint.START;
      boolean[] hasMore = {false};
      List<DocumentTable.ScopedEntry<T>> rows = table.scopedChanges(from.major(), from.minor(), limit, sql,
          members.held(principal.id(), client, store.collection()), hasMore);
      ObjectNode answer = WireJson.newObject();
      ArrayNode documents = answer.putArray("documents");
      ArrayNode removed = answer.putArray("removed");
      List<ScopeMembers.Mark> marks = new ArrayList<>(rows.size());
      long major = from.major();
      long minor = from.minor();
      for (DocumentTable.ScopedEntry<T> row : rows) {
        DocumentTable.FeedEntry<T> e = row.entry();
        if (row.inScope()) {
          documents.add(encode(e.id(), e.rev(), e.deleted(), codec.values(e.document())));
          marks.add(new ScopeMembers.Mark(e.id(), null));
        } else {
          removed.add(e.id());
          marks.add(new ScopeMembers.Mark(e.id(), new long[] {e.major(), e.minor()}));
        }
        major = e.major();
        minor = e.minor();
      }
      members.record(principal.id(), client, store.collection(), given.major(), given.minor(), marks);
      answer.put("checkpoint", scopedText(major, minor, fingerprint));
      answer.put("hasMore", hasMore[0]);
      return answer;
    }

    private String scopedText(long major, long minor, String fingerprint) {
      String raw = table.engine().databaseId() + "\n" + store.collection() + "\n" + major + "\n" + minor + "\n" + fingerprint;
      return SCOPED_CHECKPOINT + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private ScopedCheckpoint parseScoped(String text, String what) {
      if (text.startsWith(SCOPED_CHECKPOINT)) {
        try {
          String[] parts = new String(Base64.getUrlDecoder().decode(text.substring(SCOPED_CHECKPOINT.length())),
              StandardCharsets.UTF_8).split("\n", -1);
          if (parts.length == 5 && parts[0].equals(table.engine().databaseId()) && parts[1].equals(store.collection())) {
            long major = Long.parseLong(parts[2]);
            long minor = Long.parseLong(parts[3]);
            if (major >= 0 && minor >= 0) {
              return new ScopedCheckpoint(major, minor, parts[4]);
            }
          }
        } catch (IllegalArgumentException e) {
          // Falls through to the refusal below.
        }
      }
      throw new SyncProtocolException(400, what + ": the checkpoint is not one this server gave for this collection; "
          + "start again with a fresh client database");
    }

    ObjectNode push(Principal principal, ObjectNode request) {
      String what = "push to " + store.collection();
      JsonNode rowsNode = request.get("rows");
      if (rowsNode == null || !rowsNode.isArray()) {
        throw new SyncProtocolException(400, what + ": 'rows' must be an array");
      }
      if (rowsNode.size() > maxPushRows) {
        throw new SyncProtocolException(413, what + ": at most " + maxPushRows + " rows per push, got " + rowsNode.size());
      }
      SqlFragment sql = principal == null ? null : scopeOf(principal, what);
      // Every row is checked before any is written: a malformed push writes nothing.
      List<Row> rows = new ArrayList<>(rowsNode.size());
      for (int i = 0; i < rowsNode.size(); i++) {
        rows.add(row(rowsNode.get(i), what + ", row " + i));
      }
      ObjectNode answer = WireJson.newObject();
      ArrayNode conflicts = answer.putArray("conflicts");
      ArrayNode refused = answer.putArray("refused");
      // The revisions name the authenticated principal as their writer, never what the client claims.
      try (WriterScope as = principal == null ? null : master.as(principal.id())) {
        if (guarded()) {
          for (Row row : rows) {
            guardedWrite(principal, sql, row, conflicts, refused, what);
          }
        } else {
          List<RevisionWrite> outcomes = write(rows, what);
          for (int i = 0; i < rows.size(); i++) {
            answer(outcomes.get(i), rows.get(i), null, conflicts, refused);
          }
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

    private RevisionWrite write(Row row, Object[] values, String what) {
      try {
        return table.writeRevision(row.id, row.assumed, row.rev, row.deleted, values);
      } catch (IllegalArgumentException e) {
        // A value this database cannot hold; the rows before it are written, and a retry skips them.
        throw new SyncProtocolException(what + " (" + row.id + "): " + e.getMessage(), e);
      }
    }

    private void answer(RevisionWrite outcome, Row row, SqlFragment sql, ArrayNode conflicts, ArrayNode refused) {
      if (outcome == RevisionWrite.LOCKED) {
        refused.add(refusal(row.id, 423, "the document is locked by another writer; it is pushed again at the next sync"));
      } else if (outcome == RevisionWrite.CONFLICT) {
        T stored = table.findIncludingDeleted(row.id).orElse(null);
        if (stored != null && sql != null && !Boolean.TRUE.equals(table.matches(row.id, sql))) {
          refused.add(refusal(row.id, 403, OUTSIDE_SCOPE)); // moved out of scope meanwhile: its state is not this client's to see
        } else {
          conflicts.add(conflict(row, stored));
        }
      }
    }

    /**
     * A row under the model's rules: the stored document must be in the pusher's scope, the rule must
     * accept, and the written document must be in scope (unless the rule allows otherwise; checked in the
     * write's own transaction, which a refusal rolls back). Server-only fields keep their stored values.
     */
    private void guardedWrite(Principal principal, SqlFragment sql, Row row, ArrayNode conflicts, ArrayNode refused, String what) {
      if (sql != null && Boolean.FALSE.equals(table.matches(row.id, sql))) {
        refused.add(refusal(row.id, 403, OUTSIDE_SCOPE));
        return;
      }
      T stored = table.findIncludingDeleted(row.id).orElse(null);
      String storedRev = stored == null ? null : stored.meta().rev();
      if (row.rev.equals(storedRev)) {
        return; // a repeated push: written before
      }
      if (!java.util.Objects.equals(storedRev, row.assumed)) {
        answer(RevisionWrite.CONFLICT, row, sql, conflicts, refused);
        return;
      }
      Object[] values = row.values.clone();
      Object[] kept = stored == null ? codec.initialValues() : codec.values(stored);
      for (int i : serverOnly) {
        values[i] = kept[i];
      }
      PushDecision decision = PushDecision.accept();
      if (pushRule != null) {
        decision = pushRule.decide(principal, stored, codec.detached(row.id, row.rev, row.deleted, values), row.deleted);
        if (decision == null) {
          throw new IllegalStateException("the push rule of " + store.collection() + " decided nothing for " + row.id);
        }
        if (!decision.accepted()) {
          refused.add(refusal(row.id, 403, decision.reason()));
          return;
        }
      }
      if (sql == null || decision.leavingScope()) {
        answer(write(row, values, what), row, sql, conflicts, refused);
        return;
      }
      RevisionWrite[] outcome = {null};
      try {
        master.bundle(tx -> {
          outcome[0] = write(row, values, what);
          if (outcome[0] == RevisionWrite.WRITTEN && !Boolean.TRUE.equals(table.matches(row.id, sql))) {
            throw new LeavesScope();
          }
        });
      } catch (LeavesScope e) {
        refused.add(refusal(row.id, 403, OUTSIDE_SCOPE));
        return;
      }
      answer(outcome[0], row, sql, conflicts, refused);
    }

    private static ObjectNode refusal(String id, int status, String reason) {
      ObjectNode node = WireJson.newObject();
      node.put("id", id);
      node.put("status", status);
      node.put("reason", reason);
      return node;
    }

    /** The conflict answer: the seed's 409 object with the stored revision, and the stored document. */
    private ObjectNode conflict(Row row, T stored) {
      String current = stored == null ? null : stored.meta().rev();
      ObjectNode node = WireJson.newObject();
      node.put("id", row.id);
      node.set("error", new ConflictException(store.collection(), row.id, row.assumed, current).toJsonNode());
      node.set("master", stored == null ? null
          : encode(row.id, current, table.binding().state(stored).deleted(), codec.values(stored)));
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
