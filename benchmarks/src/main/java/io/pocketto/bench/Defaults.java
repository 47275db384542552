package io.pocketto.bench;

/** Settings shared by every benchmark class, in one place. */
final class Defaults {
  /** Invoices findById and readModifyWrite pick from. */
  static final int DOCUMENTS = 10_000;

  private Defaults() {}

  /** The next pseudo-random index below {@code bound}, from a per-thread xorshift state. */
  static int pick(long[] state, int bound) {
    long x = state[0];
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    state[0] = x;
    return (int) ((x >>> 1) % bound);
  }
}
