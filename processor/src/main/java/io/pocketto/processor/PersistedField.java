package io.pocketto.processor;

import com.palantir.javapoet.TypeName;
import io.pocketto.internal.ColumnType;
import javax.lang.model.element.VariableElement;

/**
 * One persisted field as the generator needs it.
 *
 * @param element the field
 * @param name the Java name
 * @param column the SQL column
 * @param kind how the field is stored
 * @param type the field's Java type
 * @param primitive whether the type is primitive
 * @param getter the accessor name
 * @param setter the mutator name
 * @param generateGetter false when the model declares the getter itself
 * @param generateSetter false when the model declares the setter itself
 * @param precision the {@code @Decimal} precision, or 0 when the field declares none
 * @param scale the {@code @Decimal} scale
 */
record PersistedField(
    VariableElement element,
    String name,
    String column,
    ColumnType kind,
    TypeName type,
    boolean primitive,
    String getter,
    String setter,
    boolean generateGetter,
    boolean generateSetter,
    int precision,
    int scale) {

  boolean isJson() {
    return kind == ColumnType.JSON;
  }

  boolean isEnum() {
    return kind == ColumnType.ENUM;
  }
}
