package io.pocketto.processor;

import io.pocketto.internal.ColumnType;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Decides how a field type is stored: as one of the runtime's {@link ColumnType}s (the one definition
 * of each type, shared with the runtime), as JSON through Jackson, or not at all (with the reason a user
 * needs to fix it). Only collections, maps, arrays, records and POJOs go to JSON.
 */
final class TypeClassifier {

  /** The outcome: a column type, a reason the type is unsupported, or unresolved. */
  record Result(ColumnType kind, String unsupportedReason, boolean unresolved) {
    static Result of(ColumnType kind) {
      return new Result(kind, null, false);
    }

    static Result unsupported(String reason) {
      return new Result(null, reason, false);
    }

    static Result unresolvedType() {
      return new Result(null, null, true);
    }

    boolean ok() {
      return kind != null;
    }
  }

  /** Container interfaces Jackson reads back as concrete collections. */
  private static final Set<String> CONTAINERS = Set.of(
      "java.util.List", "java.util.Collection", "java.util.Set", "java.util.SortedSet", "java.util.NavigableSet",
      "java.util.Map", "java.util.SortedMap", "java.util.NavigableMap",
      "java.util.ArrayList", "java.util.LinkedList", "java.util.HashSet", "java.util.LinkedHashSet",
      "java.util.TreeSet", "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap");

  private static final Set<String> MAPS = Set.of(
      "java.util.Map", "java.util.SortedMap", "java.util.NavigableMap", "java.util.HashMap",
      "java.util.LinkedHashMap", "java.util.TreeMap");

  private static final Set<String> LEGACY_DATES = Set.of(
      "java.util.Date", "java.util.Calendar", "java.util.GregorianCalendar", "java.sql.Date",
      "java.sql.Timestamp", "java.sql.Time");

  /** JDK types that would not come back exactly, and what to store instead. */
  private static final Map<String, String> INEXACT = Map.of(
      "java.util.Locale", "a Locale does not come back exactly from any text form (variants and extensions are"
          + " rewritten); store its language tag, toLanguageTag(), as a String",
      "java.net.URL", "URL.equals resolves host names over the network, so a URL cannot be compared reliably;"
          + " use java.net.URI",
      "java.time.Clock", "a Clock is behaviour, not data; store an Instant or a ZoneId",
      "java.time.chrono.ChronoLocalDate", "an interface has no fixed shape to read back; use LocalDate");

  private final Types types;

  TypeClassifier(Types types) {
    this.types = types;
  }

  Result classify(TypeMirror type) {
    switch (type.getKind()) {
      case BOOLEAN: case BYTE: case SHORT: case INT: case LONG: case FLOAT: case DOUBLE: case CHAR:
        return Result.of(ColumnType.forJavaType(types.boxedClass((PrimitiveType) type).getQualifiedName().toString()));
      case ERROR: return Result.unresolvedType();
      case DECLARED: break;
      case ARRAY: {
        TypeMirror component = ((ArrayType) type).getComponentType();
        if (component.getKind() == TypeKind.BYTE) {
          return Result.of(ColumnType.BYTES);
        }
        String reason = jsonProblem(component);
        return reason == null ? Result.of(ColumnType.JSON) : reasonOrUnresolved(reason);
      }
      default: return Result.unsupported("type variables and wildcards cannot be stored; use a concrete type");
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    ColumnType scalar = ColumnType.forJavaType(element.getQualifiedName().toString());
    if (scalar != null) {
      return Result.of(scalar);
    }
    if (element.getKind() == ElementKind.ENUM) {
      return Result.of(ColumnType.ENUM);
    }
    String reason = jsonProblem(type);
    return reason == null ? Result.of(ColumnType.JSON) : reasonOrUnresolved(reason);
  }

  private static Result reasonOrUnresolved(String reason) {
    return reason.equals(UNRESOLVED) ? Result.unresolvedType() : Result.unsupported(reason);
  }

  private static final String UNRESOLVED = "\0unresolved";

  /** Why a type cannot be stored as JSON, or {@code null} if it can. */
  private String jsonProblem(TypeMirror type) {
    switch (type.getKind()) {
      case BOOLEAN: case BYTE: case SHORT: case INT: case LONG: case FLOAT: case DOUBLE: case CHAR:
        return null;
      case ARRAY:
        return jsonProblem(((ArrayType) type).getComponentType());
      case ERROR:
        return UNRESOLVED;
      case TYPEVAR:
      case WILDCARD:
        return "type variables and wildcards cannot be stored; use a concrete type";
      case DECLARED:
        break;
      default:
        return type.getKind().name().toLowerCase() + " types cannot be stored";
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    // Column types also have an exact JSON form with the runtime's mapper (zones and offsets kept).
    if (ColumnType.forJavaType(name) != null || element.getKind() == ElementKind.ENUM) {
      return null;
    }
    if (INEXACT.containsKey(name)) {
      return INEXACT.get(name);
    }
    if (name.equals("java.lang.Object")) {
      return "Object has no fixed shape to read back; use a concrete type";
    }
    if (LEGACY_DATES.contains(name)) {
      return "legacy date types are not supported; use Instant, LocalDate or LocalDateTime";
    }
    if (name.startsWith("java.util.Optional")) {
      return "Optional cannot be stored; use a nullable field";
    }
    if (CONTAINERS.contains(name)) {
      if (declared.getTypeArguments().isEmpty()) {
        return "raw " + element.getSimpleName() + " has no element type; give its type arguments, e.g. "
            + element.getSimpleName() + (MAPS.contains(name) ? "<String, Integer>" : "<String>");
      }
      if (MAPS.contains(name)) {
        String keyProblem = mapKeyProblem(declared.getTypeArguments().get(0));
        if (keyProblem != null) {
          return keyProblem;
        }
      }
      for (TypeMirror argument : declared.getTypeArguments()) {
        String problem = jsonProblem(argument);
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")) {
      return "the JDK type " + name + " has no JSON form Pocketto supports";
    }
    if (element.getKind() == ElementKind.INTERFACE || element.getModifiers().contains(Modifier.ABSTRACT)) {
      return "an interface or abstract class cannot be read back from JSON; use a concrete class or record";
    }
    if (!declared.getTypeArguments().isEmpty()) {
      for (TypeMirror argument : declared.getTypeArguments()) {
        String problem = jsonProblem(argument);
        if (problem != null) {
          return problem;
        }
      }
    }
    return element.getKind() == ElementKind.RECORD ? componentProblem(element) : null;
  }

  /** Records whose components are being checked, so that a record referring to itself is checked once. */
  private final Set<String> recordsInProgress = new java.util.HashSet<>();

  /**
   * Why a record's components cannot all be stored as JSON, naming the component, or {@code null}. A
   * record's components are exactly what Jackson writes, so a {@code Locale} inside one is as inexact as
   * a {@code Locale} field.
   */
  private String componentProblem(TypeElement record) {
    String name = record.getQualifiedName().toString();
    if (!recordsInProgress.add(name)) {
      return null;
    }
    try {
      for (RecordComponentElement component : ElementFilter.recordComponentsIn(record.getEnclosedElements())) {
        String problem = jsonProblem(component.asType());
        if (problem != null) {
          return problem.equals(UNRESOLVED) ? problem
              : "component '" + component.getSimpleName() + "' of record " + record.getSimpleName() + ": " + problem;
        }
      }
      return null;
    } finally {
      recordsInProgress.remove(name);
    }
  }

  private String mapKeyProblem(TypeMirror key) {
    if (key.getKind() == TypeKind.ERROR) {
      return UNRESOLVED;
    }
    if (key.getKind() == TypeKind.DECLARED) {
      TypeElement element = (TypeElement) types.asElement(key);
      String name = element.getQualifiedName().toString();
      if (name.equals("java.lang.String") || element.getKind() == ElementKind.ENUM
          || name.equals("java.util.UUID") || name.equals("java.lang.Integer") || name.equals("java.lang.Long")
          || name.equals("java.time.LocalDate")) {
        return null;
      }
    }
    return "map keys must be String, an enum, Integer, Long, UUID or LocalDate, not " + key;
  }
}
