package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.StorageException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs finished query statements against one model's table: binds the parameters, reads rows with
 * {@link DocumentTable#materialize}, and nothing else. Filtering, sorting, counting and windowing are
 * all in the SQL it is given; the typed query builder and the generated repositories both end here.
 *
 * @param <T> the generated model class
 */
public final class QueryExecutor<T extends ActiveRecord<T>> {
  /** Rows fetched per round trip when streaming, so a large result is not read into memory at once. */
  private static final int STREAM_FETCH_SIZE = 256;
  private static final Logger LOG = LoggerFactory.getLogger(QueryExecutor.class);
  private static final Set<String> UNINDEXED_SORTS_WARNED = ConcurrentHashMap.newKeySet();

  private final DocumentTable<T> table;
  private final Engine engine;
  private final Dialect dialect;
  private final String what;
  private volatile SeekCursors cursors;

  /** An executor for one table. */
  public QueryExecutor(DocumentTable<T> table) {
    this.table = table;
    this.engine = table.engine();
    this.dialect = table.dialect();
    this.what = "querying " + table.binding().collection();
  }

  /** The table queried. */
  public DocumentTable<T> table() {
    return table;
  }

  /** The records a {@code SELECT} of {@link DocumentTable#selectColumns()} returns, in its order. */
  public List<T> list(String sql, List<SqlParameter> params) {
    long start = System.nanoTime();
    return table.timedRead(start, engine.withConnection(what, c -> {
      try (StatementCache.Use use = prepare(c, sql, params); ResultSet rs = use.statement().executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(table.materialize(rs));
        }
        return out;
      }
    }));
  }

  /**
   * Adds the records of a {@code SELECT} to {@code out} until it holds {@code keep}, and then says whether
   * the statement has a row beyond them, which it does not make into a record.
   */
  public boolean read(String sql, List<SqlParameter> params, List<T> out, long keep) {
    long start = System.nanoTime();
    return table.timedRead(start, engine.withConnection(what, c -> {
      try (StatementCache.Use use = prepare(c, sql, params); ResultSet rs = use.statement().executeQuery()) {
        while (rs.next()) {
          if (out.size() >= keep) {
            return true;
          }
          out.add(table.materialize(rs));
        }
        return false;
      }
    }));
  }

  /** The single number a {@code SELECT COUNT(*)} returns. */
  public long count(String sql, List<SqlParameter> params) {
    long start = System.nanoTime();
    return table.timedRead(start, engine.withConnection(what, c -> {
      try (StatementCache.Use use = prepare(c, sql, params); ResultSet rs = use.statement().executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }));
  }

  /** Whether the statement returns any row. */
  public boolean exists(String sql, List<SqlParameter> params) {
    long start = System.nanoTime();
    return table.timedRead(start, engine.withConnection(what, c -> {
      try (StatementCache.Use use = prepare(c, sql, params); ResultSet rs = use.statement().executeQuery()) {
        return rs.next();
      }
    }));
  }

  /**
   * Logs a warning, once per model, field and process, when a query sorts by a field that is in no
   * {@code @Index}: the database then reads and sorts every matching row for each page, which on H2 past
   * its in-memory limit means sorting on disk. A field later in a composite index is not reported: the
   * index serves it under an equality on the fields before it, which the query may well have.
   */
  public void warnIfUnindexedSort(String field) {
    if (Indexes.anyContains(table.binding().indexes(), field)) {
      return;
    }
    String model = table.binding().modelName();
    if (UNINDEXED_SORTS_WARNED.add(table.binding().collection() + "." + field)) {
      // The annotations go on the @Model class, which the generated one extends.
      String remedy = Indexes.advice(table.binding().type().getSuperclass().getSimpleName(), field,
          table.binding().isTimestamp(field));
      LOG.warn("{} queries sort by '{}', which is in no @Index: every page reads and sorts all matching rows. "
          + "Add {} if the collection grows large (this is logged once per field)", model, field, remedy);
    }
  }

  /** The database's plan for a statement: the rows of {@link Dialect#explain}, one line each. */
  public String plan(String sql, List<SqlParameter> params) {
    return engine.withConnection(what, c -> {
      try (StatementCache.Use use = prepare(c, dialect.explain(sql), params);
          ResultSet rs = use.statement().executeQuery()) {
        StringBuilder plan = new StringBuilder();
        while (rs.next()) {
          plan.append(plan.isEmpty() ? "" : "\n").append(rs.getString(1));
        }
        return plan.toString();
      }
    });
  }

  /** The stored-form values of some of a record's fields, as a query binds them. */
  public List<Object> storedValues(T record, List<FieldSpec> fields) {
    Object[] all = table.binding().storedValues(record);
    List<Object> out = new ArrayList<>(fields.size());
    for (FieldSpec f : fields) {
      out.add(all[table.binding().indexOf(f.name())]);
    }
    return out;
  }

  /** The record's document id; an error if it was never saved. */
  public String id(T record) {
    String id = table.binding().state(record).id();
    if (id == null) {
      throw new IllegalArgumentException("the record has no id: continue after a document a query returned");
    }
    return id;
  }

  /** The signed cursors of this table's database. */
  public SeekCursors cursors() {
    SeekCursors known = cursors;
    if (known == null) {
      known = SeekCursors.of(engine);
      cursors = known;
    }
    return known;
  }

  /**
   * The records of a {@code SELECT}, read lazily on a connection held until the stream is closed or
   * exhausted; the caller must close it (try-with-resources).
   */
  public Stream<T> stream(String sql, List<SqlParameter> params) {
    Connection c = engine.borrowConnection(what);
    StatementCache.Use use = null;
    try {
      use = prepare(c, sql, params);
      use.fetchSize(STREAM_FETCH_SIZE);
      ResultSet rs = use.statement().executeQuery();
      Cursor cursor = new Cursor(c, use, rs);
      return StreamSupport.stream(cursor, false).onClose(cursor::close);
    } catch (SQLException e) {
      engine.evictIfLost(c, e);
      closeAll(e, use, c);
      throw failure(e);
    } catch (RuntimeException e) {
      closeAll(e, use, c);
      throw e;
    }
  }

  /**
   * Writes a tombstone for each live record through the record delete path, so each gets its own new
   * revision and its own conflict check. Stops at the first failure; records before it stay deleted.
   *
   * @return the number of tombstones written
   */
  public int deleteAll(List<T> records) {
    int deleted = 0;
    for (T record : records) {
      if (!table.binding().state(record).deleted()) {
        table.delete(record);
        deleted++;
      }
    }
    return deleted;
  }

  /** The query's statement with every parameter bound; the caller closes the use. */
  private StatementCache.Use prepare(Connection c, String sql, List<SqlParameter> params) throws SQLException {
    StatementCache.Use use = engine.prepare(c, sql);
    try {
      for (int i = 0; i < params.size(); i++) {
        bind(c, use.statement(), i + 1, params.get(i));
      }
      return use;
    } catch (SQLException | RuntimeException e) {
      closeAll(e, use);
      throw e;
    }
  }

  private void bind(Connection c, PreparedStatement ps, int index, SqlParameter p) throws SQLException {
    bind(dialect, c, ps, index, p);
  }

  /** Binds one query parameter, a list as one SQL array. */
  static void bind(Dialect dialect, Connection c, PreparedStatement ps, int index, SqlParameter p) throws SQLException {
    if (!p.array()) {
      p.type().bind(ps, index, p.value());
      return;
    }
    List<?> values = (List<?>) p.value();
    Object[] elements = new Object[values.size()];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = jdbcValue(p.type(), values.get(i));
    }
    Array array = c.createArrayOf(dialect.arrayElementType(p.type()), elements);
    ps.setArray(index, array);
  }

  /** A value as JDBC binds it, matching {@link ColumnType#bind} for array elements. */
  private static Object jdbcValue(ColumnType type, Object value) {
    return type.toJdbc(value);
  }

  private StorageException failure(SQLException e) {
    return new StorageException(what + " failed on " + dialect.name() + ": " + e.getMessage(), e);
  }

  private static void closeAll(Throwable primary, AutoCloseable... resources) {
    for (AutoCloseable r : resources) {
      if (r == null) {
        continue;
      }
      try {
        r.close();
      } catch (Exception e) {
        primary.addSuppressed(e);
      }
    }
  }

  /** The rows of an open result set, one record per advance; releases the connection when done. */
  private final class Cursor extends Spliterators.AbstractSpliterator<T> {
    private final Connection connection;
    private final StatementCache.Use statement;
    private final ResultSet rows;
    private boolean closed;

    Cursor(Connection connection, StatementCache.Use statement, ResultSet rows) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.connection = connection;
      this.statement = statement;
      this.rows = rows;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
      if (closed) {
        return false;
      }
      T next;
      try {
        if (!rows.next()) {
          close();
          return false;
        }
        next = table.materialize(rows);
      } catch (SQLException e) {
        StorageException failure = failure(e);
        engine.evictIfLost(connection, e);
        closeAll(failure, rows, statement, connection);
        closed = true;
        throw failure;
      } catch (RuntimeException e) {
        closeAll(e, rows, statement, connection);
        closed = true;
        throw e;
      }
      action.accept(next);
      return true;
    }

    void close() {
      if (closed) {
        return;
      }
      closed = true;
      StorageException failure = new StorageException("closing a stream over " + table.binding().collection() + " failed", null);
      closeAll(failure, rows, statement, connection);
      if (failure.getSuppressed().length > 0) {
        throw failure;
      }
    }
  }
}
