package io.pocketto;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the precision and scale of a {@code BigDecimal} field's column, {@code NUMERIC(precision, scale)}
 * on every database: {@code @Decimal(precision = 12, scale = 2) protected BigDecimal total;}.
 *
 * <p>Such a column holds each value exactly as written, so a value must have exactly {@code scale} digits
 * after the point (use {@code setScale(2)}: {@code 19.9} would come back as {@code 19.90}) and at most
 * {@code precision - scale} before it. Any other value is refused with an {@link IllegalArgumentException}
 * naming the field, before anything is written. Without {@code @Decimal} a decimal keeps whatever scale
 * it has.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Decimal {

  /** The total number of digits, 1 to 1000. */
  int precision();

  /** The digits after the point, 0 to {@code precision}. */
  int scale() default 0;
}
