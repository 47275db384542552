package io.pocketto.internal;

/**
 * The {@link LocalSequence}s of this process, one per database and collection, shared by every
 * {@code Database} open on that database. An entry lives while any of them is open: once the last one
 * closes, another process may write the database, so the next open starts again from what is stored.
 */
final class LocalSequences {
  private static final ProcessShared<LocalSequence> OPEN = new ProcessShared<>();

  private LocalSequences() {}

  /** Initialises a sequence from the table: the largest number stored. */
  @FunctionalInterface
  interface LastStored {
    long read();
  }

  /**
   * The sequence of {@code collection} in the database with id {@code databaseId}, counting one more
   * user; {@code lastStored} runs only if no user holds it yet.
   */
  static LocalSequence acquire(String databaseId, String collection, LastStored lastStored) {
    return OPEN.acquire(databaseId + '\0' + collection, () -> new LocalSequence(lastStored.read()));
  }

  /** One user of the sequence let go of it. */
  static void release(String databaseId, String collection) {
    OPEN.release(databaseId + '\0' + collection);
  }
}
