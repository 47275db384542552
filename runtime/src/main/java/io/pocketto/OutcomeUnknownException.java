package io.pocketto;

/**
 * A write was sent, but the database did not answer (the connection was lost, a failover happened), and
 * it stayed unreachable while Pocketto tried, under the database's {@link RetryPolicy}, to find out
 * whether the write had happened. It may have. Not a {@link ConflictException}: nobody else's write is
 * known to be in the way.
 *
 * <p>Saving the same record again, once the database answers, is safe: a save that finds the very
 * revision it would write already stored succeeds without writing again. Or compare
 * {@link #attemptedRevision()} with the stored one. Status 503.
 */
public class OutcomeUnknownException extends StorageException {
  private static final long serialVersionUID = 1L;
  private final String collection;
  private final String id;
  private final String attemptedRevision;

  /** Creates the exception; {@code cause} is the last failure met while finding out. */
  public OutcomeUnknownException(String collection, String id, String attemptedRevision, Throwable cause) {
    super(503, "the outcome of writing " + collection + "/" + id + " at revision " + attemptedRevision
        + " is unknown: the database did not answer, and could not be asked again in time; saving the record "
        + "again is safe (a save that finds its own revision stored does not write twice)", cause);
    this.collection = collection;
    this.id = id;
    this.attemptedRevision = attemptedRevision;
  }

  /** The collection written. */
  public String collection() {
    return collection;
  }

  /** The id of the document written; for a bundle, the first document whose outcome is unknown. */
  public String id() {
    return id;
  }

  /** The revision the write would have stored. */
  public String attemptedRevision() {
    return attemptedRevision;
  }
}
