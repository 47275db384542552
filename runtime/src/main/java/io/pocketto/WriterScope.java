package io.pocketto;

/**
 * Makes every write through one {@link Database} on the calling thread record another writer, until
 * closed: {@code try (WriterScope as = db.as("alice")) { invoice.save(); }}. A web application opens one
 * per request for the signed-in user, without a {@code Database} per user. Scopes nest; closing one puts
 * back the writer that was current before it. It covers the thread that opened it only: work handed to
 * another thread runs as that thread's writer. {@link Database#as(String)} opens one.
 */
public interface WriterScope extends AutoCloseable {

  /** The writer this scope writes as. */
  String writer();

  /**
   * Ends the scope: the thread writes as the writer current before it again. Closing twice does nothing.
   *
   * @throws IllegalStateException if called on another thread than the one that opened it
   */
  @Override
  void close();
}
