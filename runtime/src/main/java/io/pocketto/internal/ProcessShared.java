package io.pocketto.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Values of this process shared by every {@code Database} open on one stored database, one per key. A value lives
 * while any of them holds it: once the last lets go, another process may open the database, so the next holder
 * starts afresh.
 *
 * @param <V> the shared value
 */
final class ProcessShared<V> {
  private final Map<String, Held<V>> held = new HashMap<>();

  private static final class Held<V> {
    final V value;
    int holders;

    Held(V value) {
      this.value = value;
    }
  }

  /** The value of {@code key}, counting one more holder; {@code make} runs only if nobody holds it yet. */
  synchronized V acquire(String key, Supplier<V> make) {
    Held<V> entry = held.get(key);
    if (entry == null) {
      entry = new Held<>(make.get());
      held.put(key, entry);
    }
    entry.holders++;
    return entry.value;
  }

  /** One holder of {@code key}'s value let go of it. */
  synchronized void release(String key) {
    Held<V> entry = held.get(key);
    if (entry != null && --entry.holders == 0) {
      held.remove(key);
    }
  }
}
