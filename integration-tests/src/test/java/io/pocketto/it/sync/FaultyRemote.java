package io.pocketto.it.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pocketto.sync.Remote;
import io.pocketto.sync.RemoteUnavailableException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Remote} that loses messages on purpose: the connection cut before the server sees a push,
 * or after it committed but before the answer arrives; a pull answer lost or corrupted; the server
 * down. It also records every push, to replay old batches later.
 */
final class FaultyRemote implements Remote {
  /** What happens to the next message of a kind. */
  enum Fault { NONE, CUT_BEFORE, CUT_AFTER, CORRUPT_LAST_DOCUMENT }

  private volatile Remote target;
  private volatile boolean down;
  private Fault nextPush = Fault.NONE;
  private Fault nextPull = Fault.NONE;
  private Runnable beforeNextPull;
  private final List<ObjectNode> pushes = new ArrayList<>();
  private int pushCalls;
  private int pullCalls;

  FaultyRemote(Remote target) {
    this.target = target;
  }

  /** Points at another server (a restarted one). */
  void retarget(Remote newTarget) {
    this.target = newTarget;
  }

  /** Every message fails as if the server were unreachable. */
  void down(boolean isDown) {
    this.down = isDown;
  }

  /** Back to a working connection: up, with no fault armed. */
  synchronized void heal() {
    down = false;
    nextPush = Fault.NONE;
    nextPull = Fault.NONE;
  }

  synchronized void failNextPush(Fault fault) {
    this.nextPush = fault;
  }

  /** Runs {@code action} once, just before the next pull reaches the server: a local save racing a sync. */
  synchronized void beforeNextPull(Runnable action) {
    this.beforeNextPull = action;
  }

  synchronized void failNextPull(Fault fault) {
    this.nextPull = fault;
  }

  /** The push requests that reached the server, oldest first. */
  synchronized List<ObjectNode> pushesSent() {
    return List.copyOf(pushes);
  }

  synchronized int pushCalls() {
    return pushCalls;
  }

  synchronized int pullCalls() {
    return pullCalls;
  }

  @Override
  public ObjectNode pull(String collection, ObjectNode request) {
    Fault fault;
    Runnable before;
    synchronized (this) {
      pullCalls++;
      fault = nextPull;
      nextPull = Fault.NONE;
      before = beforeNextPull;
      beforeNextPull = null;
    }
    if (before != null) {
      before.run();
    }
    check(fault == Fault.CUT_BEFORE, "pull");
    ObjectNode answer = target.pull(collection, request);
    check(fault == Fault.CUT_AFTER, "pull answer");
    if (fault == Fault.CORRUPT_LAST_DOCUMENT) {
      ArrayNode docs = (ArrayNode) answer.get("documents");
      ((ObjectNode) docs.get(docs.size() - 1)).put("total", "not a number");
    }
    return answer;
  }

  @Override
  public ObjectNode push(String collection, ObjectNode request) {
    Fault fault;
    synchronized (this) {
      pushCalls++;
      fault = nextPush;
      nextPush = Fault.NONE;
    }
    check(fault == Fault.CUT_BEFORE, "push");
    ObjectNode answer = target.push(collection, request);
    synchronized (this) {
      pushes.add(request.deepCopy());
    }
    check(fault == Fault.CUT_AFTER, "push answer");
    return answer;
  }

  private void check(boolean cut, String what) {
    if (down || cut) {
      throw new RemoteUnavailableException("connection cut (" + what + ")", null);
    }
  }
}
