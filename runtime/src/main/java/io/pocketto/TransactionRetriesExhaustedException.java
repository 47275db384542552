package io.pocketto;

/**
 * A bundle was rolled back and run again after each of its attempts met a deadlock, a serialization
 * failure or a lock timeout, until the database's {@link RetryPolicy} ran out. Nothing of it is written,
 * and every record is as it was before the bundle. Unlike a {@link ConflictException}, no revision was
 * stale: other transactions held what this one needed. Status 503: trying again later may succeed.
 */
public class TransactionRetriesExhaustedException extends StorageException {
  private static final long serialVersionUID = 1L;
  private final int attempts;

  /** Creates the exception; {@code lastFailure} becomes the cause. */
  public TransactionRetriesExhaustedException(int attempts, StorageException lastFailure) {
    super(503, "gave up on a bundle after " + attempts + " attempts, each rolled back by a deadlock, a serialization "
        + "failure or a lock timeout; nothing was written (last: " + lastFailure.getMessage() + ")", lastFailure);
    this.attempts = attempts;
  }

  /** How many times the bundle ran. */
  public int attempts() {
    return attempts;
  }
}
