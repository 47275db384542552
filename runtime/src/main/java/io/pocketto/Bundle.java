package io.pocketto;

/**
 * An open all-or-nothing write: see {@link Database#bundle(BundleWork)}. Valid only inside the work
 * it was given to, and only on that thread.
 */
public interface Bundle {
  /** The database the bundle writes to. */
  Database database();
}
