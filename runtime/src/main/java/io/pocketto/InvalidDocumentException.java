package io.pocketto;

/**
 * A JSON document given to {@code fromJson} (or to an {@code ObjectMapper} with {@link PockettoModule})
 * does not fit the model: it is not a JSON object, it has a key the model has no field for, a value of
 * the wrong type, or a malformed {@code _meta}. Nothing was changed anywhere.
 *
 * <p>{@link #field()} names where in the document the problem is, such as {@code total},
 * {@code lines[0].quantity} or {@code _meta._rev}, so that a REST layer can answer a 400 naming it.
 */
public class InvalidDocumentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;

  /** Creates the exception; {@code field} is the path of the offending key, or {@code null} for the whole document. */
  public InvalidDocumentException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  /** The path of the offending key ({@code total}, {@code lines[0].quantity}, {@code _meta._rev}); {@code null} when the document as a whole is wrong. */
  public String field() {
    return field;
  }
}
