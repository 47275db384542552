package io.pocketto;

/** The database failed or refused a statement for a reason other than a revision conflict. */
public class StorageException extends PockettoException {
  private static final long serialVersionUID = 1L;

  /** Wraps a database failure. */
  public StorageException(String message, Throwable cause) {
    super(500, message, cause);
  }

  /** Wraps a database failure that deserves another HTTP-like status. */
  protected StorageException(int status, String message, Throwable cause) {
    super(status, message, cause);
  }
}
