package io.pocketto.internal;

import io.pocketto.ChangeEvent;
import io.pocketto.ChangeListener;
import io.pocketto.Subscription;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers change events of one database to its listeners, after commit, in revision order per
 * document. A write registers itself as in flight before its statement runs; once committed, it waits
 * until the write that produced its parent revision (if that is in flight here too) has delivered
 * its event. The parent is always committed by then, since the child matched its revision, so the
 * wait is short and cannot form a cycle. Nothing is tracked while a collection has no listeners.
 */
final class ChangeFeed {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

  private final Map<String, List<ChangeListener>> listeners = new ConcurrentHashMap<>();
  private final Map<String, List<CountDownLatch>> inFlight = new ConcurrentHashMap<>();
  /** The events this thread is delivering now, with any its listeners' writes queued behind them. */
  private final ThreadLocal<ArrayDeque<Delivery>> delivering = new ThreadLocal<>();

  Subscription subscribe(String collection, ChangeListener listener) {
    if (listener == null) {
      throw new IllegalArgumentException("listener must not be null");
    }
    List<ChangeListener> list = listeners.computeIfAbsent(collection, c -> new CopyOnWriteArrayList<>());
    list.add(listener);
    return () -> list.remove(listener);
  }

  boolean hasListeners(String collection) {
    List<ChangeListener> list = listeners.get(collection);
    return list != null && !list.isEmpty();
  }

  /** Marks a write of {@code revision} as started; {@link Pending#finish()} must follow in every case. */
  Pending begin(String collection, String id, String revision) {
    CountDownLatch latch = new CountDownLatch(1);
    String key = key(collection, id, revision);
    inFlight.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(latch);
    return new Pending(key, latch);
  }

  /** A committed write's event, and the in-flight mark it releases once delivered. */
  record Delivery(Pending pending, ChangeEvent event) {}

  /**
   * Delivers committed writes' events in order, each once its parent's event has been delivered,
   * releasing each write's mark after its event. A write made by a listener (on this thread, while an
   * event is being delivered) is queued behind the events being delivered, so its own event comes after
   * them and never waits for the event that is delivering it. Every mark is released, whatever a
   * listener throws.
   */
  void deliverAll(List<Delivery> deliveries) {
    ArrayDeque<Delivery> queue = delivering.get();
    if (queue != null) {
      queue.addAll(deliveries);
      return;
    }
    queue = new ArrayDeque<>(deliveries);
    delivering.set(queue);
    try {
      for (Delivery d = queue.poll(); d != null; d = queue.poll()) {
        try {
          awaitParent(d.event());
          publish(d.event());
        } finally {
          d.pending().finish();
        }
      }
    } finally {
      for (Delivery d = queue.poll(); d != null; d = queue.poll()) {
        d.pending().finish();
      }
      delivering.remove();
    }
  }

  /** Waits until the event of the write that produced this one's parent revision has been delivered. */
  private void awaitParent(ChangeEvent event) {
    if (event.previousRevision() != null) {
      List<CountDownLatch> parents = inFlight.get(key(event.collection(), event.id(), event.previousRevision()));
      if (parents != null) {
        for (CountDownLatch parent : parents) {
          awaitQuietly(parent);
        }
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      // Deliver now rather than never; keep the interrupt for the caller.
      Thread.currentThread().interrupt();
    }
  }

  private static String key(String collection, String id, String revision) {
    return collection + '\0' + id + '\0' + revision;
  }

  private void publish(ChangeEvent event) {
    List<ChangeListener> list = listeners.get(event.collection());
    if (list == null) {
      return;
    }
    for (ChangeListener listener : list) {
      try {
        listener.onChange(event);
      } catch (Throwable e) {
        // A listener's failure, even an Error, is its own: the write is committed, the caller must not
        // think it failed, and other listeners still hear of it.
        LOG.error("change listener {} failed on {}/{} at {}", listener, event.collection(), event.id(),
            event.revision(), e);
      }
    }
  }

  /** One write in flight. */
  final class Pending {
    private final String key;
    private final CountDownLatch latch;

    private Pending(String key, CountDownLatch latch) {
      this.key = key;
      this.latch = latch;
    }

    /** Ends the write, delivered or failed, releasing any child waiting for it. */
    void finish() {
      inFlight.computeIfPresent(key, (k, list) -> {
        list.remove(latch);
        return list.isEmpty() ? null : list;
      });
      latch.countDown();
    }
  }
}
