package io.pocketto.query;

import io.pocketto.ActiveRecord;
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
 * ordered by the given keys and then by document id (in the direction of the last key), so ties come
 * back in a stable order.
 *
 * <p>A query holds only its description; the engine behind it ({@link QueryEngine}) writes the SQL and runs it.
 *
 * @param <T> the model class
 */
public final class Query<T extends ActiveRecord<T>> {
  private enum Scope { LIVE, ALL, DELETED }

  private static final long NO_LIMIT = QueryInternals.NO_LIMIT;

  /** Runs this query; shared by the queries that differ from it only in window or position (its shape). */
  private final QueryEngine<T> engine;
  private final Condition<T> condition;
  private final List<Order<T>> orders;
  private final long limit;
  private final long offset;
  private final Scope scope;
  /** Where a seek continues from ({@link #after}), as the engine made it; {@code null} to start at the first document. */
  private final Object after;

  private Query(QueryEngine<T> engine, Condition<T> condition, List<Order<T>> orders, long limit, long offset,
      Scope scope, Object after) {
    this.engine = engine;
    this.condition = condition;
    this.orders = orders;
    this.limit = limit;
    this.offset = offset;
    this.scope = scope;
    this.after = after;
  }

  /** A query over every live document, run by {@code engine}; applications call {@code SalesInvoice.query()}. */
  static <T extends ActiveRecord<T>> Query<T> on(QueryEngine<T> engine) {
    if (engine == null) {
      throw new IllegalArgumentException("engine must not be null");
    }
    return new Query<>(engine, null, List.of(), NO_LIMIT, 0, Scope.LIVE, null);
  }

  /** Keeps the documents that match {@code condition}, and any condition given before. */
  public Query<T> where(Condition<T> condition) {
    return and(condition);
  }

  /** Keeps the documents that match the conditions so far and {@code condition}. */
  public Query<T> and(Condition<T> condition) {
    Condition.require(condition);
    requireNotContinued("and");
    return withCondition(this.condition == null ? condition : this.condition.and(condition));
  }

  /** Keeps the documents that match the conditions so far, or {@code condition}. */
  public Query<T> or(Condition<T> condition) {
    Condition.require(condition);
    requireNotContinued("or");
    return withCondition(this.condition == null ? condition : this.condition.or(condition));
  }

  /**
   * Sorts by these keys, after any given before; the id is always the last key, ascending or descending
   * as the key before it.
   */
  @SafeVarargs
  public final Query<T> orderBy(Order<T>... keys) {
    if (keys == null || keys.length == 0) {
      throw new IllegalArgumentException("orderBy needs at least one key, e.g. SalesInvoice.ISSUED_ON.desc()");
    }
    requireNotContinued("orderBy");
    List<Order<T>> all = new ArrayList<>(orders);
    for (Order<T> key : keys) {
      if (key == null) {
        throw new IllegalArgumentException("order keys must not be null");
      }
      all.add(key);
    }
    return new Query<>(engine.reshaped(), condition, List.copyOf(all), limit, offset, scope, after);
  }

  /** Returns at most {@code count} documents. */
  public Query<T> limit(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + count);
    }
    return new Query<>(engine, condition, orders, count, offset, scope, after);
  }

  /** Skips the first {@code count} documents. */
  public Query<T> offset(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + count);
    }
    if (after != null && count > 0) {
      throw new IllegalStateException("a query continued with after(...) cannot also skip rows with offset");
    }
    return new Query<>(engine, condition, orders, limit, count, scope, after);
  }

  /** Includes deleted documents (tombstones) along with live ones. */
  public Query<T> withDeleted() {
    requireNotContinued("withDeleted");
    return new Query<>(engine.reshaped(), condition, orders, limit, offset, Scope.ALL, after);
  }

  /** Returns deleted documents (tombstones) only. */
  public Query<T> onlyDeleted() {
    requireNotContinued("onlyDeleted");
    return new Query<>(engine.reshaped(), condition, orders, limit, offset, Scope.DELETED, after);
  }

  /**
   * Continues after {@code last}, a document this query returned: the result starts with the document
   * that follows it in this query's order (its order-key values, then its id), whether or not
   * {@code last} still exists. This is seek pagination: unlike {@link #offset}, the database seeks
   * straight to the position through the index, so a late page costs what the first one does, and a
   * document inserted or deleted before the position shifts nothing. Call it after the conditions,
   * scope and {@link #orderBy}, which cannot change afterwards; {@link #limit} can.
   */
  public Query<T> after(T last) {
    if (last == null) {
      throw new IllegalArgumentException("after(null): pass the last document of the previous page");
    }
    return continuedAt(engine.position(this, last));
  }

  /**
   * Continues after the position of a cursor from {@link Slice#nextCursor()} of this same query (the same
   * conditions, order and scope), e.g. one a client sent back for the next page.
   *
   * @throws IllegalArgumentException if the cursor was altered or belongs to another query
   */
  public Query<T> after(String cursor) {
    return continuedAt(engine.position(this, cursor));
  }

  /**
   * The next {@code size} documents and a cursor to the ones after them, counting nothing: one more
   * row is read to know whether there is a next slice. Start with {@code query.slice(20)}; continue with
   * {@code query.after(slice.nextCursor()).slice(20)}.
   */
  public Slice<T> slice(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("slice size must be at least 1, was " + size);
    }
    return engine.slice(this, size);
  }

  /** The matching documents, in order. */
  public List<T> list() {
    if (limit == 0) {
      return List.of();
    }
    return engine.list(this);
  }

  /** The first matching document in order, if any. */
  public Optional<T> first() {
    return limit(limit == NO_LIMIT ? 1 : Math.min(limit, 1)).list().stream().findFirst();
  }

  /**
   * The number of documents {@link #list()} would return, counted by the database. Counting visits every
   * matching row (or index entry), so it grows with the result; see {@link #page(int, int)}.
   */
  public long count() {
    return engine.count(this);
  }

  /** Whether {@link #list()} would return any document. */
  public boolean exists() {
    if (limit == 0) {
      return false;
    }
    return engine.exists(this);
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
    return engine.stream(this);
  }

  /**
   * Page {@code number} (from 1) of {@code size} documents, with the total counted by the database.
   * A limit and offset set on this query are kept: pages divide the documents {@link #list()} returns.
   *
   * <p>Each page costs two statements, and both grow with the data: the count visits every matching
   * row, and the offset reads and discards every row before the page. For long or deep lists, use
   * {@link #slice(int)} and {@link #after(String)}, which count nothing and seek through the index.
   */
  public Page<T> page(int number, int size) {
    return page(PageRequest.of(number, size));
  }

  /** The requested page; see {@link #page(int, int)}. */
  public Page<T> page(PageRequest request) {
    if (after != null) {
      throw new IllegalStateException("page() numbers pages from the first document; after(...) continues with slice()");
    }
    return engine.page(this, request);
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
    return engine.deleteAll(list());
  }

  /**
   * The SELECT statement {@link #list()} runs, with {@code ?} for every value; for logs and debugging. A
   * query continued with {@link #after} runs one statement per stretch of the order it still has to
   * cover (see {@link #explain()}); this is the first.
   */
  public String sql() {
    return engine.sql(this);
  }

  /**
   * The database's plan for the statements {@link #list()} runs, with this query's values bound: what
   * {@code EXPLAIN} says on H2 and PostgreSQL, e.g. whether an index serves the order. A query continued
   * with {@link #after} has one plan per statement, separated by a blank line.
   */
  public String explain() {
    return engine.explain(this);
  }

  @Override
  public String toString() {
    return "Query{" + sql() + "}";
  }

  private Query<T> withCondition(Condition<T> combined) {
    return new Query<>(engine.reshaped(), combined, orders, limit, offset, scope, after);
  }

  /** A position belongs to one query: its conditions, scope and order are fixed once it is set. */
  private void requireNotContinued(String method) {
    if (after != null) {
      throw new IllegalStateException(method + " must come before after(...): a position belongs to the query "
          + "whose conditions, scope and order are set before it");
    }
  }

  private Query<T> continuedAt(Object seek) {
    if (offset > 0) {
      throw new IllegalStateException("a query with an offset cannot be continued with after(...); drop the offset");
    }
    return new Query<>(engine, condition, orders, limit, offset, scope, seek);
  }

  /** The description the engine reads through {@link QueryInternals#describe(Query)}. */
  QueryInternals.QueryDescription<T> description() {
    return new QueryInternals.QueryDescription<>(condition, orders, limit, offset, scope != Scope.DELETED,
        scope != Scope.LIVE, after);
  }
}
