package io.pocketto.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import java.util.HashMap;
import java.util.Map;

/**
 * One persisted field of a model, as the processor saw it: its Java name, its column, how it is
 * stored, and for JSON fields the full generic type Jackson reads it back as.
 */
public final class FieldSpec {
  private final String name;
  private final String column;
  private final ColumnType type;
  private final boolean primitive;
  private final JavaType jsonType;
  private final Class<? extends Enum<?>> enumType;
  private final Map<String, Enum<?>> constants;

  private FieldSpec(String name, String column, ColumnType type, boolean primitive, JavaType jsonType,
      Class<? extends Enum<?>> enumType) {
    this.name = name;
    this.column = column;
    this.type = type;
    this.primitive = primitive;
    this.jsonType = jsonType;
    this.enumType = enumType;
    Map<String, Enum<?>> byName = new HashMap<>();
    if (enumType != null) {
      for (Enum<?> constant : enumType.getEnumConstants()) {
        byName.put(constant.name(), constant);
      }
    }
    this.constants = Map.copyOf(byName);
  }

  /** A field stored in a scalar column; {@code primitive} fields read a NULL column as zero or false. */
  public static FieldSpec scalar(String name, String column, ColumnType type, boolean primitive) {
    if (type == ColumnType.JSON || type == ColumnType.ENUM) {
      throw new IllegalArgumentException("use FieldSpec.json or FieldSpec.enumeration for field " + name);
    }
    return new FieldSpec(name, column, type, primitive, null, null);
  }

  /** A field holding an enum, stored by constant name. */
  public static FieldSpec enumeration(String name, String column, Class<? extends Enum<?>> enumType) {
    return new FieldSpec(name, column, ColumnType.ENUM, false, null, enumType);
  }

  /** A field stored as JSON text and read back as {@code type}. */
  public static FieldSpec json(String name, String column, TypeReference<?> type) {
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

  /** How the value is bound and read. */
  public ColumnType type() {
    return type;
  }

  /** Whether the Java field is a primitive, which cannot hold {@code null}. */
  public boolean primitive() {
    return primitive;
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

  @Override
  public String toString() {
    return name + " " + type + (primitive ? " (primitive)" : "") + " -> " + column;
  }
}
