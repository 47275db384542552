package io.pocketto.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.pocketto.ActiveRecord;
import io.pocketto.ConflictHandler;
import io.pocketto.Decimal;
import io.pocketto.Index;
import io.pocketto.Model;
import io.pocketto.internal.ColumnType;
import io.pocketto.internal.FieldAccess;
import io.pocketto.internal.FieldSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Checks one {@code @Model} class against every rule and, when it passes, describes what to
 * generate. It reports through a {@link Report} and never writes code.
 */
final class ModelValidator {
  static final String MODEL_ANNOTATION = Model.class.getCanonicalName();
  static final String CONFLICT_HANDLER = ConflictHandler.class.getCanonicalName();
  static final String INDEX_ANNOTATION = Index.class.getCanonicalName();
  static final String DECIMAL_ANNOTATION = Decimal.class.getCanonicalName();
  /** The largest precision PostgreSQL's {@code numeric(p, s)} accepts; H2's is larger. */
  static final int MAX_DECIMAL_PRECISION = 1000;

  /** Field names that would clash with generated members. */
  private static final Map<String, String> RESERVED_FIELDS = Map.of(
      "id", "id property (getId/setId); Pocketto manages the document id",
      "BINDING", "BINDING constant (the model's description for the runtime)");

  private final ProcessingEnvironment env;
  private final TypeClassifier classifier;
  /** The models validated clean in this compilation, by qualified name. */
  private final Map<String, ModelDescriptor> described = new HashMap<>();

  /** Methods every generated class has, by name: each name's simplest signature, for the message. */
  private final Map<String, String> generatedMethods;

  ModelValidator(ProcessingEnvironment env) {
    this.env = env;
    this.classifier = new TypeClassifier(env.getTypeUtils());
    this.generatedMethods = generatedMethods();
  }

  /**
   * The instance methods a generated class inherits from {@code ActiveRecord} or implements for
   * {@code FieldAccess}, read from the runtime through {@link Elements} so the list cannot fall behind
   * it, and the static entry points the generator writes. A model method of one of these names would
   * silently replace the runtime's, or hide or be hidden by a generated one.
   */
  private Map<String, String> generatedMethods() {
    Map<String, ExecutableElement> simplest = new HashMap<>();
    for (Class<?> api : List.of(ActiveRecord.class, FieldAccess.class)) {
      TypeElement type = env.getElementUtils().getTypeElement(api.getCanonicalName());
      for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
        if (!method.getModifiers().contains(Modifier.PRIVATE) && !method.getModifiers().contains(Modifier.STATIC)) {
          simplest.merge(method.getSimpleName().toString(), method,
              (a, b) -> a.getParameters().size() <= b.getParameters().size() ? a : b);
        }
      }
    }
    Map<String, String> methods = new HashMap<>(RecordGenerator.STATIC_API);
    simplest.forEach((name, method) -> methods.put(name, erasedSignature(method)));
    return methods;
  }

  /** {@code incrementalModify(Consumer)}: the name and the parameters' erased simple type names. */
  private String erasedSignature(ExecutableElement method) {
    StringBuilder sb = new StringBuilder(method.getSimpleName()).append('(');
    for (int i = 0; i < method.getParameters().size(); i++) {
      String erased = env.getTypeUtils().erasure(method.getParameters().get(i).asType()).toString();
      sb.append(i > 0 ? ", " : "").append(erased.substring(erased.lastIndexOf('.') + 1));
    }
    return sb.append(')').toString();
  }

  /**
   * The descriptor of a model this compilation already validated clean, else the result of validating
   * it now into {@code report}: a repository needs its model's descriptor, and the model's own step has
   * usually made it already.
   */
  ModelDescriptor describe(TypeElement type, Report report) {
    ModelDescriptor known = described.get(type.getQualifiedName().toString());
    return known != null ? known : validate(type, report);
  }

  /** Validates; returns the descriptor when the report stays clean and nothing was deferred. */
  ModelDescriptor validate(TypeElement type, Report report) {
    ModelDescriptor model = check(type, report);
    if (model != null) {
      described.put(type.getQualifiedName().toString(), model);
    }
    return model;
  }

  private ModelDescriptor check(TypeElement type, Report report) {
    if (type.getKind() != ElementKind.CLASS) {
      report.error(Message.MODEL_NOT_A_CLASS, type, type.getKind().toString().toLowerCase().replace('_', ' '));
      return null;
    }
    String modelName = type.getSimpleName().toString();
    AnnotationMirror annotation = modelAnnotation(type);
    String explicitName = stringValue(annotation, "name");
    String explicitCollection = stringValue(annotation, "collection");

    String generatedName = explicitName.isEmpty() ? Names.derivedClassName(modelName) : explicitName;
    if (generatedName == null) {
      report.error(Message.NAME_NOT_DERIVABLE, type, modelName);
    } else if (!Names.isValidClassName(generatedName)) {
      report.error(Message.NAME_INVALID, type, generatedName);
      generatedName = null;
    } else if (generatedName.equals(modelName)) {
      report.error(Message.NAME_SAME_AS_MODEL, type, generatedName);
      generatedName = null;
    }

    Set<Modifier> modifiers = type.getModifiers();
    if (modifiers.contains(Modifier.FINAL)) {
      report.error(Message.MODEL_FINAL, type, modelName);
    } else if (!modifiers.contains(Modifier.ABSTRACT)) {
      report.error(Message.MODEL_NOT_ABSTRACT, type, modelName, generatedName == null ? "Xxx" : generatedName);
    }
    if (modifiers.contains(Modifier.PRIVATE)) {
      report.error(Message.MODEL_PRIVATE, type, modelName);
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !modifiers.contains(Modifier.STATIC)) {
      report.error(Message.MODEL_INNER, type, modelName);
    } else if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
      report.error(Message.MODEL_INNER, type, modelName);
    }
    if (!type.getTypeParameters().isEmpty()) {
      report.error(Message.MODEL_GENERIC, type, modelName);
    }
    checkConstructor(type, report);

    String collection = null;
    if (!explicitCollection.isEmpty()) {
      collection = explicitCollection;
    } else if (generatedName != null) {
      collection = Names.collectionName(generatedName);
    }
    if (collection != null && !Names.isValidCollection(collection)) {
      report.error(Message.COLLECTION_INVALID, type, collection);
    }

    ClassName handler = conflictHandler(type, annotation, report);
    List<PersistedField> fields = fields(type, report);
    checkConstants(type, fields, report);
    List<List<String>> indexes = indexes(type, annotation, fields, report);
    boolean declaresToString = checkMethods(type, report);
    if (!report.isClean() || report.isDeferred() || generatedName == null) {
      return null;
    }
    ClassName modelClass = ClassName.get(type);
    ClassName generated = ClassName.get(modelClass.packageName(), generatedName);
    return new ModelDescriptor(type, modelClass, generated, collection, fields, !declaresToString, handler, indexes);
  }

  /** The handler class named by {@code @Model(conflictHandler)}, or {@code null} for the default (none). */
  private ClassName conflictHandler(TypeElement type, AnnotationMirror annotation, Report report) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : annotation.getElementValues().entrySet()) {
      if (!e.getKey().getSimpleName().contentEquals("conflictHandler")) {
        continue;
      }
      Object value = e.getValue().getValue();
      if (!(value instanceof DeclaredType declared)) {
        report.deferHandler(type);
        return null;
      }
      TypeElement handler = (TypeElement) declared.asElement();
      if (handler.getQualifiedName().contentEquals(CONFLICT_HANDLER)) {
        return null;
      }
      TypeElement handlerInterface = env.getElementUtils().getTypeElement(CONFLICT_HANDLER);
      boolean implementsIt = handlerInterface != null && env.getTypeUtils().isAssignable(
          env.getTypeUtils().erasure(declared), env.getTypeUtils().erasure(handlerInterface.asType()));
      boolean concrete = handler.getKind() == ElementKind.CLASS && !handler.getModifiers().contains(Modifier.ABSTRACT)
          && handler.getModifiers().contains(Modifier.PUBLIC);
      boolean constructible = ElementFilter.constructorsIn(handler.getEnclosedElements()).stream()
          .anyMatch(c -> c.getParameters().isEmpty() && c.getModifiers().contains(Modifier.PUBLIC));
      if (!implementsIt || !concrete || !constructible) {
        report.error(Message.CONFLICT_HANDLER_INVALID, type, annotation, e.getValue(), handler.getSimpleName());
        return null;
      }
      return ClassName.get(handler);
    }
    return null;
  }

  private AnnotationMirror modelAnnotation(TypeElement type) {
    for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
      TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotationType.getQualifiedName().contentEquals(MODEL_ANNOTATION)) {
        return mirror;
      }
    }
    throw new IllegalStateException("no @Model on " + type);
  }

  private static String stringValue(AnnotationMirror mirror, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return String.valueOf(e.getValue().getValue());
      }
    }
    return "";
  }

  private void checkConstructor(TypeElement type, Report report) {
    List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements());
    // A private class's implicit constructor is private too; MODEL_PRIVATE already says what to fix.
    Elements elements = env.getElementUtils();
    boolean ok = constructors.isEmpty() || constructors.stream().anyMatch(c -> c.getParameters().isEmpty()
        && (!c.getModifiers().contains(Modifier.PRIVATE) || elements.getOrigin(c) == Elements.Origin.MANDATED));
    if (!ok) {
      report.error(Message.MODEL_NO_CONSTRUCTOR, type, type.getSimpleName());
    }
  }

  /**
   * The classes whose fields are persisted: every superclass below {@code Object}, outermost first, then
   * the model itself; a superclass's fields come first, as its constructor assigns them first.
   */
  private List<TypeElement> declaringClasses(TypeElement type, Report report) {
    List<TypeElement> chain = new ArrayList<>();
    for (TypeElement t = type; t != null; ) {
      chain.add(0, t);
      TypeMirror superclass = t.getSuperclass();
      if (superclass.getKind() == TypeKind.ERROR) {
        // A superclass another processor has yet to generate: its fields are unknown until it exists.
        report.defer();
        break;
      }
      if (superclass.getKind() != TypeKind.DECLARED) {
        break;
      }
      TypeElement next = (TypeElement) ((DeclaredType) superclass).asElement();
      t = next.getQualifiedName().contentEquals("java.lang.Object") ? null : next;
    }
    return chain;
  }

  /** Every persisted field of the model and its superclasses, or an error on each one that cannot be. */
  private List<PersistedField> fields(TypeElement type, Report report) {
    List<PersistedField> fields = new ArrayList<>();
    Map<String, VariableElement> byColumn = new HashMap<>();
    Map<String, VariableElement> byName = new HashMap<>();
    String modelPackage = env.getElementUtils().getPackageOf(type).getQualifiedName().toString();
    for (TypeElement owner : declaringClasses(type, report)) {
      boolean inherited = owner != type;
      for (VariableElement field : ElementFilter.fieldsIn(owner.getEnclosedElements())) {
        Set<Modifier> modifiers = field.getModifiers();
        if (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.TRANSIENT)) {
          continue;
        }
        String name = field.getSimpleName().toString();
        boolean valid = true;
        VariableElement hidden = byName.putIfAbsent(name, field);
        if (hidden != null) {
          report.error(Message.FIELD_HIDES_INHERITED, field, name, hidden.getEnclosingElement().getSimpleName());
          continue;
        }
        if (modifiers.contains(Modifier.PRIVATE)) {
          if (inherited) {
            report.error(Message.FIELD_PRIVATE_INHERITED, field, name, owner.getSimpleName(), type.getSimpleName());
          } else {
            report.error(Message.FIELD_PRIVATE, field, name);
          }
          valid = false;
        } else if (inherited && !modifiers.contains(Modifier.PROTECTED) && !modifiers.contains(Modifier.PUBLIC)
            && !env.getElementUtils().getPackageOf(owner).getQualifiedName().contentEquals(modelPackage)) {
          report.error(Message.FIELD_PACKAGE_PRIVATE_INHERITED, field, name, owner.getQualifiedName(), modelPackage);
          valid = false;
        }
        if (modifiers.contains(Modifier.FINAL)) {
          report.error(Message.FIELD_FINAL, field, name);
          valid = false;
        }
        if (name.startsWith("_") || name.startsWith("$")) {
          report.error(Message.FIELD_RESERVED, field, name);
          valid = false;
        }
        String getter = Names.getter(name, field.asType().getKind() == TypeKind.BOOLEAN);
        if (RESERVED_FIELDS.containsKey(name)) {
          report.error(Message.FIELD_CLASHES_WITH_GENERATED, field, name, RESERVED_FIELDS.get(name));
          valid = false;
        } else if (generatedMethods.containsKey(getter)) {
          // A primitive boolean 'dirty' would get the getter isDirty(), which the generated class already has.
          report.error(Message.FIELD_CLASHES_WITH_GENERATED, field, name,
              "method " + generatedMethods.get(getter) + ", which would also be its getter");
          valid = false;
        }
        TypeClassifier.Result kind = classifier.classify(field.asType());
        if (kind.unresolved()) {
          report.defer(field);
          continue;
        }
        if (!kind.ok()) {
          report.error(Message.FIELD_UNSUPPORTED_TYPE, field, name, field.asType(), kind.unsupportedReason());
          continue;
        }
        int[] decimal = decimal(field, kind.kind(), report);
        if (decimal == null) {
          valid = false;
        }
        String column = Names.snakeCase(name);
        VariableElement previous = byColumn.putIfAbsent(column, field);
        if (previous != null) {
          report.error(Message.COLUMN_CLASH, field, previous.getSimpleName(), name, column);
          valid = false;
        }
        if (!valid) {
          continue;
        }
        boolean primitive = field.asType().getKind().isPrimitive();
        String setter = Names.setter(name);
        fields.add(new PersistedField(field, name, column, kind.kind(), TypeName.get(field.asType()), primitive,
            getter, setter, !declaresMethod(type, getter, 0), !declaresMethod(type, setter, 1), decimal[0], decimal[1]));
      }
    }
    return fields;
  }

  /** The {@code @Decimal} precision and scale of a field ({0, 0} without one), or {@code null} after an error. */
  private static int[] decimal(VariableElement field, ColumnType kind, Report report) {
    AnnotationMirror decimal = annotation(field, DECIMAL_ANNOTATION);
    if (decimal == null) {
      return new int[] {0, 0};
    }
    String name = field.getSimpleName().toString();
    if (kind != ColumnType.DECIMAL) {
      report.error(Message.DECIMAL_NOT_BIG_DECIMAL, field, name, field.asType());
      return null;
    }
    int precision = intValue(decimal, "precision", 0);
    int scale = intValue(decimal, "scale", 0);
    if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
      report.error(Message.DECIMAL_INVALID, field, precision, scale, MAX_DECIMAL_PRECISION);
      return null;
    }
    return new int[] {precision, scale};
  }

  private static int intValue(AnnotationMirror mirror, String attribute, int otherwise) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute) && e.getValue().getValue() instanceof Integer i) {
        return i;
      }
    }
    return otherwise;
  }

  /** Each field's query constant must not hide or clash with another member of the generated class. */
  private void checkConstants(TypeElement type, List<PersistedField> fields, Report report) {
    Map<String, VariableElement> members = new HashMap<>();
    for (VariableElement member : ElementFilter.fieldsIn(env.getElementUtils().getAllMembers(type))) {
      members.putIfAbsent(member.getSimpleName().toString(), member);
    }
    for (PersistedField f : fields) {
      String constant = Names.constantName(f.name());
      VariableElement other = members.get(constant);
      if (constant.equals(RecordGenerator.BINDING)) {
        report.error(Message.PROPERTY_CONSTANT_CLASH, f.element(), f.name(), constant, "the generated constant BINDING");
      } else if (other != null) {
        report.error(Message.PROPERTY_CONSTANT_CLASH, f.element(), f.name(), constant,
            "the field " + constant + " of " + other.getEnclosingElement().getSimpleName());
      }
    }
  }

  /** The indexes of {@code @Index} fields and of {@code @Model(indexes = ...)}, in declaration order. */
  private List<List<String>> indexes(TypeElement type, AnnotationMirror model, List<PersistedField> fields,
      Report report) {
    Map<String, PersistedField> byName = new LinkedHashMap<>();
    for (PersistedField f : fields) {
      byName.put(f.name(), f);
    }
    Set<List<String>> indexes = new LinkedHashSet<>();
    List<VariableElement> declared = new ArrayList<>();
    for (TypeElement owner : declaringClasses(type, new Report())) {
      declared.addAll(ElementFilter.fieldsIn(owner.getEnclosedElements()));
    }
    for (VariableElement field : declared) {
      AnnotationMirror index = annotation(field, INDEX_ANNOTATION);
      if (index == null) {
        continue;
      }
      String name = field.getSimpleName().toString();
      PersistedField persisted = byName.get(name);
      if (field.getModifiers().contains(Modifier.STATIC) || field.getModifiers().contains(Modifier.TRANSIENT)) {
        report.error(Message.INDEX_NOT_PERSISTED, field, name);
      } else if (!values(index, "value").isEmpty()) {
        report.error(Message.INDEX_VALUE_ON_FIELD, field, name);
      } else if (persisted != null && persisted.isJson()) {
        report.error(Message.INDEX_JSON_FIELD, field, name);
      } else if (persisted != null) {
        noteTextDecimal(field, persisted, type, report);
        indexes.add(List.of(name));
      }
    }
    for (AnnotationValue value : values(model, "indexes")) {
      List<String> names = new ArrayList<>();
      for (AnnotationValue v : values((AnnotationMirror) value.getValue(), "value")) {
        names.add(String.valueOf(v.getValue()));
      }
      if (names.isEmpty()) {
        report.error(Message.INDEX_EMPTY, type);
        continue;
      }
      boolean valid = true;
      Set<String> seen = new HashSet<>();
      for (String name : names) {
        PersistedField f = byName.get(name);
        if (!seen.add(name)) {
          report.error(Message.INDEX_DUPLICATE_FIELD, type, name);
          valid = false;
        } else if (f == null && FieldSpec.timestamp(name) != null) {
          continue;  // createdAt or updatedAt, columns every document has, for "latest first" pages
        } else if (f == null) {
          report.error(Message.INDEX_UNKNOWN_FIELD, type, name, type.getSimpleName(),
              DidYouMean.hint(name, indexableNames(byName.keySet())));
          valid = false;
        } else if (f.isJson()) {
          report.error(Message.INDEX_JSON_FIELD, type, name);
          valid = false;
        } else {
          noteTextDecimal(type, f, type, report);
        }
      }
      if (valid) {
        indexes.add(List.copyOf(names));
      }
    }
    return List.copyOf(indexes);
  }

  /** A note on {@code element} when an index lists a decimal that H2 keeps as text, which the index cannot serve there. */
  private static void noteTextDecimal(Element element, PersistedField field, TypeElement type, Report report) {
    if (field.kind() == ColumnType.DECIMAL && field.precision() == 0) {
      report.note(Message.INDEX_TEXT_DECIMAL, element, field.name(), type.getSimpleName(), field.name());
    }
  }

  /** What {@code @Model(indexes = ...)} may name: the fields, and the timestamps every document has. */
  private static Set<String> indexableNames(Set<String> fields) {
    Set<String> names = new LinkedHashSet<>(fields);
    for (FieldSpec timestamp : FieldSpec.TIMESTAMPS) {
      names.add(timestamp.name());
    }
    return names;
  }

  private static AnnotationMirror annotation(Element element, String name) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(name)) {
        return mirror;
      }
    }
    return null;
  }

  /** The elements of an array-valued annotation attribute; empty when it is not set. */
  private static List<? extends AnnotationValue> values(AnnotationMirror mirror, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute) && e.getValue().getValue() instanceof List<?> list) {
        List<AnnotationValue> out = new ArrayList<>();
        for (Object o : list) {
          out.add((AnnotationValue) o);
        }
        return out;
      }
    }
    return List.of();
  }

  /** Whether the model or a superclass (below {@code Object}) declares the method, which is then not generated. */
  private static boolean declaresMethod(TypeElement type, String name, int parameters) {
    for (TypeElement t = type; t != null && !t.getQualifiedName().contentEquals("java.lang.Object"); ) {
      if (ElementFilter.methodsIn(t.getEnclosedElements()).stream()
          .anyMatch(m -> m.getSimpleName().contentEquals(name) && m.getParameters().size() == parameters)) {
        return true;
      }
      TypeMirror superclass = t.getSuperclass();
      t = superclass.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) superclass).asElement() : null;
    }
    return false;
  }

  /** Reports methods that generated members would override or hide; returns whether toString() is declared. */
  private boolean checkMethods(TypeElement type, Report report) {
    boolean declaresToString = false;
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      String name = method.getSimpleName().toString();
      if (name.equals("toString") && method.getParameters().isEmpty()) {
        declaresToString = true;
      }
      String generated = generatedMethods.get(name);
      if (generated != null) {
        report.error(Message.METHOD_CLASHES_WITH_GENERATED, method, signature(method), generated);
      } else if (method.getModifiers().contains(Modifier.ABSTRACT)) {
        // The generated class is final, so javac would reject it with an error in code the user never wrote.
        report.error(Message.MODEL_ABSTRACT_METHOD, method, type.getSimpleName(), signature(method));
      }
    }
    return declaresToString;
  }

  private static String signature(ExecutableElement method) {
    StringBuilder sb = new StringBuilder(method.getSimpleName()).append('(');
    for (int i = 0; i < method.getParameters().size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(simpleTypeName(method.getParameters().get(i)));
    }
    return sb.append(')').toString();
  }

  private static String simpleTypeName(Element parameter) {
    String full = parameter.asType().toString();
    int lt = full.indexOf('<');
    String raw = lt < 0 ? full : full.substring(0, lt);
    return raw.substring(raw.lastIndexOf('.') + 1) + (lt < 0 ? "" : full.substring(lt));
  }
}
