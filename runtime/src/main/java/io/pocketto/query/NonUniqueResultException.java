package io.pocketto.query;

import io.pocketto.PockettoException;

/**
 * A repository method that returns one document ({@code Optional} or the model itself) matched more
 * than one. Name it {@code findFirstBy...} to take the first in order instead.
 */
public class NonUniqueResultException extends PockettoException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for the query named {@code query}. */
  public NonUniqueResultException(String collection, String query) {
    super(500, query + " matched more than one document in '" + collection + "'; name it findFirstBy... "
        + "to take the first, or return a List", null);
  }
}
