package io.pocketto.bench;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for new invoices, made by the benchmark and handed to every variant alike, so that no variant
 * pays for (or saves on) id generation the others do not.
 */
public final class UuidV7 {
  private UuidV7() {}

  /** A new version 7 UUID: Unix milliseconds first, so ids sort by creation time like the runtime's own. */
  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (System.currentTimeMillis() << 16) | (0x7L << 12) | random.nextInt(1 << 12);
    long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }
}
