package io.pocketto.query;

import io.pocketto.ActiveRecord;
import io.pocketto.internal.ApiAccess;
import io.pocketto.internal.ColumnType;
import io.pocketto.internal.CriteriaSql;
import io.pocketto.internal.Dialect;
import io.pocketto.internal.DocumentTable;
import io.pocketto.internal.FieldSpec;
import io.pocketto.internal.QueryExecutor;
import io.pocketto.internal.SeekCursors;
import io.pocketto.internal.SqlFragment;
import io.pocketto.internal.SqlParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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
  /** Where a seek continues from ({@link #after}); {@code null} to start at the first document. */
  private final SeekCursors.Position after;
  /** What this query shares with every query that differs from it only in window or position. */
  private final Shape shape;

  private Query(DocumentTable<T> table, Condition<T> condition, List<Order<T>> orders, long limit, long offset,
      Scope scope, SeekCursors.Position after, Shape shape) {
    this.table = table;
    this.condition = condition;
    this.orders = orders;
    this.limit = limit;
    this.offset = offset;
    this.scope = scope;
    this.after = after;
    this.shape = shape == null ? new Shape() : shape;
  }

  static {
    ApiAccess.lend(new ApiAccess.Queries() {
      @Override
      public <M extends ActiveRecord<M>> Query<M> newQuery(DocumentTable<M> table) {
        return on(table);
      }

      @Override
      public <M extends ActiveRecord<M>> SqlFragment render(Condition<M> condition, Dialect dialect) {
        SqlWriter writer = new SqlWriter(dialect);
        Condition.require(condition).render(writer);
        return new SqlFragment(writer.sql(), writer.params());
      }
    });
  }

  /** A query over every live document of {@code table}; applications call {@code SalesInvoice.query()}. */
  private static <T extends ActiveRecord<T>> Query<T> on(DocumentTable<T> table) {
    if (table == null) {
      throw new IllegalArgumentException("table must not be null");
    }
    return new Query<>(table, null, List.of(), NO_LIMIT, 0, Scope.LIVE, null, null);
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
    return new Query<>(table, condition, List.copyOf(all), limit, offset, scope, after, null);
  }

  /** Returns at most {@code count} documents. */
  public Query<T> limit(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + count);
    }
    return new Query<>(table, condition, orders, count, offset, scope, after, shape);
  }

  /** Skips the first {@code count} documents. */
  public Query<T> offset(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + count);
    }
    if (after != null && count > 0) {
      throw new IllegalStateException("a query continued with after(...) cannot also skip rows with offset");
    }
    return new Query<>(table, condition, orders, limit, count, scope, after, shape);
  }

  /** Includes deleted documents (tombstones) along with live ones. */
  public Query<T> withDeleted() {
    requireNotContinued("withDeleted");
    return new Query<>(table, condition, orders, limit, offset, Scope.ALL, after, null);
  }

  /** Returns deleted documents (tombstones) only. */
  public Query<T> onlyDeleted() {
    requireNotContinued("onlyDeleted");
    return new Query<>(table, condition, orders, limit, offset, Scope.DELETED, after, null);
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
    QueryExecutor<T> executor = executor();
    return continuedAt(new SeekCursors.Position(executor.storedValues(last, keyFields()), executor.id(last)));
  }

  /**
   * Continues after the position of a cursor from {@link Slice#nextCursor()} of this same query (the same
   * conditions, order and scope), e.g. one a client sent back for the next page.
   *
   * @throws IllegalArgumentException if the cursor was altered or belongs to another query
   */
  public Query<T> after(String cursor) {
    return continuedAt(executor().cursors().decode(cursor, fingerprint(), keyFields()));
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
    long rows = limit == NO_LIMIT ? size + 1L : Math.min(size + 1L, limit);
    List<T> items = new ArrayList<>(size);
    // The row after the slice only says that there is a next one: it is not made into a record.
    if (!limit(rows).read(items, size)) {
      return new Slice<>(items, null);
    }
    T last = items.get(size - 1);
    QueryExecutor<T> executor = executor();
    String cursor = executor.cursors().encode(fingerprint(), keyFields(), executor.storedValues(last, keyFields()),
        executor.id(last));
    return new Slice<>(items, cursor);
  }

  /** The matching documents, in order. */
  public List<T> list() {
    if (limit == 0) {
      return List.of();
    }
    List<T> out = new ArrayList<>();
    read(out, Long.MAX_VALUE);
    return out;
  }

  /**
   * Adds the matching documents to {@code out}, in order, making records of the first {@code keep} only;
   * whether there is a row beyond those.
   */
  private boolean read(List<T> out, long keep) {
    for (Region region : regions()) {
      long rows = limit == NO_LIMIT ? NO_LIMIT : limit - out.size();
      Statement w = select(offset, rows, region);
      if (reader().read(w.sql(), w.params(), out, keep)) {
        return true;
      }
      if (limit != NO_LIMIT && out.size() >= limit) {
        break;
      }
    }
    return false;
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
    long matches = 0;
    for (Region region : regions()) {
      SqlWriter w = new SqlWriter(dialect()).append("SELECT COUNT(*) FROM ").append(table.quotedTable());
      where(w, region);
      matches += executor().count(w.sql(), w.params());
    }
    return window(matches);
  }

  /** Whether {@link #list()} would return any document. */
  public boolean exists() {
    if (limit == 0) {
      return false;
    }
    for (Region region : regions()) {
      SqlWriter w = new SqlWriter(dialect()).append("SELECT 1 FROM ").append(table.quotedTable());
      where(w, region);
      windowClause(w, offset, 1);
      if (executor().exists(w.sql(), w.params())) {
        return true;
      }
    }
    return false;
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
    List<Region> regions = regions();
    if (regions.size() == 1) {
      Statement w = select(offset, limit, regions.get(0));
      return reader().stream(w.sql(), w.params());
    }
    // Each region's statement opens only when the stream reaches it, and closes when it is exhausted.
    Stream<T> all = regions.stream().flatMap(region -> {
      Statement w = select(offset, limit, region);
      return executor().stream(w.sql(), w.params());
    });
    return limit == NO_LIMIT ? all : all.limit(limit);
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
    long total = count();
    long skip = request.offset();
    long rows = limit == NO_LIMIT ? request.size() : Math.min(request.size(), limit - skip);
    List<T> items = List.of();
    if (rows > 0 && skip < total) {
      Statement w = select(offset + skip, rows, Region.ALL);
      items = reader().list(w.sql(), w.params());
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

  /**
   * The SELECT statement {@link #list()} runs, with {@code ?} for every value; for logs and debugging. A
   * query continued with {@link #after} runs one statement per stretch of the order it still has to
   * cover (see {@link #explain()}); this is the first.
   */
  public String sql() {
    return select(offset, limit, regions().get(0)).sql();
  }

  /**
   * The database's plan for the statements {@link #list()} runs, with this query's values bound: what
   * {@code EXPLAIN} says on H2 and PostgreSQL, e.g. whether an index serves the order. A query continued
   * with {@link #after} has one plan per statement, separated by a blank line.
   */
  public String explain() {
    StringBuilder plans = new StringBuilder();
    for (Region region : regions()) {
      Statement w = select(offset, limit, region);
      plans.append(plans.isEmpty() ? "" : "\n\n").append(executor().plan(w.sql(), w.params()));
    }
    return plans.toString();
  }

  @Override
  public String toString() {
    return "Query{" + sql() + "}";
  }

  private Query<T> withCondition(Condition<T> combined) {
    return new Query<>(table, combined, orders, limit, offset, scope, after, null);
  }

  private Dialect dialect() {
    return table.dialect();
  }

  private QueryExecutor<T> executor() {
    QueryExecutor<T> known = shape.executor();
    if (known == null) {
      known = new QueryExecutor<>(table);
      shape.executor = known;
    }
    return known;
  }

  /** An executor for running the statements that read rows, after a word on a sort no index serves. */
  private QueryExecutor<T> reader() {
    QueryExecutor<T> executor = executor();
    if (!shape.sortChecked) {
      if (!orders.isEmpty()) {
        executor.warnIfUnindexedSort(orders.get(0).property().name());
      }
      shape.sortChecked = true;
    }
    return executor;
  }

  /**
   * The SELECT of one region with its window. Its text depends only on this query's shape, the region,
   * which nulls the seek position has and which of offset and limit are set, so it is written once per
   * shape and such a key; later calls only collect the values.
   */
  private Statement select(long skip, long rows, Region region) {
    return select(skip, rows, region, true);
  }

  /**
   * The SELECT of one region with its window; {@code pinnedFirst} sorts by the fields the condition pins
   * first when an index serves that order ({@link #pinnedKeys}); without it, the order as declared.
   */
  private Statement select(long skip, long rows, Region region, boolean pinnedFirst) {
    StatementKey key = statementKey(skip, rows, region);
    String known = key == null ? null : shape.statements.get(key);
    SqlWriter w = known == null ? new SqlWriter(dialect()) : SqlWriter.paramsOnly(dialect());
    w.append("SELECT ").append(table.selectColumns()).append(" FROM ").append(table.quotedTable());
    where(w, region);
    // Only the text depends on the order; a statement already written needs its values alone.
    w.orderBy(pinnedFirst && known == null ? pinnedThenDeclared() : orders);
    windowClause(w, skip, rows);
    if (known == null) {
      known = w.sql();
      if (key != null) {
        shape.statements.putIfAbsent(key, known);
      }
    }
    return new Statement(known, w.params());
  }

  /** What a SELECT's text depends on besides the shape; {@code null} if too many keys to say in a long. */
  private StatementKey statementKey(long skip, long rows, Region region) {
    long nulls = -1;
    if (after != null) {
      if (orders.size() > Long.SIZE - 1) {
        return null;
      }
      nulls = 0;
      for (int i = 0; i < orders.size(); i++) {
        if (after.values().get(i) == null) {
          nulls |= 1L << i;
        }
      }
    }
    return new StatementKey(nulls, region.number(), skip > 0, rows != NO_LIMIT);
  }

  /** Which statement of a shape: see {@link #select}. {@code nulls} is -1 without a seek position. */
  private record StatementKey(long nulls, int region, boolean offset, boolean limit) {}

  /** A statement to run: its text and its values in order. */
  private record Statement(String sql, List<SqlParameter> params) {}

  private void where(SqlWriter w, Region region) {
    List<Consumer<SqlWriter>> parts = new ArrayList<>(3);
    switch (scope) {
      case LIVE -> parts.add(x -> x.append(CriteriaSql.deleted(dialect(), false)));
      case DELETED -> parts.add(x -> x.append(CriteriaSql.deleted(dialect(), true)));
      case ALL -> { }
    }
    if (condition != null) {
      parts.add(x -> {
        x.append("(");
        condition.render(x);
        x.append(")");
      });
    }
    if (region.predicate() != null) {
      parts.add(x -> {
        x.append("(");
        region.predicate().accept(x);
        x.append(")");
      });
    }
    for (int i = 0; i < parts.size(); i++) {
      w.append(i == 0 ? " WHERE " : " AND ");
      parts.get(i).accept(w);
    }
  }

  // ---- seek pagination ----

  /**
   * One stretch of the order after a seek position that a single index range covers: an extra
   * condition on the query, or none for the whole result. The documents after a position fall into
   * a few such stretches, in order (for one descending key: the rest of the non-null keys, then the
   * null ones), because no single comparison both seeks through an index and steps over nulls.
   */
  private record Region(int number, Consumer<SqlWriter> predicate) {
    static final Region ALL = new Region(0, null);
  }

  /** A position belongs to one query: its conditions, scope and order are fixed once it is set. */
  private void requireNotContinued(String method) {
    if (after != null) {
      throw new IllegalStateException(method + " must come before after(...): a position belongs to the query "
          + "whose conditions, scope and order are set before it");
    }
  }

  private Query<T> continuedAt(SeekCursors.Position seek) {
    if (offset > 0) {
      throw new IllegalStateException("a query with an offset cannot be continued with after(...); drop the offset");
    }
    return new Query<>(table, condition, orders, limit, offset, scope, seek, shape);
  }

  /**
   * The fields to sort by before the declared keys: fields the condition pins with an equality in its
   * top-level AND ({@code where(ISSUED_ON.eq(day))}), when an {@code @Index} is exactly those fields followed
   * by the declared keys (and the id). A pinned field has one value across the result, so sorting by it
   * first changes nothing; but the order then matches the index, and H2 reads the first rows of the page
   * from it instead of reading every match and sorting them (PostgreSQL sees the constant by itself). The
   * seek position and the cursor do not include them: every row of the result has the pinned value.
   */
  private List<Property<T, ?>> pinnedKeys() {
    List<Property<T, ?>> known = shape.pinnedKeys();
    if (known == null) {
      known = pinnedKeysServedByAnIndex();
      shape.pinnedKeys = known;
    }
    return known;
  }

  /** The pinned fields ({@link #pinnedKeys}) in the direction of the first declared key, then the declared keys. */
  private List<Order<T>> pinnedThenDeclared() {
    List<Property<T, ?>> pinned = pinnedKeys();
    if (pinned.isEmpty()) {
      return orders;
    }
    boolean descending = !orders.isEmpty() && orders.get(0).descending();
    List<Order<T>> all = new ArrayList<>(pinned.size() + orders.size());
    for (Property<T, ?> field : pinned) {
      all.add(new Order<>(field, descending));
    }
    all.addAll(orders);
    return all;
  }

  private List<Property<T, ?>> pinnedKeysServedByAnIndex() {
    if (condition == null || condition.pinned().isEmpty()) {
      return List.of();
    }
    List<String> declared = new ArrayList<>(orders.size());
    for (Order<T> order : orders) {
      declared.add(order.property().name());
    }
    for (List<String> index : table.binding().indexes()) {
      int lead = index.size() - declared.size();
      if (lead < 1 || !index.subList(lead, index.size()).equals(declared)) {
        continue;
      }
      List<Property<T, ?>> front = new ArrayList<>(lead);
      for (String field : index.subList(0, lead)) {
        Property<T, ?> pinned = pinnedNamed(field);
        if (pinned == null || declared.contains(field)) {
          break;
        }
        front.add(pinned);
      }
      if (front.size() == lead) {
        return List.copyOf(front);
      }
    }
    return List.of();
  }

  private Property<T, ?> pinnedNamed(String field) {
    for (Property<T, ?> p : condition.pinned()) {
      if (p.name().equals(field)) {
        return p;
      }
    }
    return null;
  }

  private List<FieldSpec> keyFields() {
    List<FieldSpec> known = shape.keyFields;
    if (known == null) {
      List<FieldSpec> fields = new ArrayList<>(orders.size());
      for (Order<T> order : orders) {
        fields.add(order.property().field());
      }
      known = List.copyOf(fields);
      shape.keyFields = known;
    }
    return known;
  }

  /**
   * This query's identity for cursors: its statement and values, without position or window. Computed
   * once per shape: every page of a seek through one query shares it.
   */
  private String fingerprint() {
    String known = shape.fingerprint;
    if (known == null) {
      // The order as declared: sorting by a pinned field first returns the same order, so it is the same
      // query, and cursors issued before a change in what is pinned stay valid.
      Statement w = new Query<>(table, condition, orders, NO_LIMIT, 0, scope, null, null)
          .select(0, NO_LIMIT, Region.ALL, false);
      known = SeekCursors.fingerprint(table.binding().collection() + "\n" + w.sql(), w.params());
      shape.fingerprint = known;
    }
    return known;
  }

  /**
   * What a query's table, conditions, scope and order determine, worked out on first use and shared by
   * the queries derived from it by {@link #limit}, {@link #offset} and {@link #after}, which change none
   * of them; any other change starts a new shape. Each value is immutable and the same whichever thread
   * computes it first, so a race only computes it twice (the fields are volatile for safe publication).
   */
  private static final class Shape {
    private final Map<StatementKey, String> statements = new ConcurrentHashMap<>();
    private volatile boolean sortChecked;
    private volatile String fingerprint;
    private volatile List<FieldSpec> keyFields;
    private volatile List<? extends Property<?, ?>> pinnedKeys;
    private volatile QueryExecutor<?> executor;

    @SuppressWarnings("unchecked")
    <T extends ActiveRecord<T>> List<Property<T, ?>> pinnedKeys() {
      return (List<Property<T, ?>>) pinnedKeys;
    }

    @SuppressWarnings("unchecked")
    <T extends ActiveRecord<T>> QueryExecutor<T> executor() {
      return (QueryExecutor<T>) executor;
    }
  }

  /**
   * The stretches of the order after the seek position, in order; {@link Region#ALL} alone without one.
   * With keys k1..km and position (c1..cm, id): first the documents equal on k1..k(m-1) whose
   * (km, id) comes after (cm, id); then, for each key from the last to the first, those equal on the
   * keys before it whose key comes after it, split where the nulls begin or end.
   */
  private List<Region> regions() {
    if (after == null) {
      return List.of(Region.ALL);
    }
    SeekCursors.Position at = after;
    String id = dialect().quote("_id");
    if (orders.isEmpty()) {
      return List.of(new Region(1, w -> w.append(id + " > ").value(SqlParameter.of(ColumnType.STRING, at.id()))));
    }
    List<Region> regions = new ArrayList<>();
    int m = orders.size();
    for (int i = m - 1; i >= 0; i--) {
      Order<T> order = orders.get(i);
      Property<T, ?> key = order.property();
      Object value = at.values().get(i);
      String after = order.descending() ? " < " : " > ";
      Consumer<SqlWriter> prefix = equalTo(i, at);
      if (i == m - 1) {
        if (value != null) {
          regions.add(region(regions.size() + 1, prefix, w -> w.append("(").column(key).append(", " + id + ")" + after + "(")
              .value(key, value).append(", ").value(SqlParameter.of(ColumnType.STRING, at.id())).append(")")));
        } else {
          regions.add(region(regions.size() + 1, prefix, w -> w.column(key).append(" IS NULL AND " + id + after)
              .value(SqlParameter.of(ColumnType.STRING, at.id()))));
        }
      } else if (value != null) {
        regions.add(region(regions.size() + 1, prefix, w -> w.column(key).append(after).value(key, value)));
      }
      // Nulls are the smallest value: after the non-null keys descending, before them ascending.
      if (value != null && order.descending()) {
        regions.add(region(regions.size() + 1, prefix, w -> w.column(key).append(" IS NULL")));
      } else if (value == null && !order.descending()) {
        regions.add(region(regions.size() + 1, prefix, w -> w.column(key).append(" IS NOT NULL")));
      }
    }
    return regions;
  }

  /** Keys 0..i-1 equal to the position's values (null to null), or nothing for i = 0. */
  private Consumer<SqlWriter> equalTo(int i, SeekCursors.Position at) {
    return w -> {
      for (int j = 0; j < i; j++) {
        Property<T, ?> key = orders.get(j).property();
        Object value = at.values().get(j);
        if (value == null) {
          w.column(key).append(" IS NULL AND ");
        } else {
          w.column(key).append(" = ").value(key, value).append(" AND ");
        }
      }
    };
  }

  private static Region region(int number, Consumer<SqlWriter> prefix, Consumer<SqlWriter> range) {
    return new Region(number, w -> {
      prefix.accept(w);
      range.accept(w);
    });
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
