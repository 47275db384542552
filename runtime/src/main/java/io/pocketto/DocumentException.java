package io.pocketto;

/**
 * A failure about one stored document: a conflict, a lock held by another writer, or a missing document.
 * It names the document, so that a caller can find it again or report which one failed.
 */
public abstract class DocumentException extends PockettoException {
  private static final long serialVersionUID = 1L;
  private final String collection;
  private final String id;

  /** Creates the exception for document {@code id} of {@code collection}. */
  protected DocumentException(int status, String message, String collection, String id) {
    super(status, message, null);
    this.collection = collection;
    this.id = id;
  }

  /** The collection of the document. */
  public String collection() {
    return collection;
  }

  /** The id of the document. */
  public String id() {
    return id;
  }
}
