package io.pocketto;

/** A save, delete or reload addressed a document that is not stored (status 404). */
public class DocumentNotFoundException extends DocumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for one document. */
  public DocumentNotFoundException(String collection, String id, String detail) {
    super(404, "Document '" + id + "' not found in '" + collection + "': " + detail, collection, id);
  }
}
