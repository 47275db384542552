package io.pocketto.bench;

/**
 * The collection-writes workload, shared by its JMH benchmark, the interleaved ratios and the smoke test:
 * each writer thread holds a slice of the collection's documents of its own and writes them in turn.
 */
final class Writers {
  /** Documents each writer holds. */
  static final int PER_THREAD = 32;

  private Writers() {}

  /** One writer's documents, loaded, written round-robin; used by one thread only. */
  static final class Slice {
    private final Object[] held;
    private int next;

    private Slice(Object[] held) {
      this.held = held;
    }

    /** Writes the next of this writer's documents ({@link Contender#write}). */
    void writeNext(Contender contender) {
      contender.write(held[next]);
      next = next + 1 == held.length ? 0 : next + 1;
    }
  }

  /** Loads writer {@code writer}'s share of {@code ids}: {@value #PER_THREAD} documents no other writer has. */
  static Slice slice(Contender contender, String[] ids, int writer) {
    if ((writer + 1) * PER_THREAD > ids.length) {
      throw new IllegalStateException("writer " + writer + " has no documents of its own among " + ids.length);
    }
    Object[] held = new Object[PER_THREAD];
    for (int i = 0; i < PER_THREAD; i++) {
      String id = ids[writer * PER_THREAD + i];
      held[i] = contender.findById(id);
      if (held[i] == null) {
        throw new IllegalStateException("invoice " + id + " is not stored");
      }
    }
    return new Slice(held);
  }

  /** The writes stored in {@code ids}: each added one to {@code reminders}, which starts at 0. */
  static long storedWrites(Contender contender, String[] ids) {
    long stored = 0;
    for (String id : ids) {
      stored += contender.reminders(id);
    }
    return stored;
  }
}
