package io.pocketto.sync;

import io.pocketto.PockettoException;

/**
 * The remote could not be reached, or did not answer in time, or answered with a server error: the
 * client is offline for now. Nothing the client holds is lost; a later sync picks up where this one
 * stopped. A live {@link Replication} backs off and tries again.
 */
public class RemoteUnavailableException extends PockettoException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public RemoteUnavailableException(String message, Throwable cause) {
    super(503, message, cause);
  }
}
