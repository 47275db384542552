package io.pocketto.sync;

/**
 * A sync request without valid credentials: none, a bad signature, another issuer, an expired token.
 * The server answers it with 401; a {@link Replication} told 401 pauses and reports it in its status
 * rather than trying again and again (see {@link Replication#resume()}).
 */
public class SyncAuthenticationException extends SyncProtocolException {
  private static final long serialVersionUID = 1L;

  /** A 401 with a message for the client. */
  public SyncAuthenticationException(String message) {
    super(401, message);
  }
}
