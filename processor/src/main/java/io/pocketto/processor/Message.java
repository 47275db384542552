package io.pocketto.processor;

import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor reports, in one place so that wording stays consistent. Each text
 * starts with {@code [Pocketto]}, names the rule that was broken and says what to do.
 */
enum Message {
  MODEL_NOT_A_CLASS("@Model must annotate a class, not %s"),
  MODEL_FINAL("@Model class %s must not be final: Pocketto generates a subclass of it"),
  MODEL_NOT_ABSTRACT("@Model class %s must be abstract: Pocketto generates its concrete subclass %s"),
  MODEL_PRIVATE("@Model class %s must not be private"),
  MODEL_INNER("@Model class %s must be top-level or a static nested class"),
  MODEL_GENERIC("@Model class %s must not declare type parameters"),
  MODEL_NO_CONSTRUCTOR("@Model class %s must have a non-private no-arg constructor"),
  NAME_NOT_DERIVABLE("cannot derive the generated class name from %s: name the class XxxModel or set @Model(name = \"Xxx\")"),
  NAME_INVALID("@Model(name = \"%s\") is not a valid Java class name"),
  NAME_SAME_AS_MODEL("@Model(name = \"%s\") must differ from the model class's own name"),
  COLLECTION_INVALID("collection name \"%s\" is invalid: use 1 to 63 lower-case letters, digits or underscores, starting with a letter, e.g. @Model(collection = \"sales_invoices\")"),
  CONFLICT_HANDLER_INVALID("@Model(conflictHandler = %s.class) must name a concrete class implementing io.pocketto.ConflictHandler with a public no-arg constructor"),
  CONFLICT_HANDLER_UNRESOLVED("@Model(conflictHandler = ...) on %s names a class that could not be resolved"),
  FIELD_PRIVATE("@Model field '%s' must not be private: make it protected or package-private so the generated class can track it"),
  FIELD_PRIVATE_INHERITED("@Model field '%s' of superclass %s must not be private: the generated subclass of %s cannot read or write it, so it would silently not be stored; make it protected, or mark it transient to keep it out of storage"),
  FIELD_PACKAGE_PRIVATE_INHERITED("@Model field '%s' of superclass %s is package-private, and the generated class in package %s cannot reach it, so it would silently not be stored; make it protected, or mark it transient to keep it out of storage"),
  FIELD_HIDES_INHERITED("@Model field '%s' hides the field of the same name in superclass %s: both would map to one column; rename one of them"),
  DECIMAL_NOT_BIG_DECIMAL("@Decimal on field '%s' of type %s: only a BigDecimal field has a precision and scale"),
  DECIMAL_INVALID("@Decimal(precision = %s, scale = %s) is invalid: precision must be 1 to %s and scale 0 to the precision"),
  FIELD_FINAL("@Model field '%s' must not be final: loading a document assigns it (mark it static or transient to keep it out of storage)"),
  FIELD_RESERVED("@Model field '%s' must not start with '_' or '$': those names are reserved for Pocketto's own columns"),
  FIELD_UNSUPPORTED_TYPE("@Model field '%s' has unsupported type %s: %s"),
  FIELD_UNRESOLVED_TYPE("@Model field '%s' has a type that could not be resolved: %s"),
  FIELD_CLASHES_WITH_GENERATED("@Model field '%s' clashes with the generated %s: rename the field"),
  COLUMN_CLASH("@Model fields '%s' and '%s' both map to column '%s': rename one of them"),
  MODEL_ABSTRACT_METHOD("@Model class %s must not declare abstract method %s: the generated class cannot implement it; give it a body"),
  METHOD_CLASHES_WITH_GENERATED("method %s clashes with the generated member %s: rename it"),
  GENERATED_TYPE_EXISTS("cannot generate %s: a type with that name already exists (javac: %s); rename that type or set @Model(name = \"...\")"),
  PROPERTY_CONSTANT_CLASH("@Model field '%s' gets the query constant %s, which clashes with %s: rename the field or the clashing member"),
  INDEX_EMPTY("@Index in @Model(indexes = ...) must list at least one field, e.g. @Index({\"customer\", \"issuedOn\"})"),
  INDEX_UNKNOWN_FIELD("@Index names '%s', which is not a persisted field of %s%s"),
  INDEX_DUPLICATE_FIELD("@Index lists field '%s' more than once"),
  INDEX_NOT_PERSISTED("@Index on '%s' has no effect: static and transient fields are not stored; remove the annotation"),
  INDEX_JSON_FIELD("@Index on '%s' is not supported: the field is stored as JSON, which queries can only test for null"),
  INDEX_VALUE_ON_FIELD("@Index on field '%s' indexes that field and takes no field names; declare a composite index with @Model(indexes = @Index({...}))"),
  REPOSITORY_NOT_INTERFACE("@Repository must annotate an interface, not %s"),
  REPOSITORY_GENERIC("@Repository interface %s must not declare type parameters"),
  REPOSITORY_PRIVATE("@Repository interface %s must not be private: its generated implementation lives beside it"),
  REPOSITORY_NOT_CRUD("@Repository interface %s must extend io.pocketto.CrudRepository<T>, with T the class generated from a @Model, e.g. CrudRepository<SalesInvoice>"),
  REPOSITORY_NOT_A_MODEL("@Repository interface %s: %s is not a class generated from a @Model; name the generated class, e.g. CrudRepository<SalesInvoice> for @Model SalesInvoiceModel"),
  REPOSITORY_UNRESOLVED("the model type of @Repository interface %s could not be resolved: %s"),
  QUERY_UNSUPPORTED_NAME("query method %s: unsupported method name: a query method is named find...By..., count...By..., exists...By... or delete...By..., e.g. findByCustomer(String customer)"),
  QUERY_UNSUPPORTED_KEYWORD("query method %s: unsupported keyword '%s': %s"),
  QUERY_UNKNOWN_PROPERTY("query method %s: unknown property '%s': %s has %s%s"),
  QUERY_OPERATOR_TYPE("query method %s: %s does not apply to property '%s' of type %s: %s"),
  QUERY_PARAMETER_COUNT("query method %s: parameter count mismatch: the name needs %d parameter(s) (%s) but the method declares %d"),
  QUERY_PARAMETER_TYPE("query method %s: parameter type mismatch: parameter '%s' is %s but %s on '%s' needs %s"),
  QUERY_RETURN_TYPE("query method %s: unsupported return type %s: %s"),
  QUERY_PAGE_REQUEST("query method %s: %s"),
  QUERY_GENERIC_METHOD("query method %s: query methods must not declare type parameters"),
  QUERY_SORT_UNINDEXED("query method %s sorts by '%s', which is in no @Index: each call reads and sorts every "
      + "matching document. Add %s if the collection grows large", Diagnostic.Kind.NOTE),
  INDEX_TEXT_DECIMAL("@Index on '%s' serves no comparison or order of it on H2, which keeps a BigDecimal without "
      + "@Decimal as text (to keep each value's scale) and so compares and sorts it through a cast; on PostgreSQL it "
      + "serves both. Declare @Decimal(precision = ..., scale = ...) on %s.%s for a NUMERIC column that H2 can index",
      Diagnostic.Kind.NOTE),
  INTERNAL_ERROR("internal error while generating %s: %s. Please report this with the model's source", Diagnostic.Kind.ERROR);

  private final String format;
  private final Diagnostic.Kind kind;

  Message(String format) {
    this(format, Diagnostic.Kind.ERROR);
  }

  Message(String format, Diagnostic.Kind kind) {
    this.format = format;
    this.kind = kind;
  }

  Diagnostic.Kind kind() {
    return kind;
  }

  String format(Object... args) {
    return "[Pocketto] " + String.format(format, args);
  }
}
