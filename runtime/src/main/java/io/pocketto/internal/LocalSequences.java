package io.pocketto.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@link LocalSequence}s of this process, one per database and collection, shared by every
 * {@code Database} open on that database. An entry lives while any of them is open: once the last one
 * closes, another process may write the database, so the next open starts again from what is stored.
 */
final class LocalSequences {
  private static final Map<String, Entry> OPEN = new HashMap<>();

  private LocalSequences() {}

  /** Initialises a sequence from the table: the largest number stored. */
  @FunctionalInterface
  interface LastStored {
    long read();
  }

  private static final class Entry {
    final LocalSequence sequence;
    int users;

    Entry(LocalSequence sequence) {
      this.sequence = sequence;
    }
  }

  /**
   * The sequence of {@code collection} in the database with id {@code databaseId}, counting one more
   * user; {@code lastStored} runs only if no user holds it yet.
   */
  static LocalSequence acquire(String databaseId, String collection, LastStored lastStored) {
    String key = databaseId + '\0' + collection;
    synchronized (OPEN) {
      Entry entry = OPEN.get(key);
      if (entry == null) {
        entry = new Entry(new LocalSequence(lastStored.read()));
        OPEN.put(key, entry);
      }
      entry.users++;
      return entry.sequence;
    }
  }

  /** One user of the sequence let go of it. */
  static void release(String databaseId, String collection) {
    String key = databaseId + '\0' + collection;
    synchronized (OPEN) {
      Entry entry = OPEN.get(key);
      if (entry != null && --entry.users == 0) {
        OPEN.remove(key);
      }
    }
  }
}
