package io.pocketto;

/**
 * Receives {@link ChangeEvent}s for writes made through one {@link Database}: only after commit,
 * never for a rolled-back bundle, and in revision order per document. Called on the writing thread;
 * keep it quick. An exception it throws is logged and does not affect the write or other listeners.
 */
@FunctionalInterface
public interface ChangeListener {
  /** Called once per accepted write. */
  void onChange(ChangeEvent event);
}
