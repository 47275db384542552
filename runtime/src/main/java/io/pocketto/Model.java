package io.pocketto;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an abstract class as a Pocketto model. At compile time the Pocketto processor generates a
 * final subclass that is an {@link ActiveRecord}: {@code find}, {@code save}, dirty tracking,
 * {@link Meta} and enforced revision conflicts.
 *
 * <p>A class named {@code SalesInvoiceModel} yields {@code SalesInvoice}, stored in the collection
 * (table) {@code sales_invoices}. Every non-static, non-transient field is persisted; fields must not
 * be private or final.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Model {

  /** The simple name of the generated class. Defaults to the model's name without its {@code Model} suffix. */
  String name() default "";

  /**
   * The collection (table) name: lower case letters, digits and underscores, at most 63 characters.
   * Defaults to the generated name in snake case, pluralised: {@code SalesInvoice} is stored in
   * {@code sales_invoices}.
   */
  String collection() default "";

  /**
   * The conflict handler plain {@code save()} uses for this model, e.g. {@code FieldMerge.class}; it
   * needs a public no-arg constructor. By default there is none and {@code save()} is strict.
   */
  @SuppressWarnings("rawtypes")
  Class<? extends ConflictHandler> conflictHandler() default ConflictHandler.class;

  /**
   * Composite indexes, each listing fields in order: {@code indexes = @Index({"customer", "issuedOn"})}.
   * For a single field, put {@link Index} on the field instead. The timestamps every document has may be
   * listed as {@code createdAt} and {@code updatedAt}, alone or after fields: {@code @Index("updatedAt")}
   * serves {@code orderBy(UPDATED_AT.desc())}.
   */
  Index[] indexes() default {};
}
