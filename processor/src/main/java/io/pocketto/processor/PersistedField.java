package io.pocketto.processor;

import com.palantir.javapoet.TypeName;
import javax.lang.model.element.VariableElement;

/**
 * One persisted field as the generator needs it.
 *
 * @param element the field
 * @param name the Java name
 * @param column the SQL column
 * @param kind the runtime {@code ColumnType} constant name
 * @param type the field's Java type
 * @param primitive whether the type is primitive
 * @param getter the accessor name
 * @param setter the mutator name
 * @param generateGetter false when the model declares the getter itself
 * @param generateSetter false when the model declares the setter itself
 */
record PersistedField(
    VariableElement element,
    String name,
    String column,
    String kind,
    TypeName type,
    boolean primitive,
    String getter,
    String setter,
    boolean generateGetter,
    boolean generateSetter) {

  boolean isJson() {
    return kind.equals("JSON");
  }

  boolean isEnum() {
    return kind.equals("ENUM");
  }
}
