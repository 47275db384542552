package io.pocketto.processor;

import com.palantir.javapoet.ClassName;
import io.pocketto.internal.ColumnType;
import io.pocketto.internal.FieldSpec;
import io.pocketto.internal.Indexes;
import io.pocketto.internal.PinnedKeys;
import io.pocketto.processor.DerivedQuery.Criterion;
import io.pocketto.processor.DerivedQuery.Operator;
import io.pocketto.processor.DerivedQuery.QueryProperty;
import io.pocketto.processor.DerivedQuery.Sort;
import io.pocketto.processor.RepositoryDescriptor.Argument;
import io.pocketto.processor.RepositoryDescriptor.QueryMethod;
import io.pocketto.processor.RepositoryDescriptor.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks one {@code @Repository} interface and parses each of its query methods. The model is the type
 * argument of {@code CrudRepository<T>}: a class the processor generates, so a repository is deferred
 * until the round in which that class exists; its fields come from the {@code @Model} class it extends.
 */
final class RepositoryValidator {
  static final String REPOSITORY_ANNOTATION = "io.pocketto.Repository";
  static final String CRUD_REPOSITORY = "io.pocketto.CrudRepository";
  private static final String PAGE = "io.pocketto.query.Page";
  private static final String PAGE_REQUEST = "io.pocketto.query.PageRequest";
  private static final Map<String, Result> CONTAINERS = Map.of(
      "java.util.List", Result.LIST, "java.util.Optional", Result.OPTIONAL,
      "java.util.stream.Stream", Result.STREAM, PAGE, Result.PAGE);

  private final Elements elements;
  private final Types types;
  private final ModelValidator models;

  RepositoryValidator(ProcessingEnvironment env, ModelValidator models) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.models = models;
  }

  /** Validates; returns the descriptor when the report stays clean and nothing was deferred. */
  RepositoryDescriptor validate(TypeElement type, Report report) {
    String name = type.getSimpleName().toString();
    if (type.getKind() != ElementKind.INTERFACE) {
      report.error(Message.REPOSITORY_NOT_INTERFACE, type, type.getKind().toString().toLowerCase().replace('_', ' '));
      return null;
    }
    if (!type.getTypeParameters().isEmpty()) {
      report.error(Message.REPOSITORY_GENERIC, type, name);
    }
    if (type.getModifiers().contains(Modifier.PRIVATE)) {
      report.error(Message.REPOSITORY_PRIVATE, type, name);
    }
    DeclaredType crud = crudSupertype(type.asType());
    if (crud == null) {
      if (hasUnresolvedSupertype(type.asType())) {
        report.defer();
      } else {
        report.error(Message.REPOSITORY_NOT_CRUD, type, name);
      }
      return null;
    }
    if (crud.getTypeArguments().size() != 1) {
      report.error(Message.REPOSITORY_NOT_CRUD, type, name);
      return null;
    }
    TypeMirror modelType = crud.getTypeArguments().get(0);
    if (modelType.getKind() == TypeKind.ERROR) {
      report.defer();
      return null;
    }
    ModelDescriptor model = model(type, modelType, report);
    if (model == null || !report.isClean() || report.isDeferred()) {
      return null;
    }
    Map<String, QueryProperty> properties = properties(model);
    QueryMethodParser parser = new QueryMethodParser(model.generatedClass().simpleName(), properties);
    List<QueryMethod> methods = new ArrayList<>();
    for (ExecutableElement method : queryMethods(type)) {
      if (hasUnresolvedTypes(method)) {
        report.defer();
        continue;
      }
      try {
        DerivedQuery query = parser.parse(method.getSimpleName().toString());
        methods.add(method(method, query, model, modelType));
        noteUnindexedSort(method, query, model, report);
      } catch (QueryMethodException e) {
        report.error(e.diagnostic(), method, e.args());
      }
    }
    if (!report.isClean() || report.isDeferred()) {
      return null;
    }
    ClassName repository = ClassName.get(type);
    ClassName implementation = ClassName.get(repository.packageName(),
        String.join("_", repository.simpleNames()) + "_Impl");
    return new RepositoryDescriptor(type, repository, implementation, model, methods);
  }

  /**
   * Notes a method whose first sort key is in no {@code @Index} ({@link Indexes#anyContains}, the runtime's rule for
   * typed queries): each call then reads and sorts every matching document. The id is always indexed.
   */
  private static void noteUnindexedSort(ExecutableElement method, DerivedQuery query, ModelDescriptor model,
      Report report) {
    if (query.sorts().isEmpty()) {
      return;
    }
    String field = query.sorts().get(0).property().name();
    if (field.equals(PinnedKeys.DOCUMENT_ID) || Indexes.anyContains(model.indexes(), field)) {
      return;
    }
    // Not the id and no field: a timestamp.
    boolean timestamp = model.fields().stream().noneMatch(f -> f.name().equals(field));
    report.note(Message.QUERY_SORT_UNINDEXED, method, method.getSimpleName(), field,
        Indexes.advice(model.modelClass().simpleName(), field, timestamp));
  }

  /** The model behind a generated class, or an error when the type is not one. */
  private ModelDescriptor model(TypeElement repository, TypeMirror modelType, Report report) {
    String name = repository.getSimpleName().toString();
    if (modelType.getKind() != TypeKind.DECLARED) {
      report.error(Message.REPOSITORY_NOT_A_MODEL, repository, name, modelType);
      return null;
    }
    TypeElement generated = (TypeElement) types.asElement(modelType);
    Element superclass = types.asElement(generated.getSuperclass());
    if (!(superclass instanceof TypeElement modelClass) || !hasModelAnnotation(modelClass)) {
      report.error(Message.REPOSITORY_NOT_A_MODEL, repository, name, modelType);
      return null;
    }
    Report modelReport = new Report();
    ModelDescriptor model = models.describe(modelClass, modelReport);
    if (modelReport.isDeferred()) {
      report.defer();
      return null;
    }
    if (model == null || !model.generatedClass().equals(ClassName.get(generated))) {
      // An invalid model was reported where it is declared; only a mismatch is this repository's error.
      if (model != null) {
        report.error(Message.REPOSITORY_NOT_A_MODEL, repository, name, modelType);
      }
      return null;
    }
    return model;
  }

  private static boolean hasModelAnnotation(TypeElement type) {
    for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
          .contentEquals(ModelValidator.MODEL_ANNOTATION)) {
        return true;
      }
    }
    return false;
  }

  private Map<String, QueryProperty> properties(ModelDescriptor model) {
    Map<String, QueryProperty> properties = new LinkedHashMap<>();
    properties.put(PinnedKeys.DOCUMENT_ID, new QueryProperty(PinnedKeys.DOCUMENT_ID, "_id", ColumnType.STRING,
        elements.getTypeElement("java.lang.String").asType()));
    for (PersistedField f : model.fields()) {
      properties.put(f.name(), new QueryProperty(f.name(), f.column(), f.kind(), f.element().asType(), f.precision()));
    }
    // The timestamps every document has, as typed queries offer them (CREATED_AT, UPDATED_AT); a field of the
    // same name is what the name means.
    for (FieldSpec timestamp : FieldSpec.TIMESTAMPS) {
      properties.putIfAbsent(timestamp.name(), new QueryProperty(timestamp.name(), timestamp.column(), timestamp.type(),
          elements.getTypeElement("java.time.Instant").asType()));
    }
    return properties;
  }

  private DeclaredType crudSupertype(TypeMirror type) {
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype.getKind() != TypeKind.DECLARED) {
        continue;
      }
      TypeElement element = (TypeElement) types.asElement(supertype);
      if (element.getQualifiedName().contentEquals(CRUD_REPOSITORY)) {
        return (DeclaredType) supertype;
      }
      DeclaredType found = crudSupertype(supertype);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private boolean hasUnresolvedSupertype(TypeMirror type) {
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype.getKind() == TypeKind.ERROR || hasUnresolvedSupertype(supertype)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasUnresolvedTypes(ExecutableElement method) {
    if (containsError(method.getReturnType())) {
      return true;
    }
    for (VariableElement p : method.getParameters()) {
      if (containsError(p.asType())) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsError(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      return true;
    }
    if (type instanceof DeclaredType declared) {
      for (TypeMirror argument : declared.getTypeArguments()) {
        if (containsError(argument)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The abstract methods to implement: not those of CrudRepository or Object, which the base class has. */
  private List<ExecutableElement> queryMethods(TypeElement type) {
    TypeElement crud = elements.getTypeElement(CRUD_REPOSITORY);
    List<ExecutableElement> crudMethods = ElementFilter.methodsIn(crud.getEnclosedElements());
    List<ExecutableElement> methods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      if (!method.getModifiers().contains(Modifier.ABSTRACT) || method.getEnclosingElement().equals(crud)
          || isObjectMethod(method)) {
        continue;
      }
      boolean inherited = crudMethods.stream().anyMatch(c -> elements.overrides(method, c, type));
      if (!inherited) {
        methods.add(method);
      }
    }
    return methods;
  }

  private static boolean isObjectMethod(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    int arity = method.getParameters().size();
    return (arity == 0 && (name.equals("toString") || name.equals("hashCode")))
        || (arity == 1 && name.equals("equals"));
  }

  private QueryMethod method(ExecutableElement method, DerivedQuery query, ModelDescriptor model, TypeMirror modelType)
      throws QueryMethodException {
    String name = method.getSimpleName().toString();
    if (!method.getTypeParameters().isEmpty()) {
      throw new QueryMethodException(Message.QUERY_GENERIC_METHOD, name);
    }
    Result result = result(method, query, modelType);
    if (query.limit() > 0 && result == Result.PAGE) {
      throw new QueryMethodException(Message.QUERY_UNSUPPORTED_KEYWORD, name, limitKeyword(query),
          "a Page method takes its window from the PageRequest; remove " + limitKeyword(query));
    }
    if (query.limit() > 1 && (result == Result.OPTIONAL || result == Result.ENTITY)) {
      throw new QueryMethodException(Message.QUERY_UNSUPPORTED_KEYWORD, name, limitKeyword(query),
          limitKeyword(query) + " returns up to " + query.limit() + " documents; return a List or Stream, or use First");
    }
    for (Sort sort : query.sorts()) {
      if (sort.property().isJson()) {
        throw new QueryMethodException(Message.QUERY_OPERATOR_TYPE, name, "OrderBy", sort.property().name(),
            sort.property().type(), "a JSON field has no order to sort by");
      }
    }

    List<? extends VariableElement> parameters = method.getParameters();
    int valueCount = parameters.size();
    String pageParameter = null;
    if (result == Result.PAGE) {
      if (parameters.isEmpty() || !isType(parameters.get(parameters.size() - 1).asType(), PAGE_REQUEST)) {
        throw new QueryMethodException(Message.QUERY_PAGE_REQUEST, name, "a method returning Page must take a "
            + "PageRequest as its last parameter, e.g. " + name + "(..., PageRequest page)");
      }
      pageParameter = parameters.get(parameters.size() - 1).getSimpleName().toString();
      valueCount--;
    }
    for (int i = 0; i < valueCount; i++) {
      if (isType(parameters.get(i).asType(), PAGE_REQUEST)) {
        throw new QueryMethodException(Message.QUERY_PAGE_REQUEST, name, "a PageRequest parameter must be the last "
            + "one, and the method must return Page<" + model.generatedClass().simpleName() + ">");
      }
    }

    List<Criterion> criteria = query.orGroups().stream().flatMap(List::stream).toList();
    int needed = criteria.stream().mapToInt(c -> c.operator().parameters).sum();
    if (needed != valueCount) {
      throw new QueryMethodException(Message.QUERY_PARAMETER_COUNT, name, needed, describe(criteria), valueCount);
    }
    List<Argument> arguments = new ArrayList<>();
    int next = 0;
    for (Criterion c : criteria) {
      checkOperator(name, c);
      for (int i = 0; i < c.operator().parameters; i++) {
        VariableElement parameter = parameters.get(next++);
        arguments.add(argument(name, c, parameter));
      }
    }

    String sql;
    String countSql = null;
    switch (result) {
      case LIST, STREAM -> sql = PortableSql.select(model, query, query.limit(), false);
      // Two rows are enough to tell "one" from "more than one" for a single-result method.
      case OPTIONAL, ENTITY -> sql = PortableSql.select(model, query, query.limit() == 1 ? 1 : 2, false);
      case PAGE -> {
        sql = PortableSql.select(model, query, 0, true);
        countSql = PortableSql.count(model, query);
      }
      case COUNT -> sql = PortableSql.count(model, query);
      case EXISTS -> sql = PortableSql.exists(model, query);
      // Each document found is deleted through its own revision check, as a record's delete() does.
      case DELETE_COUNT_LONG, DELETE_COUNT_INT, DELETE_VOID -> sql = PortableSql.select(model, query, 0, false);
      default -> throw new IllegalStateException(result.name());
    }
    return new QueryMethod(method, result, sql, countSql, arguments, pageParameter);
  }

  private static String limitKeyword(DerivedQuery query) {
    return query.limit() == 1 ? "First" : "Top" + query.limit();
  }

  private Result result(ExecutableElement method, DerivedQuery query, TypeMirror modelType)
      throws QueryMethodException {
    String name = method.getSimpleName().toString();
    TypeMirror r = method.getReturnType();
    String model = types.asElement(modelType).getSimpleName().toString();
    switch (query.action()) {
      case COUNT -> {
        if (r.getKind() == TypeKind.LONG || isType(r, "java.lang.Long")) {
          return Result.COUNT;
        }
        throw new QueryMethodException(Message.QUERY_RETURN_TYPE, name, r, "count queries return long");
      }
      case EXISTS -> {
        if (r.getKind() == TypeKind.BOOLEAN || isType(r, "java.lang.Boolean")) {
          return Result.EXISTS;
        }
        throw new QueryMethodException(Message.QUERY_RETURN_TYPE, name, r, "exists queries return boolean");
      }
      case DELETE -> {
        if (r.getKind() == TypeKind.LONG) {
          return Result.DELETE_COUNT_LONG;
        }
        if (r.getKind() == TypeKind.INT) {
          return Result.DELETE_COUNT_INT;
        }
        if (r.getKind() == TypeKind.VOID) {
          return Result.DELETE_VOID;
        }
        throw new QueryMethodException(Message.QUERY_RETURN_TYPE, name, r,
            "delete queries return long or int (the number of documents deleted) or void");
      }
      default -> {
        if (types.isSameType(r, modelType)) {
          return Result.ENTITY;
        }
        if (r instanceof DeclaredType declared && declared.getTypeArguments().size() == 1
            && types.isSameType(declared.getTypeArguments().get(0), modelType)) {
          Result result = CONTAINERS.get(((TypeElement) declared.asElement()).getQualifiedName().toString());
          if (result != null) {
            return result;
          }
        }
        String hint = "find queries return List<%1$s>, Optional<%1$s>, %1$s, Stream<%1$s> or Page<%1$s>".formatted(model);
        if (r.getKind() == TypeKind.LONG || r.getKind() == TypeKind.BOOLEAN) {
          hint += "; name the method count...By or exists...By for a " + r;
        }
        throw new QueryMethodException(Message.QUERY_RETURN_TYPE, name, r, hint);
      }
    }
  }

  private static void checkOperator(String method, Criterion c) throws QueryMethodException {
    QueryProperty p = c.property();
    Operator op = c.operator();
    String keyword = op.keyword;
    if (p.isJson() && op != Operator.IS_NULL && op != Operator.IS_NOT_NULL) {
      throw new QueryMethodException(Message.QUERY_OPERATOR_TYPE, method, keyword, p.name(), p.type(),
          "a field stored as JSON can only be tested with IsNull or IsNotNull");
    }
    if (op.isOrdering() && !p.isComparable()) {
      throw new QueryMethodException(Message.QUERY_OPERATOR_TYPE, method, keyword, p.name(), p.type(),
          "only numbers, decimals, characters, text, dates, times and durations have an order to compare");
    }
    if (op.isTruth() && p.kind() != ColumnType.BOOLEAN) {
      throw new QueryMethodException(Message.QUERY_OPERATOR_TYPE, method, keyword, p.name(), p.type(),
          "only boolean properties are True or False; compare other properties with equality");
    }
    if (op.isPattern() && !p.isString()) {
      throw new QueryMethodException(Message.QUERY_OPERATOR_TYPE, method, keyword, p.name(), p.type(),
          "only String properties match patterns");
    }
    if (c.ignoreCase()) {
      if (!p.isString()) {
        throw new QueryMethodException(Message.QUERY_OPERATOR_TYPE, method, "IgnoreCase", p.name(), p.type(),
            "only String properties have a case to ignore");
      }
      if (!op.operator.ignoresCase()) {
        throw new QueryMethodException(Message.QUERY_OPERATOR_TYPE, method, keyword + "IgnoreCase", p.name(), p.type(),
            "IgnoreCase combines with equality, Not, Like, NotLike, StartingWith, EndingWith and Containing");
      }
    }
  }

  private Argument argument(String method, Criterion c, VariableElement parameter) throws QueryMethodException {
    QueryProperty p = c.property();
    TypeMirror actual = parameter.asType();
    TypeMirror boxedProperty = boxed(p.type());
    String kind;
    TypeMirror expected;
    switch (c.operator()) {
      case IN, NOT_IN -> {
        kind = "COLLECTION";
        expected = types.getDeclaredType(elements.getTypeElement("java.util.Collection"),
            types.getWildcardType(boxedProperty, null));
      }
      case LIKE, NOT_LIKE, STARTING_WITH, ENDING_WITH, CONTAINING -> {
        kind = c.operator() == Operator.LIKE || c.operator() == Operator.NOT_LIKE ? "LIKE" : c.operator().name();
        expected = elements.getTypeElement("java.lang.String").asType();
      }
      default -> {
        kind = "VALUE";
        expected = boxedProperty;
      }
    }
    if (!types.isAssignable(boxed(actual), expected)) {
      throw new QueryMethodException(Message.QUERY_PARAMETER_TYPE, method, parameter.getSimpleName(), actual,
          c.operator().keyword, p.name(), expected);
    }
    return new Argument(parameter.getSimpleName().toString(), p.name(), p.kind().name(), kind);
  }

  private TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) type).asType() : type;
  }

  private boolean isType(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) types.asElement(type)).getQualifiedName().contentEquals(qualifiedName);
  }

  /** {@code customer, total (GreaterThan)}: what each parameter the name implies is for. */
  private static String describe(List<Criterion> criteria) {
    StringJoiner parts = new StringJoiner(", ");
    for (Criterion c : criteria) {
      for (int i = 0; i < c.operator().parameters; i++) {
        parts.add(c.property().name() + (c.operator() == Operator.EQ ? "" : " (" + c.operator().keyword + ")"));
      }
    }
    return parts.length() == 0 ? "none" : parts.toString();
  }
}
