package io.pocketto.sync;

/**
 * A pull or push the server's rules refuse to an authenticated principal (403): a collection it has no
 * scope in. The message never says whether a document exists.
 */
public class SyncRefusedException extends SyncProtocolException {
  private static final long serialVersionUID = 1L;

  /** A 403 with a message for the client. */
  public SyncRefusedException(String message) {
    super(403, message);
  }
}
