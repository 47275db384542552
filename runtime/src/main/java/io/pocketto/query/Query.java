package io.pocketto.query;

import io.pocketto.ActiveRecord;
import io.pocketto.internal.Dialect;
import io.pocketto.internal.DocumentTable;
import io.pocketto.internal.QueryExecutor;
import io.pocketto.internal.SqlParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A typed query over one model in one database, run as a single parameterised SQL statement: the
 * database filters, sorts, counts and pages; nothing is filtered or sorted in memory, and no value is
 * ever written into the SQL text.
 *
 * <pre>{@code
 * List<SalesInvoice> open = SalesInvoice.query()
 *     .where(SalesInvoice.CUSTOMER.eq("ACME"))
 *     .and(SalesInvoice.STATUS.in(Status.DRAFT, Status.SENT))
 *     .orderBy(SalesInvoice.ISSUED_ON.desc())
 *     .limit(20)
 *     .list();
 * }</pre>
 *
 * <p>A query is immutable: each method returns a new query, so a partly built one can be shared and
 * reused. Conditions combine left to right: {@code where(a).or(b).and(c)} means {@code (a OR b) AND c};
 * use {@link Condition#and}/{@link Condition#or} to group otherwise. Deleted documents (tombstones)
 * are left out unless {@link #withDeleted()} or {@link #onlyDeleted()} is called. Results are always
 * ordered by the given keys and then by document id, so ties come back in a stable order.
 *
 * @param <T> the model class
 */
public final class Query<T extends ActiveRecord<T>> {
  private enum Scope { LIVE, ALL, DELETED }

  private static final long NO_LIMIT = -1;

  private final DocumentTable<T> table;
  private final Condition<T> condition;
  private final List<Order<T>> orders;
  private final long limit;
  private final long offset;
  private final Scope scope;

  private Query(DocumentTable<T> table, Condition<T> condition, List<Order<T>> orders, long limit, long offset,
      Scope scope) {
    this.table = table;
    this.condition = condition;
    this.orders = orders;
    this.limit = limit;
    this.offset = offset;
    this.scope = scope;
  }

  /** A query over every live document of {@code table}; applications call {@code SalesInvoice.query()}. */
  public static <T extends ActiveRecord<T>> Query<T> on(DocumentTable<T> table) {
    if (table == null) {
      throw new IllegalArgumentException("table must not be null");
    }
    return new Query<>(table, null, List.of(), NO_LIMIT, 0, Scope.LIVE);
  }

  /** Keeps the documents that match {@code condition}, and any condition given before. */
  public Query<T> where(Condition<T> condition) {
    return and(condition);
  }

  /** Keeps the documents that match the conditions so far and {@code condition}. */
  public Query<T> and(Condition<T> condition) {
    Condition.require(condition);
    return withCondition(this.condition == null ? condition : this.condition.and(condition));
  }

  /** Keeps the documents that match the conditions so far, or {@code condition}. */
  public Query<T> or(Condition<T> condition) {
    Condition.require(condition);
    return withCondition(this.condition == null ? condition : this.condition.or(condition));
  }

  /** Sorts by these keys, after any given before; the id is always the last key. */
  @SafeVarargs
  public final Query<T> orderBy(Order<T>... keys) {
    if (keys == null || keys.length == 0) {
      throw new IllegalArgumentException("orderBy needs at least one key, e.g. SalesInvoice.ISSUED_ON.desc()");
    }
    List<Order<T>> all = new ArrayList<>(orders);
    for (Order<T> key : keys) {
      if (key == null) {
        throw new IllegalArgumentException("order keys must not be null");
      }
      all.add(key);
    }
    return new Query<>(table, condition, List.copyOf(all), limit, offset, scope);
  }

  /** Returns at most {@code count} documents. */
  public Query<T> limit(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + count);
    }
    return new Query<>(table, condition, orders, count, offset, scope);
  }

  /** Skips the first {@code count} documents. */
  public Query<T> offset(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + count);
    }
    return new Query<>(table, condition, orders, limit, count, scope);
  }

  /** Includes deleted documents (tombstones) along with live ones. */
  public Query<T> withDeleted() {
    return new Query<>(table, condition, orders, limit, offset, Scope.ALL);
  }

  /** Returns deleted documents (tombstones) only. */
  public Query<T> onlyDeleted() {
    return new Query<>(table, condition, orders, limit, offset, Scope.DELETED);
  }

  /** The matching documents, in order. */
  public List<T> list() {
    if (limit == 0) {
      return List.of();
    }
    SqlWriter w = select(offset, limit);
    return executor().list(w.sql(), w.params());
  }

  /** The first matching document in order, if any. */
  public Optional<T> first() {
    if (limit == 0) {
      return Optional.empty();
    }
    SqlWriter w = select(offset, 1);
    return executor().list(w.sql(), w.params()).stream().findFirst();
  }

  /** The number of documents {@link #list()} would return, counted by the database. */
  public long count() {
    SqlWriter w = new SqlWriter(dialect()).append("SELECT COUNT(*) FROM ").append(table.quotedTable());
    where(w);
    return window(executor().count(w.sql(), w.params()));
  }

  /** Whether {@link #list()} would return any document. */
  public boolean exists() {
    if (limit == 0) {
      return false;
    }
    SqlWriter w = new SqlWriter(dialect()).append("SELECT 1 FROM ").append(table.quotedTable());
    where(w);
    windowClause(w, offset, 1);
    return executor().exists(w.sql(), w.params());
  }

  /**
   * The matching documents, read lazily while the stream is consumed. The stream holds a database
   * connection until it is exhausted or closed, so <b>always use it in try-with-resources</b>:
   *
   * <pre>{@code
   * try (Stream<SalesInvoice> invoices = SalesInvoice.query().stream()) {
   *   invoices.forEach(this::export);
   * }
   * }</pre>
   */
  public Stream<T> stream() {
    if (limit == 0) {
      return Stream.empty();
    }
    SqlWriter w = select(offset, limit);
    return executor().stream(w.sql(), w.params());
  }

  /**
   * Page {@code number} (from 1) of {@code size} documents, with the total counted by the database.
   * A limit and offset set on this query are kept: pages divide the documents {@link #list()} returns.
   */
  public Page<T> page(int number, int size) {
    return page(PageRequest.of(number, size));
  }

  /** The requested page; see {@link #page(int, int)}. */
  public Page<T> page(PageRequest request) {
    long total = count();
    long skip = request.offset();
    long rows = limit == NO_LIMIT ? request.size() : Math.min(request.size(), limit - skip);
    List<T> items = List.of();
    if (rows > 0 && skip < total) {
      SqlWriter w = select(offset + skip, rows);
      items = executor().list(w.sql(), w.params());
    }
    return new Page<>(items, request.number(), request.size(), total);
  }

  /**
   * Deletes the documents {@link #list()} returns, each through the record's own delete: each gets a
   * tombstone with its own new revision. It is not atomic: a document changed since it was read fails
   * with a {@link io.pocketto.ConflictException}, and the ones deleted before it stay deleted. Running
   * it again deletes the rest.
   *
   * @return the number of tombstones written (documents already deleted are not counted)
   */
  public int deleteAll() {
    return executor().deleteAll(list());
  }

  /** The SELECT statement {@link #list()} runs, with {@code ?} for every value; for logs and debugging. */
  public String sql() {
    return select(offset, limit).sql();
  }

  @Override
  public String toString() {
    return "Query{" + sql() + "}";
  }

  private Query<T> withCondition(Condition<T> combined) {
    return new Query<>(table, combined, orders, limit, offset, scope);
  }

  private Dialect dialect() {
    return table.dialect();
  }

  private QueryExecutor<T> executor() {
    return new QueryExecutor<>(table);
  }

  private SqlWriter select(long skip, long rows) {
    SqlWriter w = new SqlWriter(dialect())
        .append("SELECT ").append(table.selectColumns()).append(" FROM ").append(table.quotedTable());
    where(w);
    w.append(" ORDER BY ");
    for (Order<T> order : orders) {
      order.render(w);
      w.append(", ");
    }
    w.append(dialect().quote("_id")).append(" ASC");
    windowClause(w, skip, rows);
    return w;
  }

  private void where(SqlWriter w) {
    String deleted = dialect().quote("_deleted");
    String filter = switch (scope) {
      case LIVE -> deleted + " = FALSE";
      case DELETED -> deleted + " = TRUE";
      case ALL -> null;
    };
    if (filter == null && condition == null) {
      return;
    }
    w.append(" WHERE ");
    if (filter != null) {
      w.append(filter);
      if (condition != null) {
        w.append(" AND ");
      }
    }
    if (condition != null) {
      w.append("(");
      condition.render(w);
      w.append(")");
    }
  }

  private void windowClause(SqlWriter w, long skip, long rows) {
    boolean hasOffset = skip > 0;
    boolean hasLimit = rows != NO_LIMIT;
    if (!hasOffset && !hasLimit) {
      return;
    }
    w.append(" ").append(dialect().window(hasOffset, hasLimit));
    if (hasOffset) {
      w.param(SqlParameter.rows(skip));
    }
    if (hasLimit) {
      w.param(SqlParameter.rows(rows));
    }
  }

  /** A count of all matches, narrowed to what this query's offset and limit let through. */
  private long window(long matches) {
    long afterOffset = Math.max(0, matches - offset);
    return limit == NO_LIMIT ? afterOffset : Math.min(afterOffset, limit);
  }
}
