package io.pocketto.query;

import io.pocketto.PockettoException;

/**
 * A repository method that returns the model itself (not {@code Optional}) found no document. Declare
 * {@code Optional<SalesInvoice>} instead when absence is normal.
 */
public class NoResultException extends PockettoException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for the query named {@code query}. */
  public NoResultException(String collection, String query) {
    super(404, query + " found no document in '" + collection + "'; declare the method to return Optional "
        + "if that can happen", null);
  }
}
