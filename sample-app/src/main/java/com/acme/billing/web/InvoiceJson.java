package com.acme.billing.web;

import com.acme.billing.InvoiceLine;
import com.acme.billing.SalesInvoice;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API's JSON: how an invoice is written, and how the fields of a request body (parsed and checked by
 * {@link RequestBody}) are read strictly. A field the invoice does not have, or a value of the wrong type,
 * is a 400 naming the field, never a silent coercion: {@code "3"} is not a quantity and {@code 1.5} is not
 * an integer.
 */
public final class InvoiceJson {
  /** The API's Jackson configuration; thread-safe and never reconfigured. */
  public static final ObjectMapper MAPPER = strictMapper();

  /** Compares JSON values with numbers by value, so that 120.0 and 120.00 are the same amount. */
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private static final List<String> LINE_KEYS = List.of("description", "quantity", "unitPrice");

  private InvoiceJson() {}

  private static ObjectMapper strictMapper() {
    JsonMapper mapper = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
    // Jackson turns numbers into strings by default; a customer named 42 is a client bug.
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Enum)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    return mapper;
  }

  /** The invoice as the API shows it: {@code id}, {@code _rev}, then every field. */
  public static ObjectNode toJson(SalesInvoice invoice) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", invoice.getId());
    node.put("_rev", invoice.meta().rev());
    for (InvoiceField field : InvoiceField.values()) {
      node.set(field.jsonName(), MAPPER.valueToTree(field.get(invoice)));
    }
    // Money reads the same everywhere: with its cents (10.00, not 10 or 1E+1) and every decimal it has.
    node.put(InvoiceField.TOTAL.jsonName(), withCents(invoice.getTotal()));
    for (JsonNode line : node.path(InvoiceField.LINES.jsonName())) {
      JsonNode price = line.path("unitPrice");
      if (price.isNumber()) {
        ((ObjectNode) line).put("unitPrice", withCents(price.decimalValue()));
      }
    }
    return node;
  }

  /** The same amount with at least two decimals; null stays null. */
  private static BigDecimal withCents(BigDecimal amount) {
    return amount == null || amount.scale() >= 2 ? amount : amount.setScale(2);
  }

  /** The ETag of an invoice: its revision, quoted. */
  public static String etag(SalesInvoice invoice) {
    return "\"" + invoice.meta().rev() + "\"";
  }

  /** Whether two field values are the same, comparing numbers (also inside lines) by value. */
  public static boolean same(Object a, Object b) {
    return MAPPER.valueToTree(a).equals(NUMBERS_BY_VALUE, MAPPER.valueToTree(b));
  }

  /**
   * Reads the invoice fields of {@code body}, each converted to its Java type and checked. Keys in
   * {@code reserved} (such as {@code id} and {@code _rev}) are left to the caller.
   *
   * @throws ApiException 400 naming the first unknown field or the first value that does not fit
   */
  public static Map<InvoiceField, Object> readFields(ObjectNode body, Set<String> reserved) {
    Map<InvoiceField, Object> values = new EnumMap<>(InvoiceField.class);
    for (Map.Entry<String, JsonNode> entry : body.properties()) {
      String key = entry.getKey();
      if (reserved.contains(key)) {
        continue;
      }
      InvoiceField field = InvoiceField.byName(key).orElseThrow(() -> ApiException.badRequest(key,
          "unknown field '" + key + "'; an invoice has " + InvoiceField.names()
              + (reserved.isEmpty() ? "" : " and " + reserved)));
      values.put(field, read(field, entry.getValue()));
    }
    return values;
  }

  /** One field's value, converted and checked. */
  static Object read(InvoiceField field, JsonNode node) {
    String name = field.jsonName();
    if (node.isNull()) {
      if (field == InvoiceField.NUMBER || field == InvoiceField.CUSTOMER || field == InvoiceField.LINES
          || field == InvoiceField.STATUS) {
        throw ApiException.badRequest(name, "field '" + name + "' must not be null; it takes " + field.expected());
      }
      return null;
    }
    if (field == InvoiceField.LINES) {
      checkLineKeys(node);
    }
    Object value;
    try (JsonParser parser = MAPPER.treeAsTokens(node)) {
      value = MAPPER.readValue(parser, field.type());
    } catch (JsonMappingException e) {
      String path = name + path(e);
      throw ApiException.badRequest(path, "field '" + path + "' takes " + expected(field, e) + ", not "
          + shown(node, e));
    } catch (IOException e) {
      throw ApiException.badRequest(name, "field '" + name + "' cannot be read: " + e.getMessage());
    }
    check(field, value);
    return value;
  }

  /**
   * Names an unknown or missing key of a line before Jackson reads it: Jackson would report a missing
   * quantity as a null primitive, and only then the unknown key that was meant to be the quantity.
   */
  private static void checkLineKeys(JsonNode lines) {
    if (!lines.isArray()) {
      return;
    }
    for (int i = 0; i < lines.size(); i++) {
      JsonNode line = lines.get(i);
      if (!line.isObject()) {
        continue;
      }
      String at = "lines[" + i + "]";
      for (String key : (Iterable<String>) line::fieldNames) {
        if (!LINE_KEYS.contains(key)) {
          throw ApiException.badRequest(at + "." + key, "unknown field '" + at + "." + key + "'; a line has "
              + LINE_KEYS);
        }
      }
      for (String key : LINE_KEYS) {
        if (!line.has(key)) {
          throw ApiException.badRequest(at + "." + key, "field '" + at + "." + key + "' is required");
        }
      }
    }
  }

  /** Rules a JSON type cannot say: required text is not blank, lines are complete and positive. */
  private static void check(InvoiceField field, Object value) {
    String name = field.jsonName();
    if (value instanceof String s && s.isBlank()) {
      throw ApiException.badRequest(name, "field '" + name + "' must not be blank");
    }
    if (field == InvoiceField.TOTAL && ((BigDecimal) value).signum() < 0) {
      throw ApiException.badRequest(name, "field 'total' must not be negative");
    }
    if (field == InvoiceField.LINES) {
      List<?> lines = (List<?>) value;
      for (int i = 0; i < lines.size(); i++) {
        String at = "lines[" + i + "]";
        if (!(lines.get(i) instanceof InvoiceLine line)) {
          throw ApiException.badRequest(at, "field '" + at + "' must be a line {\"description\", \"quantity\", \"unitPrice\"}");
        }
        if (line.description() == null || line.description().isBlank()) {
          throw ApiException.badRequest(at + ".description", "field '" + at + ".description' must not be blank");
        }
        if (line.quantity() < 1) {
          throw ApiException.badRequest(at + ".quantity", "field '" + at + ".quantity' must be at least 1");
        }
        if (line.unitPrice() == null || line.unitPrice().signum() < 0) {
          throw ApiException.badRequest(at + ".unitPrice", "field '" + at + ".unitPrice' must be a number of at least 0");
        }
      }
    }
  }

  /** {@code [0].quantity} for a failure inside a field's value; empty for the value itself. */
  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        sb.append('.').append(ref.getFieldName());
      }
    }
    return sb.toString();
  }

  private static String expected(InvoiceField field, JsonMappingException e) {
    if (e.getPath().isEmpty()) {
      return field.expected();
    }
    String last = e.getPath().get(e.getPath().size() - 1).getFieldName();
    if (last == null) {
      return "a line {\"description\", \"quantity\", \"unitPrice\"}";
    }
    return switch (last) {
      case "quantity" -> "an integer";
      case "unitPrice" -> "a number";
      default -> "a string";
    };
  }

  /** The offending value as JSON, shortened; the whole node when the failure is on the field itself. */
  private static String shown(JsonNode node, JsonMappingException e) {
    JsonNode at = node;
    for (JsonMappingException.Reference ref : e.getPath()) {
      at = ref.getIndex() >= 0 ? at.path(ref.getIndex()) : at.path(ref.getFieldName());
    }
    String text = at.isMissingNode() ? node.toString() : at.toString();
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
