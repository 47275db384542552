package io.pocketto.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One persisted field of a model, as the processor saw it: its Java name, its column, how it is
 * stored, and for JSON fields the full generic type Jackson reads it back as.
 */
@ForGeneratedCode
public final class FieldSpec {
  private final String name;
  private final String column;
  private final ColumnType type;
  private final boolean primitive;
  private final JavaType jsonType;
  private final ObjectReader jsonReader;
  private final Class<? extends Enum<?>> enumType;
  private final Map<String, Enum<?>> constants;
  private final int precision;
  private final int scale;

  private FieldSpec(String name, String column, ColumnType type, boolean primitive, JavaType jsonType,
      Class<? extends Enum<?>> enumType) {
    this(name, column, type, primitive, jsonType, enumType, 0, 0);
  }

  private FieldSpec(String name, String column, ColumnType type, boolean primitive, JavaType jsonType,
      Class<? extends Enum<?>> enumType, int precision, int scale) {
    this.precision = precision;
    this.scale = scale;
    this.name = name;
    this.column = column;
    this.type = type;
    this.primitive = primitive;
    this.jsonType = jsonType;
    this.jsonReader = jsonType == null ? null : Json.readerFor(jsonType);
    this.enumType = enumType;
    Map<String, Enum<?>> byName = new HashMap<>();
    if (enumType != null) {
      for (Enum<?> constant : enumType.getEnumConstants()) {
        byName.put(constant.name(), constant);
      }
    }
    this.constants = Map.copyOf(byName);
  }

  /**
   * When a document was created: a column every document has, which typed queries filter and sort by as
   * {@code createdAt} ({@code CREATED_AT}) and {@code @Model(indexes = @Index(...))} may name so.
   */
  public static final FieldSpec CREATED_AT = scalar("createdAt", "_created_at", ColumnType.INSTANT, false);
  /** When a document was last written: as {@link #CREATED_AT}, named {@code updatedAt}. */
  public static final FieldSpec UPDATED_AT = scalar("updatedAt", "_updated_at", ColumnType.INSTANT, false);

  /** {@link #CREATED_AT} and {@link #UPDATED_AT}. */
  public static final List<FieldSpec> TIMESTAMPS = List.of(CREATED_AT, UPDATED_AT);

  /**
   * {@link #CREATED_AT} or {@link #UPDATED_AT} by its name; {@code null} for any other name. A model field of that
   * name comes first wherever a field is named: the caller looks for the field before this.
   */
  public static FieldSpec timestamp(String name) {
    for (FieldSpec timestamp : TIMESTAMPS) {
      if (timestamp.name.equals(name)) {
        return timestamp;
      }
    }
    return null;
  }

  /** A field stored in a scalar column; {@code primitive} fields read a NULL column as zero or false. */
  public static FieldSpec scalar(String name, String column, ColumnType type, boolean primitive) {
    if (type == ColumnType.JSON || type == ColumnType.ENUM) {
      throw new IllegalArgumentException("use FieldSpec.json or FieldSpec.enumeration for field " + name);
    }
    return new FieldSpec(name, column, type, primitive, null, null);
  }

  /**
   * A {@code BigDecimal} field declared with {@link io.pocketto.Decimal}: a {@code NUMERIC(precision, scale)}
   * column, which holds values of exactly that scale and at most {@code precision - scale} integer digits.
   */
  public static FieldSpec decimal(String name, String column, int precision, int scale) {
    if (precision < 1 || scale < 0 || scale > precision) {
      throw new IllegalArgumentException("field " + name + " declares precision " + precision + " and scale " + scale
          + "; precision must be at least 1 and scale between 0 and the precision");
    }
    return new FieldSpec(name, column, ColumnType.DECIMAL, false, null, null, precision, scale);
  }

  /** A field holding an enum, stored by constant name. */
  public static FieldSpec enumeration(String name, String column, Class<? extends Enum<?>> enumType) {
    return new FieldSpec(name, column, ColumnType.ENUM, false, null, enumType);
  }

  /**
   * A field stored as JSON text and read back as the full generic type with which {@code model}
   * declares it (e.g. {@code List<InvoiceLine>}). The type is read from the declaration once, when the
   * binding is built; generated code names the class instead of spelling the type as an anonymous
   * {@code TypeReference} subclass, which javac would compile as one more class per JSON field.
   *
   * @throws IllegalStateException if neither {@code model} nor a superclass declares such a field (the model changed after the
   *     record was generated: recompile)
   */
  public static FieldSpec json(String name, String column, Class<?> model) {
    Type type = null;
    // The field may be inherited: declared by the model or by any of its superclasses.
    for (Class<?> c = model; c != null && type == null; c = c.getSuperclass()) {
      try {
        type = c.getDeclaredField(name).getGenericType();
      } catch (NoSuchFieldException e) {
        // Not declared here; look further up.
      }
    }
    if (type == null) {
      throw new IllegalStateException(model.getName() + " declares no field '" + name
          + "' for its generated record: recompile the model");
    }
    return new FieldSpec(name, column, ColumnType.JSON, false, Json.MAPPER.getTypeFactory().constructType(type), null);
  }

  /** The Java field name, also the key in the document's JSON. */
  public String name() {
    return name;
  }

  /** The SQL column name (unquoted). */
  public String column() {
    return column;
  }

  /** The declared precision of a decimal field, or 0 when it declares none. */
  public int precision() {
    return precision;
  }

  /** The declared scale of a decimal field; meaningful only when {@link #precision()} is not 0. */
  public int scale() {
    return scale;
  }

  /** How the value is bound and read. */
  public ColumnType type() {
    return type;
  }

  /** Whether the Java field is a primitive, which cannot hold {@code null}. */
  public boolean primitive() {
    return primitive;
  }

  /** Reads the stored JSON text of this (JSON) field back as its declared type. */
  Object readJson(String text) {
    return Json.read(name, text, jsonReader, jsonType);
  }

  /** Reads a JSON tree (a replicated document's field) as this JSON field's declared type. */
  Object readJsonTree(com.fasterxml.jackson.databind.JsonNode tree) {
    try {
      return jsonReader.readValue(tree);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("field '" + name + "' cannot be read as " + jsonType + ": " + e.getMessage(), e);
    }
  }

  /** The Jackson type of a JSON field; {@code null} for scalar fields. */
  public JavaType jsonType() {
    return jsonType;
  }

  /** The enum class of an enum field; {@code null} otherwise. */
  public Class<? extends Enum<?>> enumType() {
    return enumType;
  }

  /**
   * The constant a stored name stands for.
   *
   * @throws IllegalStateException if the enum no longer has that constant
   */
  public Enum<?> enumConstant(String storedName) {
    Enum<?> constant = constants.get(storedName);
    if (constant == null) {
      throw new IllegalStateException("field '" + name + "' holds '" + storedName + "', which is not a constant of "
          + enumType.getName() + " (renamed or removed?); its constants are " + constants.keySet());
    }
    return constant;
  }

  /**
   * Converts a value given by name (an incremental patch, an HTTP body) to this field's type. Numbers
   * convert only when no digit is lost; text converts to enum constants and to every type with a text
   * form (UUIDs, dates, times, zones, durations, base64 bytes).
   *
   * @throws IllegalArgumentException naming the model, the field, the expected type and the value
   */
  public Object coerce(String model, Object value) {
    if (value == null) {
      if (primitive) {
        throw new IllegalArgumentException(model + " field '" + name + "' is a primitive and cannot be null");
      }
      return null;
    }
    try {
      Object converted = convert(value);
      if (converted != null) {
        return converted;
      }
    } catch (ArithmeticException | IllegalArgumentException | java.time.DateTimeException e) {
      throw wrongType(model, value, e.getMessage());
    }
    throw wrongType(model, value, null);
  }

  private IllegalArgumentException wrongType(String model, Object value, String detail) {
    String shown = String.valueOf(value);
    if (shown.length() > 60) {
      shown = shown.substring(0, 60) + "...";
    }
    return new IllegalArgumentException(model + " field '" + name + "' takes " + expectedType() + ", not "
        + value.getClass().getSimpleName() + " '" + shown + "'" + (detail == null ? "" : " (" + detail + ")"));
  }

  /** The Java type this field holds, for messages. */
  public String expectedType() {
    return switch (type) {
      case ENUM -> enumType.getSimpleName() + " (one of " + constants.keySet() + ")";
      case JSON -> jsonType.toCanonical();
      case CHAR -> "char";
      case BOOLEAN -> "boolean";
      case BYTE -> "byte";
      case SHORT -> "short";
      case INT -> "int";
      case LONG -> "long";
      case FLOAT -> "float";
      case DOUBLE -> "double";
      default -> type.javaType().getSimpleName();
    };
  }

  /** The converted value, or {@code null} when the value's type cannot convert. */
  private Object convert(Object v) {
    switch (type) {
      case BYTE:
        return integral(v) == null ? null : integral(v).byteValueExact();
      case SHORT:
        return integral(v) == null ? null : integral(v).shortValueExact();
      case INT:
        return integral(v) == null ? null : integral(v).intValueExact();
      case LONG:
        return integral(v) == null ? null : integral(v).longValueExact();
      case BIG_INTEGER:
        return integral(v) == null ? null : integral(v).toBigIntegerExact();
      case FLOAT:
        return v instanceof Number n ? n.floatValue() : null;
      case DOUBLE:
        return v instanceof Number n ? n.doubleValue() : null;
      case DECIMAL:
        if (v instanceof BigDecimal) {
          return v;
        }
        return v instanceof Number n ? new BigDecimal(n.toString()) : null;
      case ENUM:
        if (enumType.isInstance(v)) {
          return v;
        }
        if (v instanceof String s) {
          Enum<?> constant = constants.get(s);
          if (constant == null) {
            throw new IllegalArgumentException("no constant named '" + s + "'");
          }
          return constant;
        }
        return null;
      case JSON:
        return Json.MAPPER.convertValue(v, jsonType);
      default:
        // Every other type is its Java class, or the text form its column type parses (an HTTP body).
        if (type.javaType().isInstance(v)) {
          return v;
        }
        return v instanceof String s ? type.parse(s) : null;
    }
  }

  /** An integral number as BigDecimal with no fraction, or {@code null}. */
  private static BigDecimal integral(Object v) {
    if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof java.math.BigInteger b) {
      return new BigDecimal(b);
    }
    if (v instanceof BigDecimal d) {
      return d.stripTrailingZeros().scale() <= 0 ? d : null;
    }
    return null;
  }

  @Override
  public String toString() {
    return name + " " + type + (precision > 0 ? "(" + precision + "," + scale + ")" : "")
        + (primitive ? " (primitive)" : "") + " -> " + column;
  }
}
