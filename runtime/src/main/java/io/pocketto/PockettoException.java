package io.pocketto;

/** The base of every exception Pocketto raises. {@link #status()} is the matching HTTP status. */
public class PockettoException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  /** Creates an exception with an HTTP-like status. */
  public PockettoException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** Creates an exception with status 500. */
  public PockettoException(String message, Throwable cause) {
    this(500, message, cause);
  }

  /** The HTTP status that describes this failure: 409 for a conflict, 404 for a missing document, 500 otherwise. */
  public int status() {
    return status;
  }
}
