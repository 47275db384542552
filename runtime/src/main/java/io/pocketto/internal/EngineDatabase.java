package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.BundleWork;
import io.pocketto.ChangeListener;
import io.pocketto.Database;
import io.pocketto.DatabaseSettings;
import io.pocketto.ModelStore;
import io.pocketto.ModelType;
import io.pocketto.RetryPolicy;
import io.pocketto.Subscription;
import io.pocketto.WriterScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The engine's {@link Database}: what {@link io.pocketto.Pocketto} opens, through {@link EngineProvider}. */
public final class EngineDatabase implements Database {
  private final Engine engine;
  /** One store per model: {@code SalesInvoice.in(db)} on every call finds it here instead of making one. */
  private final Map<ModelType<?>, EngineStore<?>> stores = new ConcurrentHashMap<>();

  EngineDatabase(DatabaseSettings settings) {
    Engine.Options options = new Engine.Options(settings.transactionJoiner(), settings.createTables(),
        settings.retryPolicy(), metrics(settings));
    this.engine = settings.dataSource() != null
        ? Engine.borrow(this, settings.dataSource(), options)
        : Engine.open(this, settings.url(), settings.user(), settings.password(), settings.maxPoolSize(), options);
  }

  /** The registry as given, wrapped here: only {@link MicrometerMetrics} names Micrometer, an optional dependency. */
  private static Metrics metrics(DatabaseSettings settings) {
    return settings.meterRegistry() == null ? Metrics.NONE : new MicrometerMetrics(settings.meterRegistry());
  }

  @Override
  @SuppressWarnings("unchecked") // each binding's store is made for that binding, so its T is the same
  public <T extends ActiveRecord<T>> EngineStore<T> store(ModelType<T> model) {
    EngineStore<?> store = stores.get(model);
    if (store == null) {
      ModelBinding<T> binding = ModelBinding.of(model);
      store = stores.computeIfAbsent(binding, b -> new EngineStore<>(engine.table(binding)));
    }
    return (EngineStore<T>) store;
  }

  @Override
  public void bundle(BundleWork work) {
    engine.bundle(work);
  }

  @Override
  public Subscription onChange(String collection, ChangeListener listener) {
    return engine.onChange(collection, listener);
  }

  @Override
  public List<String> schemaStatements(ModelType<?>... models) {
    List<ModelBinding<?>> bindings = new ArrayList<>(models.length);
    for (ModelType<?> model : models) {
      bindings.add(ModelBinding.of(model));
    }
    return engine.schemaStatements(bindings);
  }

  @Override
  public RetryPolicy retryPolicy() {
    return engine.retryPolicy();
  }

  @Override
  public void setRetryPolicy(RetryPolicy policy) {
    engine.setRetryPolicy(policy);
  }

  @Override
  public String writer() {
    return engine.writer();
  }

  @Override
  public void setWriter(String writer) {
    engine.setWriter(writer);
  }

  @Override
  public WriterScope as(String writer) {
    return new Scope(engine, writer);
  }

  @Override
  public String id() {
    return engine.databaseId();
  }

  @Override
  public String url() {
    return engine.url();
  }

  @Override
  public String dialectName() {
    return engine.dialect().name();
  }

  @Override
  public void ping() {
    engine.ping();
  }

  @Override
  public boolean isClosed() {
    return engine.isClosed();
  }

  @Override
  public void close() {
    engine.close();
  }

  @Override
  public String toString() {
    return "Database{" + engine.url() + "}";
  }

  /** A {@link WriterScope} on the engine's per-thread writer. */
  private static final class Scope implements WriterScope {
    private final Engine engine;
    private final String writer;
    private final String previous;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    Scope(Engine engine, String writer) {
      this.engine = engine;
      this.writer = writer;
      this.previous = engine.enterWriterScope(writer);
    }

    @Override
    public String writer() {
      return writer;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException("a writer scope must be closed on the thread that opened it ("
            + owner.getName() + "), not on " + Thread.currentThread().getName());
      }
      closed = true;
      engine.exitWriterScope(previous);
    }
  }
}
