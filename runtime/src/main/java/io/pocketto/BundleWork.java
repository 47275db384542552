package io.pocketto;

/** The writes of a {@link Database#bundle(BundleWork)}. */
@FunctionalInterface
public interface BundleWork {
  /** Performs the writes; throwing anything rolls every one of them back. */
  void run(Bundle bundle);
}
