package io.pocketto;

/**
 * A parsed revision, {@code <height>-<32 lowercase hex>}: the height counts accepted writes from 1,
 * the hash is the md5 of the parent revision, the deleted flag and the canonical JSON body.
 */
public record Revision(long height, String hash) {
  // Parsed by hand, not by a regex: every save parses its parent revision, and a Matcher per save showed
  // up in the benchmark profiles. The accepted form is exactly ([1-9][0-9]{0,17})-([0-9a-f]{32}).
  private static final int MAX_HEIGHT_DIGITS = 18;
  private static final int HASH_LENGTH = 32;

  /** Validates the parts. */
  public Revision {
    if (height < 1) {
      throw new IllegalArgumentException("revision height must be at least 1, was " + height);
    }
    if (hash == null || !isHash(hash, 0)) {
      throw new IllegalArgumentException("revision hash must be 32 lowercase hex digits, was '" + hash + "'");
    }
  }

  /**
   * Parses {@code "3-0f1e..."}.
   *
   * @throws IllegalArgumentException with the offending text if it is not a revision
   */
  public static Revision parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("revision must not be null");
    }
    int dash = heightEnd(text);
    if (dash < 0 || !isHash(text, dash + 1)) {
      String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
      throw new IllegalArgumentException(
          "invalid revision '" + shown + "': expected <height>-<32 lowercase hex digits>, e.g. 1-0123456789abcdef0123456789abcdef");
    }
    return new Revision(Long.parseLong(text, 0, dash, 10), text.substring(dash + 1));
  }

  /** Whether {@code text} is a well-formed revision. */
  public static boolean isValid(String text) {
    if (text == null) {
      return false;
    }
    int dash = heightEnd(text);
    return dash > 0 && isHash(text, dash + 1);
  }

  /** The index of the dash after a well-formed height at the start of {@code text}, or -1. */
  private static int heightEnd(String text) {
    int n = text.length();
    if (n == 0 || text.charAt(0) < '1' || text.charAt(0) > '9') {
      return -1;
    }
    int i = 1;
    while (i < n && i < MAX_HEIGHT_DIGITS && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i < n && text.charAt(i) == '-' ? i : -1;
  }

  /** Whether {@code text} from {@code from} to its end is exactly 32 lowercase hex digits. */
  private static boolean isHash(String text, int from) {
    if (text.length() - from != HASH_LENGTH) {
      return false;
    }
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return height + "-" + hash;
  }
}
