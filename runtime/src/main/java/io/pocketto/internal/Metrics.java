package io.pocketto.internal;

import java.util.function.LongSupplier;

/**
 * What the engine counts and times, per collection; {@link #NONE} unless the application gives a
 * Micrometer registry ({@link MicrometerMetrics}).
 */
public interface Metrics {
  /** Counts nothing. */
  Metrics NONE = new Metrics() {};

  /** A read by id, a listing, a count or a query of {@code collection} took {@code nanos}. */
  default void read(String collection, long nanos) {}

  /** An accepted write (insert, update or tombstone) to {@code collection} took {@code nanos}. */
  default void write(String collection, long nanos) {}

  /** A write to {@code collection} was refused with a 409. */
  default void conflict(String collection) {}

  /** An incremental write or a conflict handler tries again after a 409. */
  default void retry(String collection) {}

  /** An incremental write or a conflict handler gave up ({@code RetriesExhaustedException}). */
  default void retriesExhausted(String collection) {}

  /** A bundle, or an application transaction Pocketto had joined, was rolled back. */
  default void bundleRolledBack() {}

  /**
   * The changes feed of {@code collection} opened in this database; {@code heldBack} counts the committed
   * writes it cannot hand out yet (its lag), by a query each time it is called.
   */
  default void changesFeed(String collection, LongSupplier heldBack) {}
}
