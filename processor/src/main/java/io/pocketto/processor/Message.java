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
  FIELD_FINAL("@Model field '%s' must not be final: loading a document assigns it (mark it static or transient to keep it out of storage)"),
  FIELD_RESERVED("@Model field '%s' must not start with '_' or '$': those names are reserved for Pocketto's own columns"),
  FIELD_UNSUPPORTED_TYPE("@Model field '%s' has unsupported type %s: %s"),
  FIELD_UNRESOLVED_TYPE("@Model field '%s' has a type that could not be resolved: %s"),
  FIELD_CLASHES_WITH_GENERATED("@Model field '%s' clashes with the generated %s: rename the field"),
  COLUMN_CLASH("@Model fields '%s' and '%s' both map to column '%s': rename one of them"),
  MODEL_ABSTRACT_METHOD("@Model class %s must not declare abstract method %s: the generated class cannot implement it; give it a body"),
  METHOD_CLASHES_WITH_GENERATED("method %s clashes with the generated member %s: rename it"),
  GENERATED_TYPE_EXISTS("cannot generate %s: a type with that name already exists (javac: %s); rename that type or set @Model(name = \"...\")"),
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
