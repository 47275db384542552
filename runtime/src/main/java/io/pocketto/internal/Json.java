package io.pocketto.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one shared Jackson configuration. JSON fields are written canonically (object keys sorted, dates
 * as ISO strings) so that the same value always gives the same text, and so the same revision hash
 * on every machine and database.
 */
public final class Json {
  /** Writes canonical JSON and reads stored JSON fields. Thread-safe; never reconfigured. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      // A ZonedDateTime inside JSON keeps its region (Asia/Singapore), not only its offset.
      .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
      // A property removed from a stored POJO must not make old documents unreadable.
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      // Keep 120.00 as 120.00 in trees (toJson), instead of Jackson's default 1.2E+2.
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  /**
   * Builds the trees of {@code toJson}: {@link #MAPPER} without {@code USE_BIG_DECIMAL_FOR_FLOATS}, which
   * would widen a float or double in a tree to its exact decimal (0.1f shown as 0.10000000149011612,
   * -0.0 as 0.0). Decimals stay exact either way.
   */
  static final ObjectMapper VIEW = MAPPER.copy().disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /**
   * {@link #MAPPER} plus sets written in a fixed order. A set's iteration order is arbitrary (a loaded
   * {@code HashSet} and the {@code Set.of} it was saved from differ), so without this an unchanged
   * set would look dirty after a load and the same content would hash to different revisions.
   */
  private static final ObjectMapper CANONICAL = MAPPER.copy().registerModule(new SimpleModule("pocketto-canonical")
      .addSerializer(new SortedSetSerializer())
      .addSerializer(Double.class, new UnsignedZeroSerializer<>(Double.class))
      .addSerializer(Double.TYPE, new UnsignedZeroSerializer<>(Double.TYPE))
      .addSerializer(Float.class, new UnsignedZeroSerializer<>(Float.class))
      .addSerializer(Float.TYPE, new UnsignedZeroSerializer<>(Float.TYPE)));

  private Json() {}

  /** The canonical JSON text of a field value. */
  public static String canonical(String field, Object value) {
    try {
      return CANONICAL.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "field '" + field + "' cannot be stored as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A reader of {@code type} made once per field: it keeps its root deserializer, so no lookup per value. */
  static ObjectReader readerFor(JavaType type) {
    return MAPPER.readerFor(type);
  }

  /** Reads a stored JSON field back as its declared type with the field's {@link #readerFor reader}. */
  static Object read(String field, String text, ObjectReader reader, JavaType type) {
    try {
      return reader.readValue(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "stored JSON of field '" + field + "' cannot be read as " + type + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Whether any string or property name in the JSON text holds a NUL character. */
  static boolean containsNul(String text) {
    try {
      return containsNul(MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON is not valid: " + e.getOriginalMessage(), e);
    }
  }

  private static boolean containsNul(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue().indexOf('\0') >= 0;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().indexOf('\0') >= 0 || containsNul(e.getValue())) {
        return true;
      }
    }
    for (JsonNode element : node.isArray() ? node : List.<JsonNode>of()) {
      if (containsNul(element)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Rewrites JSON text in canonical form (sorted keys, no whitespace, exact decimals), for databases
   * such as PostgreSQL's {@code jsonb} that store JSON in a form of their own.
   */
  public static String canonicalize(String text) {
    if (text == null) {
      return null;
    }
    try {
      return MAPPER.writeValueAsString(MAPPER.readValue(text, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not valid: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Writes {@code -0.0} as {@code 0.0}. PostgreSQL's {@code jsonb} keeps numbers as {@code numeric}, which
   * has no negative zero, so a body holding {@code -0.0} would come back as {@code 0.0} and no longer
   * match its revision. Canonical JSON is what every database stores, so {@code -0.0} inside JSON reads
   * back as {@code 0.0} on each of them alike.
   */
  private static final class UnsignedZeroSerializer<N extends Number> extends StdSerializer<N> {
    private static final long serialVersionUID = 1L;

    UnsignedZeroSerializer(Class<N> type) {
      super(type);
    }

    @Override
    public void serialize(N value, JsonGenerator g, SerializerProvider provider) throws IOException {
      if (value instanceof Float f) {
        g.writeNumber(f == 0 ? 0f : f);
      } else {
        double d = value.doubleValue();
        g.writeNumber(d == 0 ? 0d : d);
      }
    }
  }

  /** Writes a set's elements ordered by their canonical JSON text. */
  private static final class SortedSetSerializer extends StdSerializer<Set<?>> {
    private static final long serialVersionUID = 1L;

    SortedSetSerializer() {
      super(Set.class, false);
    }

    @Override
    public void serialize(Set<?> set, JsonGenerator g, SerializerProvider provider) throws IOException {
      List<Map.Entry<String, Object>> byText = new ArrayList<>(set.size());
      for (Object element : set) {
        byText.add(new SimpleEntry<>(CANONICAL.writeValueAsString(element), element));
      }
      byText.sort(Map.Entry.comparingByKey());
      g.writeStartArray(set, set.size());
      for (Map.Entry<String, Object> e : byText) {
        provider.defaultSerializeValue(e.getValue(), g);
      }
      g.writeEndArray();
    }
  }
}
