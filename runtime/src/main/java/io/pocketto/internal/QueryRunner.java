package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.query.Condition;
import io.pocketto.query.Order;
import io.pocketto.query.Page;
import io.pocketto.query.PageRequest;
import io.pocketto.query.Property;
import io.pocketto.query.Query;
import io.pocketto.query.QueryEngine;
import io.pocketto.query.QueryInternals;
import io.pocketto.query.Slice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The engine behind a typed {@link Query} of one shape: it reads the query's description through
 * {@link QueryInternals}, writes it as SQL through {@link SqlWriter} and {@link CriteriaSql}, and runs it through
 * the table's {@link QueryExecutor}. A query's shape is its table, conditions, scope and order; the queries derived
 * from one by {@code limit}, {@code offset} and {@code after} share its runner, and with it what the runner works out
 * on first use (text shape, fingerprint, sort keys). Each of those values is immutable and the same whichever thread
 * computes it first, so a race only computes it twice (the fields are volatile for safe publication).
 *
 * <p>Statement texts are kept by the table, by everything a text depends on ({@link StatementKey}), and never by a
 * value: a query built anew for each call, with other values, finds the text that an earlier one of its shape wrote.
 *
 * @param <T> the model class
 */
final class QueryRunner<T extends ActiveRecord<T>> implements QueryEngine<T> {
  private static final long NO_LIMIT = QueryInternals.NO_LIMIT;
  /**
   * How many statement texts a table keeps. An application has as many shapes as it has ways of building its
   * queries, a few dozen; past this many, a new shape's text is written on every call instead of being kept.
   */
  static final int MAX_KEPT_TEXTS = 1024;

  private final DocumentTable<T> table;
  private volatile boolean sortChecked;
  private volatile TextShape textShape;
  private volatile String fingerprint;
  private volatile List<FieldSpec> keyFields;
  private volatile List<Order<T>> sortKeys;

  QueryRunner(DocumentTable<T> table) {
    if (table == null) {
      throw new IllegalArgumentException("table must not be null");
    }
    this.table = table;
  }

  /** A query over every live document of {@code table}. */
  static <T extends ActiveRecord<T>> Query<T> newQuery(DocumentTable<T> table) {
    return QueryInternals.newQuery(new QueryRunner<>(table));
  }

  @Override
  public QueryEngine<T> reshaped() {
    return new QueryRunner<>(table);
  }

  @Override
  public Object position(Query<T> query, T last) {
    QueryExecutor<T> executor = executor();
    List<FieldSpec> keys = keyFields(QueryInternals.describe(query).orders());
    return new SeekCursors.Position(executor.storedValues(last, keys), executor.id(last));
  }

  @Override
  public Object position(Query<T> query, String cursor) {
    return executor().cursors().decode(cursor, fingerprint(query), keyFields(QueryInternals.describe(query).orders()));
  }

  @Override
  public Slice<T> slice(Query<T> query, int size) {
    long limit = QueryInternals.describe(query).limit();
    long rows = limit == NO_LIMIT ? size + 1L : Math.min(size + 1L, limit);
    List<T> items = new ArrayList<>(size);
    // The row after the slice only says that there is a next one: it is not made into a record.
    if (!read(new Described<>(query.limit(rows)), items, size)) {
      return new Slice<>(items, null);
    }
    T last = items.get(size - 1);
    QueryExecutor<T> executor = executor();
    List<FieldSpec> keys = keyFields(QueryInternals.describe(query).orders());
    String cursor = executor.cursors().encode(fingerprint(query), keys, executor.storedValues(last, keys),
        executor.id(last));
    return new Slice<>(items, cursor);
  }

  @Override
  public List<T> list(Query<T> query) {
    List<T> out = new ArrayList<>();
    read(new Described<>(query), out, Long.MAX_VALUE);
    return out;
  }

  /**
   * Adds the matching documents to {@code out}, in order, making records of the first {@code keep} only;
   * whether there is a row beyond those.
   */
  private boolean read(Described<T> q, List<T> out, long keep) {
    for (Region region : regions(q)) {
      long rows = q.limit == NO_LIMIT ? NO_LIMIT : q.limit - out.size();
      Statement w = select(q, q.offset, rows, region);
      if (reader(q).read(w.sql(), w.params(), out, keep)) {
        return true;
      }
      if (q.limit != NO_LIMIT && out.size() >= q.limit) {
        break;
      }
    }
    return false;
  }

  @Override
  public long count(Query<T> query) {
    Described<T> q = new Described<>(query);
    long matches = 0;
    for (Region region : regions(q)) {
      Statement w = statement(Reading.COUNT, q, 0, NO_LIMIT, region);
      matches += executor().count(w.sql(), w.params());
    }
    return q.window(matches);
  }

  @Override
  public boolean exists(Query<T> query) {
    Described<T> q = new Described<>(query);
    for (Region region : regions(q)) {
      Statement w = statement(Reading.ANY, q, q.offset, 1, region);
      if (executor().exists(w.sql(), w.params())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Stream<T> stream(Query<T> query) {
    Described<T> q = new Described<>(query);
    List<Region> regions = regions(q);
    if (regions.size() == 1) {
      Statement w = select(q, q.offset, q.limit, regions.get(0));
      return reader(q).stream(w.sql(), w.params());
    }
    // Each region's statement opens only when the stream reaches it, and closes when it is exhausted.
    Stream<T> all = regions.stream().flatMap(region -> {
      Statement w = select(q, q.offset, q.limit, region);
      return executor().stream(w.sql(), w.params());
    });
    return q.limit == NO_LIMIT ? all : all.limit(q.limit);
  }

  @Override
  public Page<T> page(Query<T> query, PageRequest request) {
    Described<T> q = new Described<>(query);
    long total = count(query);
    long skip = request.offset();
    long rows = q.limit == NO_LIMIT ? request.size() : Math.min(request.size(), q.limit - skip);
    List<T> items = List.of();
    if (rows > 0 && skip < total) {
      Statement w = select(q, q.offset + skip, rows, Region.ALL);
      items = reader(q).list(w.sql(), w.params());
    }
    return new Page<>(items, request.number(), request.size(), total);
  }

  @Override
  public int deleteAll(List<T> records) {
    return executor().deleteAll(records);
  }

  @Override
  public String sql(Query<T> query) {
    Described<T> q = new Described<>(query);
    return select(q, q.offset, q.limit, regions(q).get(0)).sql();
  }

  @Override
  public String explain(Query<T> query) {
    Described<T> q = new Described<>(query);
    StringBuilder plans = new StringBuilder();
    for (Region region : regions(q)) {
      Statement w = select(q, q.offset, q.limit, region);
      plans.append(plans.isEmpty() ? "" : "\n\n").append(executor().plan(w.sql(), w.params()));
    }
    return plans.toString();
  }

  /** A query's description, read once per call. {@code deleted} is {@code null} when both live and deleted count. */
  private record Described<T extends ActiveRecord<T>>(Condition<T> condition, List<Order<T>> orders, long limit,
      long offset, Boolean deleted, SeekCursors.Position after) {
    Described(Query<T> query) {
      this(QueryInternals.describe(query));
    }

    private Described(QueryInternals.QueryDescription<T> d) {
      this(d.condition(), d.orders(), d.limit(), d.offset(), d.includesLive() && d.includesDeleted() ? null
          : d.includesDeleted(), (SeekCursors.Position) d.position());
    }

    /** A count of all matches, narrowed to what this query's offset and limit let through. */
    long window(long matches) {
      long afterOffset = Math.max(0, matches - offset);
      return limit == NO_LIMIT ? afterOffset : Math.min(afterOffset, limit);
    }
  }

  private Dialect dialect() {
    return table.dialect();
  }

  private QueryExecutor<T> executor() {
    return table.queries();
  }

  /** An executor for running the statements that read rows, after a word on a sort no index serves. */
  private QueryExecutor<T> reader(Described<T> q) {
    QueryExecutor<T> executor = executor();
    if (!sortChecked) {
      if (!q.orders.isEmpty()) {
        executor.warnIfUnindexedSort(q.orders.get(0).property().name());
      }
      sortChecked = true;
    }
    return executor;
  }

  /**
   * The SELECT of one region with its window, sorted by the fields the condition pins first when an index
   * serves that order ({@link #sortKeys}). Its text depends only on the query's {@link TextShape}, the region, which
   * nulls the seek position has and which of offset and limit are set (and the limit itself where the dialect writes
   * it in), so it is written once per such key and table; later calls only collect the values.
   */
  private Statement select(Described<T> q, long skip, long rows, Region region) {
    return statement(Reading.ROWS, q, skip, rows, region);
  }

  /**
   * A statement of this query that reads {@code reading} in one region, with its window: see {@link #select}. A
   * count has no window (the query's is applied to the number it returns, {@link Described#window}); a test for
   * any match reads one row.
   */
  private Statement statement(Reading reading, Described<T> q, long skip, long rows, Region region) {
    StatementKey key = statementKey(reading, q, skip, rows, region);
    Map<StatementKey, String> texts = table.queryTexts();
    String known = key == null ? null : texts.get(key);
    SqlWriter w = known == null ? new SqlWriter(dialect()) : SqlWriter.paramsOnly(dialect());
    switch (reading) {
      case ROWS -> {
        select(w, q, region);
        // Only the text depends on the order; a statement already written needs its values alone.
        w.orderBy(known == null ? sortKeys(q) : q.orders);
      }
      case COUNT -> {
        w.append("SELECT COUNT(*) FROM ").append(table.quotedTable());
        where(w, q, region);
      }
      case ANY -> {
        w.append("SELECT 1 FROM ").append(table.quotedTable());
        where(w, q, region);
      }
    }
    windowClause(w, skip, rows);
    if (known == null) {
      known = w.sql();
      if (key != null && texts.size() < MAX_KEPT_TEXTS) {
        texts.putIfAbsent(key, known);
      }
    }
    return new Statement(known, w.params());
  }

  private void select(SqlWriter w, Described<T> q, Region region) {
    w.append("SELECT ").append(table.selectColumns()).append(" FROM ").append(table.quotedTable());
    where(w, q, region);
  }

  /** What a SELECT's text depends on besides the shape; {@code null} if too many keys to say in a long. */
  private StatementKey statementKey(Reading reading, Described<T> q, long skip, long rows, Region region) {
    long nulls = -1;
    if (q.after != null) {
      if (q.orders.size() > Long.SIZE - 1) {
        return null;
      }
      nulls = 0;
      for (int i = 0; i < q.orders.size(); i++) {
        if (q.after.values().get(i) == null) {
          nulls |= 1L << i;
        }
      }
    }
    return new StatementKey(reading, textShape(q), nulls, region.number(), skip > 0, rows != NO_LIMIT,
        rowsInText(rows) ? rows : 0);
  }

  /** What a statement of a query reads. */
  enum Reading {
    /** The matching documents, in order. */
    ROWS,
    /** How many match. */
    COUNT,
    /** Whether any does: one row at the most. */
    ANY
  }

  /**
   * Which statement of a table: see {@link #select}. {@code nulls} is -1 without a seek position; {@code rows} is the
   * limit where the dialect writes it into the text ({@link Dialect#writesRowLimit}), else 0.
   */
  record StatementKey(Reading reading, TextShape shape, long nulls, int region, boolean offset, boolean limit,
      long rows) {}

  /**
   * What a query's statement texts depend on besides the window and the seek position: the condition's
   * {@linkplain SqlWriter.Shape shape}, the properties it pins (which may sort first, see {@link #sortKeys}), the
   * declared order and the scope. No value: the text is written from these alone.
   *
   * @param deleted {@code null} when both live and deleted documents count
   */
  record TextShape(SqlWriter.Shape condition, List<? extends Property<?, ?>> pinned, List<Sorted> orders,
      Boolean deleted) {}

  /** One declared sort key: the property constant and its direction. */
  record Sorted(Property<?, ?> property, boolean descending) {}

  private TextShape textShape(Described<T> q) {
    TextShape known = textShape;
    if (known == null) {
      List<Sorted> orders = new ArrayList<>(q.orders.size());
      for (Order<T> order : q.orders) {
        orders.add(new Sorted(order.property(), order.descending()));
      }
      known = q.condition == null ? new TextShape(null, List.of(), List.copyOf(orders), q.deleted)
          : new TextShape(SqlWriter.shape(q.condition), QueryInternals.pinned(q.condition), List.copyOf(orders),
              q.deleted);
      textShape = known;
    }
    return known;
  }

  /** Whether the row limit {@code rows} is written into the statement rather than bound. */
  private boolean rowsInText(long rows) {
    return rows != NO_LIMIT && dialect().writesRowLimit();
  }

  /** A statement to run: its text and its values in order. */
  private record Statement(String sql, List<SqlParameter> params) {}

  private void where(SqlWriter w, Described<T> q, Region region) {
    String joiner = " WHERE ";
    if (q.deleted != null) {
      w.append(joiner).append(q.deleted ? table.deletedOnly() : table.liveOnly());
      joiner = " AND ";
    }
    if (q.condition != null) {
      w.append(joiner).append("(").condition(q.condition).append(")");
      joiner = " AND ";
    }
    if (region.predicate() != null) {
      w.append(joiner).append("(");
      region.predicate().accept(w);
      w.append(")");
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

  /**
   * The keys the statements of this shape sort by: the declared ones, after the fields the condition pins when an
   * index then serves the order ({@link PinnedKeys}). The seek position and the cursor hold the declared keys
   * alone: every row of the result has the pinned values.
   */
  private List<Order<T>> sortKeys(Described<T> q) {
    List<Order<T>> known = sortKeys;
    if (known == null) {
      List<PinnedKeys.Key<Property<T, ?>>> declared = new ArrayList<>(q.orders.size());
      for (Order<T> order : q.orders) {
        declared.add(new PinnedKeys.Key<>(order.property(), order.descending()));
      }
      List<Property<T, ?>> pinned = q.condition == null ? List.of() : QueryInternals.pinned(q.condition);
      List<Order<T>> keys = new ArrayList<>();
      for (PinnedKeys.Key<Property<T, ?>> key : PinnedKeys.sortKeys(table.binding().indexes(), pinned, declared,
          Property::name)) {
        keys.add(QueryInternals.order(key.field(), key.descending()));
      }
      known = List.copyOf(keys);
      sortKeys = known;
    }
    return known;
  }

  private List<FieldSpec> keyFields(List<Order<T>> orders) {
    List<FieldSpec> known = keyFields;
    if (known == null) {
      List<FieldSpec> fields = new ArrayList<>(orders.size());
      for (Order<T> order : orders) {
        fields.add(SqlWriter.field(order.property()));
      }
      known = List.copyOf(fields);
      keyFields = known;
    }
    return known;
  }

  /**
   * The query's identity for cursors: its statement and values, without position or window. Computed
   * once per shape: every page of a seek through one query shares it.
   */
  private String fingerprint(Query<T> query) {
    String known = fingerprint;
    if (known == null) {
      Described<T> q = new Described<>(query);
      Described<T> whole = new Described<>(q.condition, q.orders, NO_LIMIT, 0, q.deleted, null);
      // The order as declared: sorting by a pinned field first returns the same order, so it is the same
      // query, and cursors issued before a change in what is pinned stay valid. Written apart from the
      // statements this runner keeps, which sort pinned fields first.
      SqlWriter w = new SqlWriter(dialect());
      select(w, whole, Region.ALL);
      w.orderBy(whole.orders);
      known = SeekCursors.fingerprint(table.binding().collection() + "\n" + w.sql(), w.params());
      fingerprint = known;
    }
    return known;
  }

  /**
   * The stretches of the order after the seek position, in order; {@link Region#ALL} alone without one.
   * With keys k1..km and position (c1..cm, id): first the documents equal on k1..k(m-1) whose
   * (km, id) comes after (cm, id); then, for each key from the last to the first, those equal on the
   * keys before it whose key comes after it, split where the nulls begin or end.
   */
  private List<Region> regions(Described<T> q) {
    if (q.after == null) {
      return List.of(Region.ALL);
    }
    SeekCursors.Position at = q.after;
    List<Order<T>> orders = q.orders;
    String id = dialect().quote("_id");
    if (orders.isEmpty()) {
      return List.of(new Region(1, w -> w.append(id).append(" > ").value(SqlParameter.of(ColumnType.STRING, at.id()))));
    }
    List<Region> regions = new ArrayList<>();
    int m = orders.size();
    for (int i = m - 1; i >= 0; i--) {
      Order<T> order = orders.get(i);
      Property<T, ?> key = order.property();
      Object value = at.values().get(i);
      String after = order.descending() ? " < " : " > ";
      Consumer<SqlWriter> prefix = equalTo(orders, i, at);
      if (i == m - 1) {
        if (value != null) {
          regions.add(region(regions.size() + 1, prefix, w -> w.append("(").column(key).append(", ").append(id)
              .append(")").append(after).append("(").value(key, value).append(", ")
              .value(SqlParameter.of(ColumnType.STRING, at.id())).append(")")));
        } else {
          regions.add(region(regions.size() + 1, prefix, w -> w.column(key).append(" IS NULL AND ").append(id)
              .append(after).value(SqlParameter.of(ColumnType.STRING, at.id()))));
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
  private static <T extends ActiveRecord<T>> Consumer<SqlWriter> equalTo(List<Order<T>> orders, int i,
      SeekCursors.Position at) {
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
    boolean limitInText = rowsInText(rows);
    w.append(" ").append(limitInText ? dialect().windowOfRows(hasOffset, rows) : dialect().window(hasOffset, hasLimit));
    if (hasOffset) {
      w.param(SqlParameter.rows(skip));
    }
    if (hasLimit && !limitInText) {
      w.param(SqlParameter.rows(rows));
    }
  }
}
