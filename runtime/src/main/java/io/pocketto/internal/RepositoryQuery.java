package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.internal.CriteriaSql.Match;
import io.pocketto.query.NoResultException;
import io.pocketto.query.NonUniqueResultException;
import io.pocketto.query.Page;
import io.pocketto.query.PageRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One generated repository method, ready to run: its SQL (written at compile time, adapted to the
 * dialect once) and how each argument is bound. A call only checks and binds arguments and reads rows.
 *
 * @param <T> the model class
 */
@ForGeneratedCode
public final class RepositoryQuery<T extends ActiveRecord<T>> {
  private final QueryExecutor<T> executor;
  private final String method;
  private final String sql;
  private final String countSql;
  private final QueryArgument[] arguments;

  RepositoryQuery(QueryExecutor<T> executor, String method, String sql, String countSql, QueryArgument[] arguments) {
    Dialect dialect = executor.table().dialect();
    this.executor = executor;
    this.method = method;
    this.sql = dialect.nativeSql(sql);
    this.countSql = countSql == null ? null : dialect.nativeSql(countSql);
    this.arguments = arguments.clone();
  }

  /** Every row, for methods returning {@code List}. */
  public List<T> list(Object... args) {
    return executor.list(sql, parameters(args, null));
  }

  /** At most one row, for methods returning {@code Optional}. */
  public Optional<T> optional(Object... args) {
    List<T> rows = list(args);
    if (rows.size() > 1) {
      throw new NonUniqueResultException(collection(), method);
    }
    return rows.stream().findFirst();
  }

  /** Exactly one row, for methods returning the model itself. */
  public T single(Object... args) {
    return optional(args).orElseThrow(() -> new NoResultException(collection(), method));
  }

  /** The rows, lazily; the caller must close the stream. */
  public Stream<T> stream(Object... args) {
    return executor.stream(sql, parameters(args, null));
  }

  /** One page of rows, with the total from the method's count statement. */
  public Page<T> page(PageRequest page, Object... args) {
    if (page == null) {
      throw new IllegalArgumentException(method + ": the PageRequest must not be null, e.g. PageRequest.of(1, 20)");
    }
    long total = executor.count(countSql, parameters(args, null));
    List<T> items = page.offset() < total ? executor.list(sql, parameters(args, page)) : List.of();
    return new Page<>(items, page.number(), page.size(), total);
  }

  /** The number the method's {@code SELECT COUNT(*)} returns. */
  public long count(Object... args) {
    return executor.count(sql, parameters(args, null));
  }

  /**
   * Deletes the documents the method's statement finds, each through its own revision check as
   * {@code record.delete()} does: a tombstone with a new revision, and a change event. Not atomic: a
   * document changed since it was read fails with a {@link io.pocketto.ConflictException}, and those
   * deleted before it stay deleted.
   *
   * @return the number of tombstones written
   */
  public int delete(Object... args) {
    return executor.deleteAll(executor.list(sql, parameters(args, null)));
  }

  /** Whether the method's statement returns any row. */
  public boolean exists(Object... args) {
    return executor.exists(sql, parameters(args, null));
  }

  private String collection() {
    return executor.table().binding().collection();
  }

  private List<SqlParameter> parameters(Object[] args, PageRequest page) {
    if (args.length != arguments.length) {
      throw new IllegalStateException(method + " was generated for " + arguments.length + " arguments but got "
          + args.length + "; rebuild the project");
    }
    Dialect dialect = executor.table().dialect();
    List<SqlParameter> params = new ArrayList<>(args.length + 2);
    for (int i = 0; i < args.length; i++) {
      QueryArgument a = arguments[i];
      Object value = args[i];
      if (value == null) {
        throw new IllegalArgumentException(method + ": argument '" + a.parameter() + "' is null; query values must "
            + "not be null (to find documents whose " + a.property() + " is null, use the IsNull keyword)");
      }
      params.add(switch (a.kind()) {
        case VALUE, LIKE -> SqlParameter.of(a.type(), value);
        case STARTING_WITH -> SqlParameter.of(a.type(), Match.STARTING_WITH.pattern(dialect, (String) value));
        case ENDING_WITH -> SqlParameter.of(a.type(), Match.ENDING_WITH.pattern(dialect, (String) value));
        case CONTAINING -> SqlParameter.of(a.type(), Match.CONTAINING.pattern(dialect, (String) value));
        case COLLECTION -> collection(a, (Collection<?>) value);
      });
    }
    if (page != null) {
      params.add(SqlParameter.rows(page.offset()));
      params.add(SqlParameter.rows(page.size()));
    }
    return params;
  }

  private SqlParameter collection(QueryArgument a, Collection<?> values) {
    for (Object v : values) {
      if (v == null) {
        throw new IllegalArgumentException(method + ": argument '" + a.parameter() + "' contains null; query values "
            + "must not be null (combine with the IsNull keyword to include documents whose " + a.property()
            + " is null)");
      }
    }
    return SqlParameter.array(a.type(), values);
  }
}
