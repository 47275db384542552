package com.acme.billing.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the API refuses, with the HTTP status and a message meant for the client. Every handler
 * throws this instead of writing error responses itself, so that all errors have one JSON shape.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String name;
  private final String field;

  private ApiException(int status, String name, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.name = name;
    this.field = field;
  }

  /** 400: the request cannot be understood; {@code field} names the offending field, or is {@code null}. */
  public static ApiException badRequest(String field, String message) {
    return new ApiException(400, "bad_request", message, field);
  }

  /** 404: no live invoice has this id. */
  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message, null);
  }

  /** 428: an update or delete came without the revision it is based on. */
  public static ApiException revisionRequired(String message) {
    return new ApiException(428, "revision_required", message, null);
  }

  /** Any other status, e.g. 413 or 405, with a short machine-readable name. */
  public static ApiException of(int status, String name, String message) {
    return new ApiException(status, name, message, null);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The field the error is about, or {@code null}. */
  public String field() {
    return field;
  }

  /**
   * The error body, shaped like the seed's conflict object: {@code {"name":"bad_request","message":...,
   * "status":400,"error":true}} plus {@code "field"} when one field is at fault.
   */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("name", name);
    node.put("message", getMessage());
    node.put("status", status);
    node.put("error", true);
    if (field != null) {
      node.put("field", field);
    }
    return node;
  }
}
