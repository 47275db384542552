package io.pocketto;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A database index, created with the table ({@code CREATE INDEX IF NOT EXISTS}). On a field it indexes
 * that field; inside {@link Model#indexes()} it lists the fields of a composite index in order:
 * {@code @Model(indexes = @Index({"customer", "issuedOn"}))}, where {@code createdAt} and
 * {@code updatedAt} name the timestamps every document has.
 *
 * <p>Index names are derived from the collection and the columns, so the same model always creates
 * the same index. Field names are checked at compile time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Index {

  /** The fields of a composite index, in order; leave empty on a field, which indexes the field itself. */
  String[] value() default {};
}
