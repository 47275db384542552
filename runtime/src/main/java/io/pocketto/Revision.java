package io.pocketto;

import java.util.regex.Pattern;

/**
 * A parsed revision, {@code <height>-<32 lowercase hex>}: the height counts accepted writes from 1,
 * the hash is the md5 of the parent revision, the deleted flag and the canonical JSON body.
 */
public record Revision(long height, String hash) {
  private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,17})-([0-9a-f]{32})");

  /** Validates the parts. */
  public Revision {
    if (height < 1) {
      throw new IllegalArgumentException("revision height must be at least 1, was " + height);
    }
    if (hash == null || !FORMAT.matcher("1-" + hash).matches()) {
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
    var m = FORMAT.matcher(text);
    if (!m.matches()) {
      String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
      throw new IllegalArgumentException(
          "invalid revision '" + shown + "': expected <height>-<32 lowercase hex digits>, e.g. 1-0123456789abcdef0123456789abcdef");
    }
    return new Revision(Long.parseLong(m.group(1)), m.group(2));
  }

  /** Whether {@code text} is a well-formed revision. */
  public static boolean isValid(String text) {
    return text != null && FORMAT.matcher(text).matches();
  }

  @Override
  public String toString() {
    return height + "-" + hash;
  }
}
