package io.pocketto.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * {@link Metrics} as Micrometer meters, each tagged with {@code collection}: timers {@code
 * pocketto.reads} and {@code pocketto.writes}, counters {@code pocketto.conflicts}, {@code
 * pocketto.retries} and {@code pocketto.retries.exhausted}, the gauge {@code pocketto.changes.held.back}
 * (the changes feed's lag), and the untagged counter {@code pocketto.bundle.rollbacks}. Only this class names Micrometer, which the runtime depends on optionally.
 */
public final class MicrometerMetrics implements Metrics {
  private final MeterRegistry registry;
  private final Map<String, Timer> reads = new ConcurrentHashMap<>();
  private final Map<String, Timer> writes = new ConcurrentHashMap<>();
  private final Map<String, Counter> conflicts = new ConcurrentHashMap<>();
  private final Map<String, Counter> retries = new ConcurrentHashMap<>();
  private final Map<String, Counter> exhausted = new ConcurrentHashMap<>();
  private final Counter rollbacks;

  /** Meters registered in {@code registry}. */
  public MicrometerMetrics(MeterRegistry registry) {
    if (registry == null) {
      throw new IllegalArgumentException("meter registry must not be null");
    }
    this.registry = registry;
    this.rollbacks = Counter.builder("pocketto.bundle.rollbacks")
        .description("Bundles and joined application transactions rolled back").register(registry);
  }

  private static <M> M meter(Map<String, M> meters, String collection, Function<String, M> register) {
    M meter = meters.get(collection);
    return meter != null ? meter : meters.computeIfAbsent(collection, register);
  }

  private Timer timer(String name, String description, String collection) {
    return Timer.builder(name).description(description).tag("collection", collection).register(registry);
  }

  private Counter counter(String name, String description, String collection) {
    return Counter.builder(name).description(description).tag("collection", collection).register(registry);
  }

  @Override
  public void read(String collection, long nanos) {
    meter(reads, collection, c -> timer("pocketto.reads", "Reads: by id, listings, counts and queries", c))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void write(String collection, long nanos) {
    meter(writes, collection, c -> timer("pocketto.writes", "Accepted writes: inserts, updates, tombstones", c))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void conflict(String collection) {
    meter(conflicts, collection, c -> counter("pocketto.conflicts", "Writes refused with a 409", c)).increment();
  }

  @Override
  public void retry(String collection) {
    meter(retries, collection, c -> counter("pocketto.retries", "Retries after a 409", c)).increment();
  }

  @Override
  public void retriesExhausted(String collection) {
    meter(exhausted, collection, c -> counter("pocketto.retries.exhausted", "Writes that ran out of retries", c))
        .increment();
  }

  @Override
  public void bundleRolledBack() {
    rollbacks.increment();
  }

  @Override
  public void changesFeed(String collection, LongSupplier heldBack) {
    // Held strongly: the supplier is the table's method reference, which nothing else keeps.
    Gauge.builder("pocketto.changes.held.back", heldBack, LongSupplier::getAsLong)
        .description("Committed writes the changes feed cannot hand out yet, behind a write still in flight")
        .tag("collection", collection).strongReference(true).register(registry);
  }
}
