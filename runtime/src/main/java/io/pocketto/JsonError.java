package io.pocketto;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error with a JSON form in the seed's (CouchDB's) shape, {@code {"name":...,"message":...,"status":...,
 * "error":true,"reason":...}} plus keys of its own, so that a REST layer can answer it as it is.
 * {@link ConflictException} and {@link LockedException} are ones.
 */
public interface JsonError {
  /** The error's {@code "name"}, such as {@code "conflict"}. */
  String name();

  /** The error object. */
  ObjectNode toJsonNode();

  /** {@link #toJsonNode()} as a JSON string. */
  default String toJson() {
    return toJsonNode().toString();
  }
}
