package io.pocketto.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pocketto.internal.Json;

/** Reading the JSON messages of the protocol with the runtime's exact mapper (decimals keep every digit). */
final class WireJson {
  private WireJson() {}

  /** A new, empty object. */
  static ObjectNode newObject() {
    return Json.MAPPER.createObjectNode();
  }

  /**
   * Parses a message that must be a JSON object.
   *
   * @throws SyncProtocolException if it is not
   */
  static ObjectNode object(String text) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(text == null ? "" : text);
    } catch (JsonProcessingException e) {
      throw new SyncProtocolException("the message is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new SyncProtocolException(400, "the message must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** A text member, or {@code null} when it is absent or JSON null. */
  static String text(JsonNode node, String name, String what) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new SyncProtocolException(400, what + ": '" + name + "' must be a string, was " + value);
    }
    return value.textValue();
  }
}
