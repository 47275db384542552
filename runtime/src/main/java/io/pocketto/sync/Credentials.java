package io.pocketto.sync;

import java.util.function.Supplier;

/**
 * What a {@link Remote} signs its requests with: a bearer token, fetched when first needed and fetched
 * again when the server answers 401 (an expired token). Implementations must be thread-safe.
 */
public interface Credentials {
  /** The token to send now ({@code Authorization: Bearer <token>}); may be one kept from before. */
  String token();

  /**
   * A new token after the server refused {@code rejected} with 401; {@code null} (the default) if there
   * is none to be had, so that the replication pauses and reports it rather than trying again.
   */
  default String refresh(String rejected) {
    return null;
  }

  /** A fixed token, never refreshed. */
  static Credentials bearer(String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("the token must not be empty");
    }
    return () -> token;
  }

  /**
   * Tokens from {@code issue} (a sign-in call, a token endpoint): called for the first request, then
   * again each time the server refuses the token in use with 401.
   */
  static Credentials issuedBy(Supplier<String> issue) {
    if (issue == null) {
      throw new IllegalArgumentException("the token source must not be null");
    }
    return new Credentials() {
      private String current;

      @Override
      public synchronized String token() {
        if (current == null) {
          current = issue.get();
        }
        return current;
      }

      @Override
      public synchronized String refresh(String rejected) {
        if (current != null && !current.equals(rejected)) {
          return current; // another thread refreshed it already
        }
        String next = issue.get();
        if (next == null || next.equals(rejected)) {
          return null;
        }
        current = next;
        return next;
      }
    };
  }
}
