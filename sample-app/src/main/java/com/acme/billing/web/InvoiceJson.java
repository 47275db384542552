package com.acme.billing.web;

import com.acme.billing.InvoiceLine;
import com.acme.billing.SalesInvoice;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.pocketto.InvalidDocumentException;
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

  private InvoiceJson() {}

  private static ObjectMapper strictMapper() {
    // Field values are read by SalesInvoice.fromJson; this mapper only parses bodies (keeping 19.90 as
    // written, refusing duplicate keys and trailing content) and writes responses.
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
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
   * Reads the invoice fields of {@code body} through {@link SalesInvoice#fromJson}, which converts each to
   * its Java type strictly and names the key of any value that does not fit. Keys in {@code reserved}
   * (such as {@code id} and {@code _rev}) are left to the caller.
   *
   * @throws ApiException 400 naming the first unknown field or the first value that does not fit
   */
  public static Map<InvoiceField, Object> readFields(ObjectNode body, Set<String> reserved) {
    ObjectNode fields = MAPPER.createObjectNode();
    for (Map.Entry<String, JsonNode> entry : body.properties()) {
      String key = entry.getKey();
      if (reserved.contains(key)) {
        continue;
      }
      if (InvoiceField.byName(key).isEmpty()) {
        // Checked here too: fromJson would take id and _meta, which are not invoice fields to this API.
        throw ApiException.badRequest(key, "unknown field '" + key + "'; an invoice has " + InvoiceField.names()
            + (reserved.isEmpty() ? "" : " and " + reserved));
      }
      fields.set(key, entry.getValue());
    }
    SalesInvoice read;
    try {
      read = SalesInvoice.fromJson(fields);
    } catch (InvalidDocumentException e) {
      throw ApiException.badRequest(e.field(), e.getMessage());
    }
    Map<InvoiceField, Object> values = new EnumMap<>(InvoiceField.class);
    for (String key : (Iterable<String>) fields::fieldNames) {
      InvoiceField field = InvoiceField.byName(key).orElseThrow();
      Object value = field.get(read);
      check(field, value);
      values.put(field, value);
    }
    return values;
  }

  /** Rules a JSON type cannot say: required values are present and not blank, lines are complete and positive. */
  private static void check(InvoiceField field, Object value) {
    String name = field.jsonName();
    if (value == null) {
      if (field == InvoiceField.NUMBER || field == InvoiceField.CUSTOMER || field == InvoiceField.LINES
          || field == InvoiceField.STATUS) {
        throw ApiException.badRequest(name, "field '" + name + "' must not be null; it takes " + field.expected());
      }
      return;
    }
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
}
