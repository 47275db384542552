package io.pocketto;

/**
 * An incremental write or conflict handler kept meeting new conflicts until its {@link RetryPolicy}
 * ran out. The record is left as it was before the call. Status 409, like the conflict it carries.
 */
public class RetriesExhaustedException extends PockettoException {
  private static final long serialVersionUID = 1L;
  private final int attempts;

  /** Creates the exception; {@code lastConflict} becomes the cause. */
  public RetriesExhaustedException(int attempts, ConflictException lastConflict) {
    super(409, "gave up after " + attempts + " attempts: " + lastConflict.collection() + "/" + lastConflict.id()
        + " kept changing (last stored revision " + lastConflict.revision() + ")", lastConflict);
    this.attempts = attempts;
  }

  /** How many writes were attempted. */
  public int attempts() {
    return attempts;
  }

  /** The conflict that met the last attempt. */
  public ConflictException lastConflict() {
    return (ConflictException) getCause();
  }
}
