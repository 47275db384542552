package io.pocketto.sync;

import io.pocketto.PockettoException;

/**
 * A pull or push request that the server refuses: malformed JSON, an unknown collection, a document
 * whose field has the wrong type, or a pushed revision that cannot be right. Its {@link #status()} is
 * the HTTP status to answer with (400 or 404), and nothing was written.
 */
public class SyncProtocolException extends PockettoException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with an HTTP status of 4xx. */
  public SyncProtocolException(int status, String message) {
    super(status, message, null);
  }

  /** Creates a 400 with the cause of the refusal. */
  public SyncProtocolException(String message, Throwable cause) {
    super(400, message, cause);
  }
}
