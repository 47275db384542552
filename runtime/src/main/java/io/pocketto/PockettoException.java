package io.pocketto;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The base of every exception Pocketto raises. {@link #status()} is the matching HTTP status. */
public class PockettoException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  /** Creates an exception with an HTTP-like status. */
  public PockettoException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** Creates an exception with status 500. */
  public PockettoException(String message, Throwable cause) {
    this(500, message, cause);
  }

  /**
   * The start of the error object in the seed's shape, {@code {"name":...,"message":reason,"status":...,
   * "error":true,"reason":reason}}, for a subclass to add its own keys to.
   */
  protected ObjectNode errorObject(String name, String reason) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("name", name);
    node.put("message", reason);
    node.put("status", status);
    node.put("error", true);
    node.put("reason", reason);
    return node;
  }

  /** The HTTP status that describes this failure: 409 for a conflict, 404 for a missing document, 500 otherwise. */
  public int status() {
    return status;
  }
}
