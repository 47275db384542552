package io.pocketto.internal;

import java.security.SecureRandom;
import java.util.UUID;

/** Document ids: validation of user ids, and UUIDv7 generation for records saved without one. */
public final class Ids {
  /** The longest id accepted, in UTF-16 characters. */
  public static final int MAX_LENGTH = 255;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /**
   * Checks a user-supplied id.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static String requireValid(String id) {
    return requireValid("id", id);
  }

  /**
   * Checks a user-supplied name stored beside the document, such as a writer: not empty, at most
   * {@value #MAX_LENGTH} characters, no NUL, no unpaired surrogates.
   *
   * @param what what the value is, for the error message, e.g. {@code "writer"}
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static String requireValid(String what, String id) {
    if (id == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (id.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (id.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          what + " is " + id.length() + " characters long; the maximum is " + MAX_LENGTH);
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '\0') {
        throw new IllegalArgumentException(what + " must not contain NUL (at index " + i + ")");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < id.length() && Character.isLowSurrogate(id.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new IllegalArgumentException(what + " contains an unpaired surrogate at index " + i);
      }
      if (Character.isLowSurrogate(c)) {
        throw new IllegalArgumentException(what + " contains an unpaired surrogate at index " + i);
      }
    }
    return id;
  }

  /** A new RFC 9562 version 7 UUID: 48 bits of Unix milliseconds, then random bits, so ids sort by creation time. */
  public static String uuidV7() {
    long millis = System.currentTimeMillis();
    long randA = RANDOM.nextInt(1 << 12);
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }
}
