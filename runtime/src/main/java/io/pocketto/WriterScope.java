package io.pocketto;

import io.pocketto.internal.Engine;

/**
 * Makes every write through one {@link Database} on the calling thread record another writer, until
 * closed: {@code try (WriterScope as = db.as("alice")) { invoice.save(); }}. A web application opens one
 * per request for the signed-in user, without a {@code Database} per user. Scopes nest; closing one puts
 * back the writer that was current before it. It covers the thread that opened it only: work handed to
 * another thread runs as that thread's writer.
 */
public final class WriterScope implements AutoCloseable {
  private final Engine engine;
  private final String writer;
  private final String previous;
  private final Thread owner = Thread.currentThread();
  private boolean closed;

  WriterScope(Engine engine, String writer) {
    this.engine = engine;
    this.writer = writer;
    this.previous = engine.enterWriterScope(writer);
  }

  /** The writer this scope writes as. */
  public String writer() {
    return writer;
  }

  /**
   * Ends the scope: the thread writes as the writer current before it again. Closing twice does nothing.
   *
   * @throws IllegalStateException if called on another thread than the one that opened it
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("a writer scope must be closed on the thread that opened it (" + owner.getName()
          + "), not on " + Thread.currentThread().getName());
    }
    closed = true;
    engine.exitWriterScope(previous);
  }
}
