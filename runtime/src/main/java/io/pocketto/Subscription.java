package io.pocketto;

/** A registered listener; {@link #close()} unregisters it. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  /** Stops delivery to the listener. */
  @Override
  void close();
}
