package io.pocketto.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * What to generate for one valid {@code @Repository}: plain data, built by {@link RepositoryValidator}
 * and read by {@link RepositoryGenerator}.
 *
 * @param element the repository interface
 * @param repository the interface's name
 * @param implementation the generated class's name, {@code <Interface>_Impl}
 * @param model the model the repository serves
 * @param methods the query methods to implement
 */
record RepositoryDescriptor(
    TypeElement element,
    ClassName repository,
    ClassName implementation,
    ModelDescriptor model,
    List<QueryMethod> methods) {

  /** What a query method returns, which decides how its rows are read. */
  enum Result {
    LIST, OPTIONAL, ENTITY, STREAM, PAGE, COUNT, EXISTS,
    /** deleteBy: the number of documents deleted, as {@code long} or {@code int}, or nothing. */
    DELETE_COUNT_LONG, DELETE_COUNT_INT, DELETE_VOID
  }

  /**
   * One method argument bound to the SQL.
   *
   * @param parameter the Java parameter name
   * @param property the property it is compared with
   * @param columnType the runtime {@code ColumnType} constant
   * @param kind the runtime {@code QueryArgument.Kind} constant
   */
  record Argument(String parameter, String property, String columnType, String kind) {}

  /**
   * One query method, with its SQL built at compile time.
   *
   * @param element the interface method
   * @param result how results are read
   * @param sql the statement, in portable SQL
   * @param countSql the count statement of a {@link Result#PAGE} method, otherwise {@code null}
   * @param arguments the bound arguments in placeholder order (the page window follows them)
   * @param pageParameter the name of the {@code PageRequest} parameter, or {@code null}
   */
  record QueryMethod(
      ExecutableElement element,
      Result result,
      String sql,
      String countSql,
      List<Argument> arguments,
      String pageParameter) {}
}
