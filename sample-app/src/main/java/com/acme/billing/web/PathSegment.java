package com.acme.billing.web;

import java.nio.charset.StandardCharsets;

/**
 * Builds the path segment of a URL from an invoice id, so that the URL leads back to exactly that id.
 * {@code URLEncoder} is made for form data and writes a space as {@code +}, which in a path is a plus
 * sign: id {@code x 1} would point at invoice {@code x+1}.
 */
public final class PathSegment {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PathSegment() {}

  /**
   * {@code text} percent-encoded as one path segment (RFC 3986): every byte of its UTF-8 form but the
   * unreserved characters is escaped, so {@code /}, {@code %}, {@code +}, {@code ?} and {@code #} stay
   * inside the segment. The segments {@code .} and {@code ..} are escaped whole, because clients resolve
   * them as "here" and "up" before sending.
   */
  public static String encode(String text) {
    if (text.equals(".") || text.equals("..")) {
      return text.replace(".", "%2E");
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }
}
