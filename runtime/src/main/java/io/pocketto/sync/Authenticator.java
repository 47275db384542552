package io.pocketto.sync;

/**
 * Turns a sync request's headers into the {@link Principal} it comes from, or refuses it. The
 * {@link SyncServer} calls it on every pull and push before reading anything else of the request.
 * {@link JwtAuthenticator} checks signed bearer tokens; an application can plug in its own (an API key
 * table, a session cookie).
 */
@FunctionalInterface
public interface Authenticator {
  /**
   * The principal the request comes from.
   *
   * @throws SyncAuthenticationException (401) when there are no credentials, or they are bad or expired;
   *     its message is sent to the client, so it must say what is wrong without echoing secrets
   */
  Principal authenticate(Headers headers);

  /** A request's headers, looked up by name without regard to case. */
  @FunctionalInterface
  interface Headers {
    /** Headers of a request that carries none. */
    Headers NONE = name -> null;

    /** The first value of the header, or {@code null}. */
    String get(String name);

    /** The credentials of an {@code Authorization: Bearer <token>} header, or {@code null}. */
    default String bearerToken() {
      String value = get("Authorization");
      if (value == null || value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return null;
      }
      String token = value.substring(7).trim();
      return token.isEmpty() ? null : token;
    }
  }
}
