package io.pocketto.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.pocketto.ActiveRecord;
import io.pocketto.InvalidDocumentException;
import io.pocketto.Revision;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model's documents as JSON: {@code toJson} writes {@code id}, the fields and {@code _meta}, and
 * {@code fromJson} reads the same shape back into a record with its id, revision and dirty state.
 *
 * <p>Reading is strict, because the JSON usually comes from a client: a key the model has no field for,
 * a value of the wrong type (no {@code "3"} for a number, no {@code 1.5} for an integer), a duplicate key
 * or a malformed revision is an {@link InvalidDocumentException} naming the key. Values are read from the
 * parser's tokens, not through a tree, so {@code 19.90} stays {@code 19.90} and {@code -0.0} stays
 * negative.
 */
public final class DocumentJson {
  static final String ID = "id";
  static final String REV = "_rev";
  static final String META = "_meta";
  static final String BEFORE_UPDATE = "_before_update";
  static final String DIRTY = "_dirty";

  /** Reads client JSON: no coercion between scalar kinds, no unknown properties inside JSON fields. */
  private static final ObjectMapper STRICT = strictMapper();

  /** Per model, one reader per field for the field's declared generic type; built on first use. */
  private static final Map<ModelBinding<?>, ObjectReader[]> READERS = new ConcurrentHashMap<>();

  private DocumentJson() {}

  private static ObjectMapper strictMapper() {
    JsonMapper mapper = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    // Jackson turns numbers and booleans into strings by default; a customer named 42 is a client bug.
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Enum)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    return mapper;
  }

  /** {@code toJson}'s tree: {@code id}, the fields in declaration order, then {@code _meta}. */
  static <T extends ActiveRecord<T>> ObjectNode write(ModelBinding<T> binding, T record) {
    ObjectNode node = Json.VIEW.createObjectNode();
    node.put(ID, binding.state(record).id());
    Object[] values = binding.values(record);
    for (int i = 0; i < values.length; i++) {
      node.set(binding.fields().get(i).name(), Records.jsonValue(binding.fields().get(i).type(), values[i]));
    }
    node.set(META, Json.VIEW.valueToTree(binding.meta(record)));
    return node;
  }

  /**
   * Reads one document from JSON text; nothing may follow it.
   *
   * @throws InvalidDocumentException naming the offending key
   */
  static <T extends ActiveRecord<T>> T read(ModelBinding<T> binding, String json) {
    if (json == null) {
      throw new IllegalArgumentException(binding.modelName() + ".fromJson needs JSON text, not null");
    }
    try (JsonParser p = STRICT.createParser(json)) {
      T record = read(binding, p);
      if (p.nextToken() != null) {
        throw new InvalidDocumentException(null, binding.modelName() + " JSON has content after the document's "
            + "closing brace, at line " + p.currentLocation().getLineNr() + ", column "
            + p.currentLocation().getColumnNr(), null);
      }
      return record;
    } catch (JsonProcessingException e) {
      throw malformed(binding, null, e);
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail: " + e.getMessage(), e);
    }
  }

  /**
   * Reads one document from a tree. Decimals are as exact as the tree holds them: a tree parsed with
   * Jackson's defaults holds {@code 19.90} as the double 19.9.
   */
  static <T extends ActiveRecord<T>> T read(ModelBinding<T> binding, JsonNode tree) {
    if (tree == null) {
      throw new IllegalArgumentException(binding.modelName() + ".fromJson needs a JSON object, not null");
    }
    try (JsonParser p = STRICT.treeAsTokens(tree)) {
      return read(binding, p);
    } catch (IOException e) {
      throw new IllegalStateException("reading a tree cannot fail: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the object at (or after) the parser's current token. A document with a revision ({@code _rev}
   * or {@code _meta._rev}) becomes a stored record at that revision whose next save is an update against
   * it; one without becomes a new record. See {@link RecordState#fromClient}.
   */
  public static <T extends ActiveRecord<T>> T read(ModelBinding<T> binding, JsonParser p) {
    String model = binding.modelName();
    String key = null;
    try {
      JsonToken t = p.currentToken() != null ? p.currentToken() : p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new InvalidDocumentException(null, model + " JSON must be an object, not " + describe(t, p), null);
      }
      T record = binding.newInstance();
      Object[] values = binding.values(record);
      Set<String> seen = new HashSet<>();
      String id = null;
      String rev = null;
      Meta meta = null;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        key = p.currentName();
        if (!seen.add(key)) {
          throw new InvalidDocumentException(key, model + " JSON has key '" + key + "' twice", null);
        }
        p.nextToken();
        switch (key) {
          case ID -> id = id(binding, p);
          case REV -> rev = revision(binding, REV, p);
          case META -> meta = meta(binding, p);
          default -> {
            int i = binding.indexOf(key);
            if (i < 0) {
              throw unknownKey(binding, key, p);
            }
            values[i] = value(binding, i, key, p);
          }
        }
      }
      key = null;
      if (t != JsonToken.END_OBJECT) {
        throw new InvalidDocumentException(null, model + " JSON ends before its closing brace", null);
      }
      binding.apply(record, values);
      String metaRev = meta == null ? null : meta.rev;
      if (rev != null && metaRev != null && !rev.equals(metaRev)) {
        throw new InvalidDocumentException(REV, model + " JSON has '_rev' " + rev + " but '_meta._rev' " + metaRev
            + "; send one, or the same in both", null);
      }
      String base = rev != null ? rev : metaRev;
      RecordState state = binding.state(record);
      if (base == null) {
        state.assignId(id);
        return record;
      }
      if (id == null) {
        throw new InvalidDocumentException(ID, model + " JSON has revision " + base + " but no 'id'; a stored "
            + "document needs both", null);
      }
      state.fromClient(id, base, baseline(binding, record, meta), meta != null && meta.beforeUpdate != null);
      return record;
    } catch (JsonProcessingException e) {
      throw malformed(binding, key, e);
    } catch (IOException e) {
      throw new IllegalStateException("reading " + model + " JSON failed: " + e.getMessage(), e);
    }
  }

  /** What {@code _meta} holds: the revision, and each changed field's value at that revision ({@code null} if not given). */
  private record Meta(String rev, Map<Integer, Object> beforeUpdate, List<String> dirty) {}

  private static Meta meta(ModelBinding<?> binding, JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new InvalidDocumentException(META, binding.modelName() + " JSON's '_meta' must be an object with "
          + "_rev, _before_update and _dirty, not " + describe(p.currentToken(), p), null);
    }
    String rev = null;
    Map<Integer, Object> before = null;
    List<String> dirty = null;
    Set<String> seen = new HashSet<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      String path = META + "." + key;
      if (!seen.add(key)) {
        throw new InvalidDocumentException(path, binding.modelName() + " JSON has key '" + path + "' twice", null);
      }
      p.nextToken();
      switch (key) {
        case REV -> rev = revision(binding, path, p);
        case BEFORE_UPDATE -> before = beforeUpdate(binding, p);
        case DIRTY -> dirty = dirty(binding, p);
        default -> throw new InvalidDocumentException(path, binding.modelName() + " JSON's '_meta' has no key '"
            + key + "'; it takes [_rev, _before_update, _dirty]", null);
      }
    }
    return new Meta(rev, before, dirty);
  }

  private static Map<Integer, Object> beforeUpdate(ModelBinding<?> binding, JsonParser p) throws IOException {
    String at = META + "." + BEFORE_UPDATE;
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new InvalidDocumentException(at, binding.modelName() + " JSON's '" + at + "' must be an object of "
          + "field values, not " + describe(p.currentToken(), p), null);
    }
    Map<Integer, Object> before = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      String path = at + "." + key;
      p.nextToken();
      int i = binding.indexOf(key);
      if (i < 0) {
        throw unknownKey(binding, path, p);
      }
      if (before.containsKey(i)) {
        throw new InvalidDocumentException(path, binding.modelName() + " JSON has key '" + path + "' twice", null);
      }
      before.put(i, value(binding, i, path, p));
    }
    return before;
  }

  private static List<String> dirty(ModelBinding<?> binding, JsonParser p) throws IOException {
    String at = META + "." + DIRTY;
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new InvalidDocumentException(at, binding.modelName() + " JSON's '" + at + "' must be an array of "
          + "field names, not " + describe(p.currentToken(), p), null);
    }
    List<String> names = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.VALUE_STRING || binding.indexOf(p.getText()) < 0) {
        throw new InvalidDocumentException(at, binding.modelName() + " JSON's '" + at + "' must list field names "
            + "of " + fieldNames(binding) + ", not " + describe(p.currentToken(), p), null);
      }
      names.add(p.getText());
    }
    return names;
  }

  /**
   * The stored form of the record at its revision, as far as the document tells: its own values, with
   * each field that {@code _before_update} names set back to the value given there.
   */
  private static <T extends ActiveRecord<T>> Object[] baseline(ModelBinding<T> binding, T record, Meta meta) {
    Object[] stored = binding.storedValues(record);
    if (meta == null) {
      return stored;
    }
    Map<Integer, Object> before = meta.beforeUpdate == null ? Map.of() : meta.beforeUpdate;
    if (meta.dirty != null) {
      Set<String> listed = new LinkedHashSet<>(meta.dirty);
      Set<String> valued = new LinkedHashSet<>();
      before.keySet().forEach(i -> valued.add(binding.fields().get(i).name()));
      if (!listed.equals(valued)) {
        throw new InvalidDocumentException(META + "." + DIRTY, binding.modelName() + " JSON's '_meta._dirty' lists "
            + listed + " but '_meta._before_update' holds values for " + valued + "; they must name the same fields",
            null);
      }
    }
    for (Map.Entry<Integer, Object> e : before.entrySet()) {
      FieldSpec f = binding.fields().get(e.getKey());
      Object v = e.getValue();
      stored[e.getKey()] = f.type() == ColumnType.JSON && v != null ? Json.canonical(f.name(), v) : v;
    }
    return stored;
  }

  private static String id(ModelBinding<?> binding, JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw new InvalidDocumentException(ID, binding.modelName() + " field 'id' takes a string, not "
          + describe(p.currentToken(), p), null);
    }
    try {
      return Ids.requireValid(p.getText());
    } catch (IllegalArgumentException e) {
      throw new InvalidDocumentException(ID, binding.modelName() + " field 'id' is not a valid id: " + e.getMessage(), e);
    }
  }

  private static String revision(ModelBinding<?> binding, String path, JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw new InvalidDocumentException(path, binding.modelName() + " field '" + path + "' takes a revision "
          + "string such as \"2-0123456789abcdef0123456789abcdef\", not " + describe(p.currentToken(), p), null);
    }
    try {
      return Revision.parse(p.getText()).toString();
    } catch (IllegalArgumentException e) {
      throw new InvalidDocumentException(path, binding.modelName() + " field '" + path + "': " + e.getMessage(), e);
    }
  }

  /** One field's value, read as the field's declared type; {@code key} is its path in the document. */
  private static Object value(ModelBinding<?> binding, int index, String key, JsonParser p) throws IOException {
    FieldSpec f = binding.fields().get(index);
    ObjectReader reader = readers(binding)[index];
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      if (f.primitive()) {
        throw new InvalidDocumentException(key, binding.modelName() + " field '" + key + "' is a primitive "
            + reader.getValueType().getRawClass().getName() + " and cannot be null", null);
      }
      return null;
    }
    String shown = describe(p.currentToken(), p);
    try {
      return f.type() == ColumnType.JSON ? readJsonField(reader, p) : reader.readValue(p);
    } catch (UnrecognizedPropertyException e) {
      String path = key + path(e);
      throw new InvalidDocumentException(path, binding.modelName() + " JSON has unknown field '" + path + "'"
          + (e.getKnownPropertyIds() == null ? "" : "; " + e.getReferringClass().getSimpleName() + " has "
              + e.getKnownPropertyIds()), e);
    } catch (JsonMappingException e) {
      if (e.getPath().isEmpty()) {
        throw new InvalidDocumentException(key, binding.modelName() + " field '" + key + "' takes "
            + typeName(f, reader.getValueType()) + ", not " + shown, e);
      }
      String path = key + path(e);
      if (e instanceof InvalidFormatException bad && bad.getTargetType() != null) {
        String value = String.valueOf(bad.getValue());
        throw new InvalidDocumentException(path, binding.modelName() + " field '" + path + "' takes "
            + bad.getTargetType().getSimpleName() + ", not " + (bad.getValue() instanceof String ? "\"" + value + "\"" : value), e);
      }
      // Jackson's own words, without its advice on enabling coercions, which a client cannot take.
      String detail = e.getOriginalMessage().replaceFirst("\\s*\\(but (could|might) [^)]*\\)", "");
      String takes = e instanceof MismatchedInputException m && m.getTargetType() != null
          ? " takes " + m.getTargetType().getSimpleName() + ": " : " is not valid: ";
      throw new InvalidDocumentException(path, binding.modelName() + " field '" + path + "'" + takes + detail, e);
    } catch (JsonProcessingException e) {
      if (e instanceof com.fasterxml.jackson.core.JsonParseException) {
        throw e;
      }
      // An integer too large for its type, for example.
      throw new InvalidDocumentException(key, binding.modelName() + " field '" + key + "' takes "
          + typeName(f, reader.getValueType()) + ", not " + shown + " (" + e.getOriginalMessage() + ")", e);
    }
  }

  /**
   * Reads a JSON field's value, reporting an unknown key before anything else. Jackson builds a record
   * before it looks at the keys it did not know, so a client that wrote {@code qty} for {@code quantity}
   * would otherwise hear that {@code quantity} cannot be null, and not about its typo.
   */
  private static Object readJsonField(ObjectReader reader, JsonParser p) throws IOException {
    TokenBuffer value = TokenBuffer.asCopyOfValue(p);
    try (JsonParser copy = value.asParser()) {
      return reader.readValue(copy);
    } catch (MismatchedInputException e) {
      if (!(e instanceof UnrecognizedPropertyException)) {
        try (JsonParser again = value.asParser()) {
          reader.without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).readValue(again);
        } catch (UnrecognizedPropertyException unknown) {
          throw unknown;
        } catch (JsonProcessingException other) {
          // the first failure is the one to report
        }
      }
      throw e;
    }
  }

  /** The reader of each field of a model, for the field's generic type as the model declares it. */
  private static ObjectReader[] readers(ModelBinding<?> binding) {
    return READERS.computeIfAbsent(binding, b -> {
      List<FieldSpec> fields = b.fields();
      ObjectReader[] readers = new ObjectReader[fields.size()];
      for (int i = 0; i < readers.length; i++) {
        FieldSpec f = fields.get(i);
        JavaType type = f.jsonType() != null ? f.jsonType()
            : STRICT.getTypeFactory().constructType(declaredField(b.type(), f.name()).getGenericType());
        readers[i] = STRICT.readerFor(type);
      }
      return readers;
    });
  }

  /** The model's declaration of a persisted field: in the generated class's model class or one of its superclasses. */
  private static Field declaredField(Class<?> generated, String name) {
    for (Class<?> c = generated.getSuperclass(); c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // declared further up
      }
    }
    throw new IllegalStateException(generated.getName() + " has no declared field '" + name + "': recompile the model");
  }

  /** The field's type for a message: {@code BigDecimal}, {@code List<InvoiceLine>}, an enum with its constants. */
  private static String typeName(FieldSpec f, JavaType type) {
    if (f.enumType() != null) {
      return f.enumType().getSimpleName() + " (one of " + Arrays.toString(f.enumType().getEnumConstants()) + ")";
    }
    if (type.hasGenericTypes()) {
      return type.toCanonical().replaceAll("\\b[a-z][a-z0-9_]*\\.", "").replace('$', '.');
    }
    return type.getRawClass().getSimpleName();
  }

  private static InvalidDocumentException unknownKey(ModelBinding<?> binding, String key, JsonParser p)
      throws IOException {
    p.skipChildren();
    return new InvalidDocumentException(key, binding.modelName() + " JSON has unknown field '" + key + "'; its fields "
        + "are " + fieldNames(binding) + ", plus id and _meta", null);
  }

  private static List<String> fieldNames(ModelBinding<?> binding) {
    return binding.fields().stream().map(FieldSpec::name).toList();
  }

  private static InvalidDocumentException malformed(ModelBinding<?> binding, String key, JsonProcessingException e) {
    var at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new InvalidDocumentException(key, binding.modelName() + " JSON is malformed" + where
        + (key == null ? "" : " (in '" + key + "')") + ": " + e.getOriginalMessage(), e);
  }

  /** {@code [0].quantity} for a failure inside a field's value. */
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

  /** A token for a message: a scalar as its JSON text (shortened), anything else by kind. */
  private static String describe(JsonToken t, JsonParser p) throws IOException {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> {
        String text = p.getText();
        yield "\"" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "\"";
      }
      default -> {
        String text = p.getText();
        yield text.length() > 60 ? text.substring(0, 60) + "..." : text;
      }
    };
  }
}
