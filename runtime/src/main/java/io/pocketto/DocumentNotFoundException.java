package io.pocketto;

/** A save, delete or reload addressed a document that is not stored (status 404). */
public class DocumentNotFoundException extends PockettoException {
  private static final long serialVersionUID = 1L;
  private final String collection;
  private final String id;

  /** Creates the exception for one document. */
  public DocumentNotFoundException(String collection, String id, String detail) {
    super(404, "Document '" + id + "' not found in '" + collection + "': " + detail, null);
    this.collection = collection;
    this.id = id;
  }

  /** The collection that was searched. */
  public String collection() {
    return collection;
  }

  /** The id that was not found. */
  public String id() {
    return id;
  }
}
