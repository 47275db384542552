package com.acme.billing.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an API request's body and checks what every field of every request has in common, before a
 * handler looks at one: it is JSON (by {@code Content-Type} and by content), every string is valid
 * Unicode, and every number is one an invoice can hold. Each refusal is a 4xx naming the field.
 */
final class RequestBody {
  /** The most digits a number may have before the decimal point: amounts up to a thousand trillion. */
  static final int MAX_INTEGER_DIGITS = 15;
  /** The most digits a number may have after the decimal point (trailing zeros not counted). */
  static final int MAX_FRACTION_DIGITS = 6;

  private RequestBody() {}

  /**
   * Refuses a body that is not declared as JSON with 415. Only requests that carry a body are checked,
   * so a POST without one still gets the handler's "the request body is empty".
   */
  static void requireJsonContentType(Context ctx) {
    boolean hasBody = ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
    if (!hasBody) {
      return;
    }
    String contentType = ctx.header("Content-Type");
    if (contentType == null || contentType.isBlank()) {
      throw unsupported("the request body has no Content-Type; send it as application/json");
    }
    String[] parts = contentType.split(";");
    String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
      throw unsupported("the request body is " + shortened(mediaType) + "; the API reads only application/json");
    }
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (parameter[0].strip().equalsIgnoreCase("charset") && parameter.length == 2
          && !unquoted(parameter[1].strip()).equalsIgnoreCase("utf-8")) {
        throw unsupported("the request body is in " + shortened(parameter[1].strip()) + "; send application/json in UTF-8");
      }
    }
  }

  /**
   * The body as one JSON object whose strings and numbers are checked.
   *
   * @throws ApiException 400 for an empty body, malformed JSON, anything but an object, a string with an
   *     unpaired surrogate or a number out of range, naming the field where there is one
   */
  static ObjectNode object(Context ctx) {
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      throw ApiException.badRequest(null, "the request body is empty; send a JSON object");
    }
    JsonNode node;
    JsonParser parser = null;
    try {
      parser = InvoiceJson.MAPPER.createParser(body);
      node = InvoiceJson.MAPPER.readTree(parser);
    } catch (JsonProcessingException e) {
      var where = e.getLocation();
      String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
      throw ApiException.badRequest(null, "malformed JSON" + at + ": " + e.getOriginalMessage());
    } catch (NumberFormatException e) {
      // Jackson cannot make a BigDecimal of an exponent beyond an int, such as 1E-2147483648.
      String field = path(parser.getParsingContext());
      throw ApiException.badRequest(field, "field '" + field + "' holds the number " + shortened(text(parser))
          + ", which is out of range; " + NUMBER_RULE);
    } catch (IOException e) {
      throw ApiException.badRequest(null, "the request body could not be read: " + e.getMessage());
    } finally {
      close(parser);
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest(null, "the request body must be a JSON object, not "
          + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    check("", node);
    return (ObjectNode) node;
  }

  private static final String NUMBER_RULE = "a number has at most " + MAX_INTEGER_DIGITS
      + " digits before the decimal point and " + MAX_FRACTION_DIGITS + " after it";

  /** Checks every string (keys too) and number inside {@code node}, found at {@code path}. */
  private static void check(String path, JsonNode node) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        String key = entry.getKey();
        String at = path.isEmpty() ? key : path + "." + key;
        int bad = unpairedSurrogate(key);
        if (bad >= 0) {
          throw ApiException.badRequest(null, "a field name holds an unpaired UTF-16 surrogate at index " + bad
              + "; JSON text must be valid Unicode");
        }
        check(at, entry.getValue());
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(path + "[" + i + "]", node.get(i));
      }
    } else if (node.isTextual()) {
      int bad = unpairedSurrogate(node.textValue());
      if (bad >= 0) {
        throw ApiException.badRequest(path, "field '" + path + "' holds an unpaired UTF-16 surrogate at index " + bad
            + " (an escape such as \\ud800 alone); text must be valid Unicode");
      }
    } else if (node.isNumber() && !withinRange(node.decimalValue())) {
      throw ApiException.badRequest(path, "field '" + path + "' is " + shortened(node.asText()) + "; " + NUMBER_RULE);
    }
  }

  private static boolean withinRange(BigDecimal value) {
    if (value.signum() == 0) {
      return true;
    }
    // precision - scale is the number of digits before the point (negative for 0.00x), without expanding
    // the number: 1e999999999 has one digit of precision and a scale of -999999999.
    long integerDigits = (long) value.precision() - value.scale();
    if (integerDigits > MAX_INTEGER_DIGITS) {
      return false;
    }
    // A larger scale may be trailing zeros (1.0000000). Stripping them costs at most the digits written,
    // which Jackson limits to 1,000.
    return value.scale() <= MAX_FRACTION_DIGITS || value.stripTrailingZeros().scale() <= MAX_FRACTION_DIGITS;
  }

  /** The index of the first UTF-16 surrogate without its partner, or -1. */
  static int unpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code lines[0].unitPrice} for the value the parser is at. */
  private static String path(JsonStreamContext context) {
    StringBuilder path = new StringBuilder();
    for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
      if (at.inArray()) {
        path.insert(0, "[" + Math.max(at.getCurrentIndex(), 0) + "]");
      } else if (at.getCurrentName() != null) {
        path.insert(0, (at.getParent() != null && !at.getParent().inRoot() ? "." : "") + at.getCurrentName());
      }
    }
    return path.toString();
  }

  private static String text(JsonParser parser) {
    try {
      return parser.getText();
    } catch (IOException e) {
      return "?";
    }
  }

  private static void close(JsonParser parser) {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException e) {
        // Parsing a byte array; nothing to release.
      }
    }
  }

  private static String unquoted(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
  }

  private static String shortened(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  private static ApiException unsupported(String message) {
    return ApiException.of(415, "unsupported_media_type", message);
  }
}
