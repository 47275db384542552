package io.pocketto.internal;

import java.util.TreeSet;

/**
 * The change numbers of one collection, drawn in this process, for a database that cannot say which
 * of its transactions are still running (H2). A number stays <em>in flight</em> from the moment it is
 * drawn until the write that carries it has committed or failed; a reader never reads past the lowest
 * number in flight (the watermark). A write that drew 10 and commits after one that drew 11 is
 * therefore never skipped: until 10 ends, a reader stops at 9.
 *
 * <p>This is correct only while every write to the database draws from here, that is while this
 * process is the only writer; {@link H2Dialect} refuses URLs that let other processes in. Several
 * {@code Database}s on one database in this process share one instance through {@link LocalSequences}.
 */
final class LocalSequence {
  private final TreeSet<Long> inFlight = new TreeSet<>();
  private long last;

  LocalSequence(long lastStored) {
    this.last = lastStored;
  }

  /** Draws the next number and marks it in flight; {@link #release} must follow in every case. */
  synchronized long draw() {
    long next = ++last;
    inFlight.add(next);
    return next;
  }

  /** Ends the write that drew {@code number}, committed or not. */
  synchronized void release(long number) {
    inFlight.remove(number);
  }

  /** The highest number a reader may read up to: every write numbered up to it has ended. */
  synchronized long readableUpTo() {
    return inFlight.isEmpty() ? last : inFlight.first() - 1;
  }
}
