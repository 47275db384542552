package io.pocketto.sync;

import io.pocketto.ActiveRecord;
import io.pocketto.ConflictHandler;
import io.pocketto.Database;
import io.pocketto.internal.ApiAccess;
import io.pocketto.internal.ModelBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline-first replication of a client database with a master: local saves work with or without a
 * connection, and each sync pushes the local changes the master lacks, then pulls the master's changes
 * until caught up. The client id, checkpoints and each document's assumed master state are kept in the
 * client database, so a replication picks up where it stopped after a restart.
 *
 * <pre>{@code
 * Replication replication = Replication.of(clientDb, Remote.http(URI.create("http://localhost:8080/api/sync")))
 *     .models(SalesInvoice.class)
 *     .build();
 * SyncResult result = replication.syncOnce();
 * replication.start(Duration.ofSeconds(5));   // live, backing off while the remote is unreachable
 * }</pre>
 *
 * <p>Revisions are never rewritten: after a push both ends hold the client's revision. Timestamps are
 * never compared. A push that meets a newer master state is a conflict: the model's conflict handler
 * (or one given to the builder) resolves it; without one it is listed in {@link #conflicts()} and the
 * local record stays as it is, not pushed again until {@link ReplicationConflict#resolve resolved}.
 * One sync runs at a time per replication; only one replication may run on a client database.
 */
public final class Replication implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Replication.class);
  private static final String CLIENT_ID = "client-id";

  private final Database client;
  private final Remote remote;
  private final String clientId;
  private final Map<Class<?>, CollectionReplica<?>> replicas;
  private final Object syncLock = new Object();
  private final Object liveLock = new Object();
  private ScheduledExecutorService live;
  private volatile boolean paused;
  private volatile boolean signInNeeded;
  private volatile boolean closed;
  private volatile Boolean online;
  private volatile Instant lastSync;
  private volatile String lastError;

  private Replication(Builder b) {
    this.client = b.client;
    this.remote = b.remote;
    ReplicaState state = new ReplicaState(ApiAccess.table(anyStore(b)).engine());
    String id = state.setting(CLIENT_ID);
    if (id == null) {
      id = UUID.randomUUID().toString();
      state.setSetting(CLIENT_ID, id);
    }
    this.clientId = id;
    Map<Class<?>, CollectionReplica<?>> map = new LinkedHashMap<>();
    for (Class<?> model : b.models) {
      map.put(model, replica(model, b.handlers.get(model), state, b.batchSize));
    }
    this.replicas = Collections.unmodifiableMap(map);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static io.pocketto.ModelStore<?> anyStore(Builder b) {
    return b.client.store(ModelBinding.of((Class) b.models.get(0)));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private CollectionReplica<?> replica(Class<?> model, ConflictHandler<?> handler, ReplicaState state, int batchSize) {
    ModelBinding binding = ModelBinding.of((Class) model);
    return new CollectionReplica(client.store(binding), handler, state, remote, clientId, batchSize);
  }

  /** Starts describing the replication of {@code client} with {@code remote}. */
  public static Builder of(Database client, Remote remote) {
    if (client == null || remote == null) {
      throw new IllegalArgumentException("the client database and the remote must not be null");
    }
    return new Builder(client, remote);
  }

  /** This client's id, made on the first replication of the client database and kept in it. */
  public String clientId() {
    return clientId;
  }

  /**
   * Pushes the pending local changes of every model, then pulls the master's changes until caught up.
   *
   * @throws RemoteUnavailableException when the remote cannot be reached; what was done before is kept,
   *     and the next sync goes on from there
   * @throws SyncProtocolException when the remote refuses a request
   */
  public SyncResult syncOnce() {
    synchronized (syncLock) {
      if (closed) {
        throw new IllegalStateException("the replication is closed");
      }
      try {
        int pushed = 0;
        int pulled = 0;
        int removed = 0;
        for (CollectionReplica<?> replica : replicas.values()) {
          pushed += replica.push();
        }
        for (CollectionReplica<?> replica : replicas.values()) {
          pulled += replica.pull();
          removed += replica.takeRemoved();
        }
        online = true;
        signInNeeded = false;
        lastSync = Instant.now();
        lastError = null;
        return new SyncResult(pushed, pulled, removed, conflicts(), refusals());
      } catch (SyncAuthenticationException e) {
        // Credentials the server refuses stay refused: pause instead of asking again and again.
        online = true;
        signInNeeded = true;
        paused = true;
        lastError = e.getMessage();
        LOG.warn("the sync server refused this replica's credentials; the replication is paused until resume(): {}", e.getMessage());
        throw e;
      } catch (RemoteUnavailableException e) {
        online = false;
        lastError = e.getMessage();
        throw e;
      } catch (RuntimeException e) {
        lastError = e.getMessage();
        throw e;
      }
    }
  }

  /** Every open replication conflict, model by model, by id. */
  public List<ReplicationConflict<?>> conflicts() {
    List<ReplicationConflict<?>> all = new ArrayList<>();
    for (CollectionReplica<?> replica : replicas.values()) {
      all.addAll(replica.conflicts(this));
    }
    return all;
  }

  /** Every local change the server refused and that is still open, model by model, by id. */
  public List<ReplicationRefusal<?>> refusals() {
    List<ReplicationRefusal<?>> all = new ArrayList<>();
    for (CollectionReplica<?> replica : replicas.values()) {
      all.addAll(replica.refusals(this));
    }
    return all;
  }

  void discard(ReplicationRefusal<?> refusal) {
    synchronized (syncLock) {
      replica(refusal.model()).discard(refusal.id());
    }
  }

  /** The open replication conflicts of one model, by id. */
  @SuppressWarnings("unchecked")
  public <T extends ActiveRecord<T>> List<ReplicationConflict<T>> conflicts(Class<T> model) {
    return ((CollectionReplica<T>) replica(model)).conflicts(this);
  }

  @SuppressWarnings("unchecked")
  <T extends ActiveRecord<T>> T resolve(ReplicationConflict<T> conflict, T resolved) {
    synchronized (syncLock) {
      return ((CollectionReplica<T>) replica(conflict.model())).resolve(conflict.id(), conflict.error().revision(),
          conflict.local() == null ? null : conflict.local().meta().rev(), resolved);
    }
  }

  private CollectionReplica<?> replica(Class<?> model) {
    CollectionReplica<?> replica = replicas.get(model);
    if (replica == null) {
      throw new IllegalArgumentException(model.getName() + " is not replicated here; name it in models(...)");
    }
    return replica;
  }

  /**
   * Keeps syncing in the background: every {@code interval}, and while the remote is unreachable at
   * doubling intervals up to 32 times {@code interval} (at most 5 minutes), back to {@code interval} once
   * it answers. Failures are logged and kept in {@link #status()}; they never stop the loop.
   */
  public void start(Duration interval) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the interval must be positive, was " + interval);
    }
    synchronized (liveLock) {
      if (closed) {
        throw new IllegalStateException("the replication is closed");
      }
      if (live != null) {
        throw new IllegalStateException("the replication is running already");
      }
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "pocketto-replication-" + clientId.substring(0, 8));
        t.setDaemon(true);
        return t;
      });
      executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      live = executor;
      long base = interval.toMillis();
      long max = Math.max(base, Math.min(base * 32, Duration.ofMinutes(5).toMillis()));
      live.schedule(new LiveSync(base, max, base), 0, TimeUnit.MILLISECONDS);
    }
  }

  /** One run of the live loop; schedules the next with the delay its outcome calls for. */
  private final class LiveSync implements Runnable {
    private final long base;
    private final long max;
    private final long delay;

    LiveSync(long base, long max, long delay) {
      this.base = base;
      this.max = max;
      this.delay = delay;
    }

    @Override
    public void run() {
      long next = base;
      if (!paused) {
        try {
          syncOnce();
        } catch (RemoteUnavailableException e) {
          next = Math.min(max, delay * 2);
          LOG.debug("remote unreachable, next sync in {} ms: {}", next, e.getMessage());
        } catch (RuntimeException e) {
          LOG.warn("a background sync failed: {}", e.toString());
        }
      }
      synchronized (liveLock) {
        if (live != null && !closed) {
          live.schedule(new LiveSync(base, max, next), next, TimeUnit.MILLISECONDS);
        }
      }
    }
  }

  /** Pauses the background sync, as if offline; a sync already running finishes. */
  public void pause() {
    paused = true;
  }

  /**
   * Resumes the background sync after {@link #pause()}, or after the server refused the credentials
   * (401): give the remote's {@link Credentials} a way to a valid token first.
   */
  public void resume() {
    signInNeeded = false;
    paused = false;
  }

  /** Where the replication stands, for a status display. */
  public Status status() {
    long pending = 0;
    for (CollectionReplica<?> replica : replicas.values()) {
      pending += replica.pending();
    }
    return new Status(online, paused, signInNeeded, pending, lastSync, lastError);
  }

  /**
   * Where a replication stands.
   *
   * @param online whether the last sync reached the remote; {@code null} before the first
   * @param paused whether background sync is paused (by {@link #pause()}, or because the server refused the credentials)
   * @param signInNeeded whether the server refused the credentials (401); the replication is paused until {@link #resume()}
   * @param pendingChanges local documents the master does not have in their local state (open conflicts and refusals included)
   * @param lastSync when the last successful sync ended, or {@code null}
   * @param lastError the last failure's message, {@code null} after a success
   */
  public record Status(Boolean online, boolean paused, boolean signInNeeded, long pendingChanges, Instant lastSync,
      String lastError) {}

  /** Stops the background sync, waiting for a sync in progress to end (it is not interrupted). Idempotent. */
  @Override
  public void close() {
    ScheduledExecutorService executor;
    synchronized (liveLock) {
      closed = true;
      executor = live;
      live = null;
    }
    if (executor != null) {
      // Never shutdownNow(): an interrupt in the middle of a write makes H2 close its file for good.
      executor.shutdown();
      try {
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
          LOG.warn("the background sync did not stop within 30 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (syncLock) {
      // Waits for a syncOnce() of another thread to end.
    }
  }

  @Override
  public String toString() {
    return "Replication{client=" + client.url() + ", remote=" + remote + ", models=" + replicas.keySet() + "}";
  }

  /** Describes a {@link Replication}. */
  public static final class Builder {
    private final Database client;
    private final Remote remote;
    private final List<Class<?>> models = new ArrayList<>();
    private final Map<Class<?>, ConflictHandler<?>> handlers = new HashMap<>();
    private int batchSize = 500;

    private Builder(Database client, Remote remote) {
      this.client = client;
      this.remote = remote;
    }

    /** The models to replicate; each must be served by the remote. */
    public Builder models(Class<?>... more) {
      for (Class<?> model : more) {
        ModelBinding.of(asModel(model));
        if (!models.contains(model)) {
          models.add(model);
        }
      }
      return this;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<? extends ActiveRecord> asModel(Class<?> model) {
      if (model == null || !ActiveRecord.class.isAssignableFrom(model)) {
        throw new IllegalArgumentException(model + " is not a generated Pocketto model (the class @Model generates)");
      }
      return (Class) model;
    }

    /**
     * The handler that resolves this model's replication conflicts, instead of the model's configured
     * one ({@code @Model(conflictHandler)} or {@code setConflictHandler}).
     */
    public <T extends ActiveRecord<T>> Builder conflictHandler(Class<T> model, ConflictHandler<? super T> handler) {
      handlers.put(model, handler);
      return this;
    }

    /** Documents per pull and rows per push; 500 by default. */
    public Builder batchSize(int size) {
      if (size < 1 || size > SyncServer.MAX_PULL_LIMIT) {
        throw new IllegalArgumentException("batch size must be 1 to " + SyncServer.MAX_PULL_LIMIT + ", was " + size);
      }
      this.batchSize = size;
      return this;
    }

    /** The replication; creates its tables in the client database and, the first time, the client id. */
    public Replication build() {
      if (models.isEmpty()) {
        throw new IllegalArgumentException("name at least one model to replicate: models(SalesInvoice.class)");
      }
      for (Class<?> model : handlers.keySet()) {
        if (!models.contains(model)) {
          throw new IllegalArgumentException("a conflict handler is given for " + model.getName() + ", which is not in models(...)");
        }
      }
      return new Replication(this);
    }
  }
}
