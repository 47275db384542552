package io.pocketto.internal;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The one place where SQL text differs between databases. Everything else builds statements from
 * these pieces, once per model and database; the pieces of queries are in {@link SqlSyntax}, whose
 * standard spelling the processor also writes repositories in.
 */
public interface Dialect extends SqlSyntax {

  /** A short name for logs and errors, e.g. {@code "H2"}. */
  String name();

  /** Whether this dialect serves the JDBC URL. */
  boolean accepts(String jdbcUrl);

  /**
   * Whether a query writes its row limit into its statement ({@link #windowOfRows}) rather than binding it, so that
   * the database knows it when it plans the statement once for every run. Each limit is then a statement of its
   * own; a query usually has one or two (its page size, and one more for a slice).
   */
  default boolean writesRowLimit() {
    return false;
  }

  /**
   * How long a write waits for a document that another write of this process holds, where the database's own row
   * locks cannot be relied on and writes take their documents in the runtime first ({@link DocumentTurns}); negative
   * where they can, as by default.
   */
  default long documentTurnWaitMillis(String jdbcUrl) {
    return -1;
  }

  /** The URL to open, with settings the runtime relies on (e.g. keeping an in-memory H2 alive). */
  default String prepareUrl(String jdbcUrl) {
    return jdbcUrl;
  }

  /** SQL run when the database is closed, or {@code null}. */
  default String shutdownStatement(String jdbcUrl) {
    return null;
  }

  /**
   * Checks that the server can hold Pocketto's tables, before the first one is created.
   *
   * @throws IllegalStateException saying what is missing
   */
  default void checkServer(DatabaseMetaData meta) throws SQLException {}

  /** The SQL type of a column. */
  String columnType(ColumnType type);

  /**
   * The SQL type of a field's column: {@link #columnType(ColumnType)}, or {@code NUMERIC(precision, scale)}
   * for a decimal that declares them with {@link io.pocketto.Decimal}.
   */
  default String columnType(FieldSpec field) {
    if (field.type() == ColumnType.DECIMAL && field.precision() > 0) {
      return "NUMERIC(" + field.precision() + ", " + field.scale() + ")";
    }
    return columnType(field.type());
  }

  /** What a query compares and sorts {@code field} by; see {@link #valueExpression(ColumnType, int, String)}. */
  default String valueExpression(FieldSpec field, String quotedColumn) {
    return valueExpression(field.type(), field.precision(), quotedColumn);
  }

  /** The placeholder for a parameter of this type, e.g. {@code ? FORMAT JSON}. */
  default String placeholder(ColumnType type) {
    return "?";
  }

  /** The SQL type of {@code _created_at} and {@code _updated_at}. */
  String timestampType();

  /**
   * The statement that inserts a new document. A duplicate {@code _id} must show as zero rows written
   * or as a unique violation, and must leave the surrounding transaction usable, so that a bundle can
   * go on after the conflict is reported.
   */
  default String insertNew(String table, String columns, String values) {
    return "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")";
  }

  /**
   * The database's time {@code ?} milliseconds from now, a lock's lease end; the one parameter is bound
   * as a {@code long}. Leases run by the database's clock so that every process agrees when one ends.
   */
  String leaseEnd();

  /**
   * Whether this process draws the change positions of its writes ({@link LocalSequence}), because
   * the database cannot tell a reader which writes may still commit behind the ones it sees. If not,
   * the write statement itself sets the position, and {@link #changesAfter} knows the safe bound.
   */
  boolean drawsPositionsInProcess();

  /**
   * The columns, after {@code _seq BIGINT}, that place a row in its collection's changes feed; empty
   * when {@code _seq} alone does.
   */
  default List<String> positionColumns() {
    return List.of();
  }

  /**
   * Statements that prepare a collection's change positions (a sequence, say), run on every start after
   * its table exists; each must be harmless when run again.
   */
  default List<String> preparePositions(String collection) {
    return List.of();
  }

  /**
   * The {@code SET} assignments, without a leading comma, that place a written row in the changes feed,
   * in the same statement as the write. With {@link #drawsPositionsInProcess()} they take one parameter,
   * the drawn number.
   */
  String positionAssignments(String collection);

  /** The columns, then the values, an {@code INSERT} adds to place a new row in the feed; see {@link #positionAssignments}. */
  String[] positionInsert(String collection);

  /** The index the changes feed reads rows in order through. */
  String positionIndex(String table, String collection);

  /**
   * The changes feed's query: {@code columns}, then the position as two longs, of the rows after a
   * position, in position order, stopping below any write that may still commit, at most a number of
   * rows. {@link #bindChangesAfter} binds it.
   */
  default String changesAfter(String table, String columns) {
    return feedQuery(table, columns, "", "");
  }

  /**
   * Binds {@link #changesAfter}: the position read last ({@code major}, {@code minor}), the highest
   * position readable when this process draws positions (otherwise unused), and the row limit. The
   * position binds as in the narrowed feed, since both queries start with it.
   */
  default void bindChangesAfter(PreparedStatement ps, long major, long minor, long readableUpTo, int limit)
      throws SQLException {
    ps.setInt(bindChangesPosition(ps, 1, major, minor, readableUpTo), limit);
  }

  /**
   * {@link #changesAfter} narrowed by a predicate, with one more column after the position: the feed of
   * one sync scope. Its parameters are bound in text order: those of {@code extraColumn}, then the
   * position ({@link #bindChangesPosition}), then those of {@code filter}, then the row limit.
   */
  default String changesAfter(String table, String columns, String extraColumn, String filter) {
    return feedQuery(table, columns, ", " + extraColumn, " AND (" + filter + ")");
  }

  /**
   * The one query both {@code changesAfter} forms are: {@code columns} and the position, then {@code extra}
   * (empty, or a comma and a column), of the rows after a position that also meet {@code and} (empty, or
   * {@code " AND (...)"}).
   */
  String feedQuery(String table, String columns, String extra, String and);

  /**
   * Binds the position of {@link #changesAfter(String, String, String, String)} from parameter {@code index};
   * returns the index of the next parameter.
   */
  int bindChangesPosition(PreparedStatement ps, int index, long major, long minor, long readableUpTo) throws SQLException;

  /**
   * A condition true of the one row of {@code table} placed last in the changes feed, without
   * parameters and uncorrelated (computed once per statement): with it, a filtered feed read ({@link
   * #changesAfter(String, String, String, String)}) also returns where the feed ends, so a reader whose
   * filter matched nothing more can move its checkpoint there.
   */
  String lastInFeed(String table);

  /**
   * A statement that inserts a row of {@code columns} or, when one with the same first {@code keyColumns}
   * columns exists, sets its other columns: one statement, so that two writers never race between a
   * look and a write.
   */
  String upsert(String table, List<String> columns, int keyColumns);

  /**
   * Counts the committed rows the feed cannot hand out yet, because a write with an earlier position may
   * still commit; one parameter, the readable bound, when this process draws positions.
   */
  String changesHeldBack(String table);

  /**
   * Whether {@code e} is a failure that rolling back and running the same transaction again may cure: a
   * deadlock, a serialization failure or a lock timeout.
   */
  default boolean isTransient(SQLException e) {
    return hasSqlState(e, "40001") || hasSqlState(e, "40P01");
  }

  /**
   * Checks one stored-form value against what this database can hold without altering it; the runtime
   * has already checked what every database shares (such as well-formed UTF-16).
   *
   * @throws IllegalArgumentException naming the field and what to do, before anything is written
   */
  default void checkStorable(String model, FieldSpec field, Object value) {}

  /**
   * Whether {@code e} (or an exception chained to it) says the connection is lost (the server closed it,
   * or the network dropped it): SQLSTATE class 08 by default.
   */
  default boolean isConnectionLost(SQLException e) {
    return hasSqlState(e, "08");
  }

  /** Whether the error is a primary-key or unique violation. */
  default boolean isUniqueViolation(SQLException e) {
    return hasSqlState(e, "23505");
  }

  /** Whether {@code e} or an exception chained to it has an SQLSTATE that starts with {@code prefix}. */
  static boolean hasSqlState(SQLException e, String prefix) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      String state = x.getSQLState();
      if (state != null && state.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether JSON text comes back exactly as written; if not, the runtime canonicalises it on load. */
  boolean preservesJsonText();

  /** The element type named to {@link java.sql.Connection#createArrayOf} when binding a list of values. */
  default String arrayElementType(ColumnType type) {
    return columnType(type);
  }

  /**
   * One field column of an {@code @Index}, ordered as queries sort it: nulls are the smallest value
   * ({@code ASC NULLS FIRST}, {@code DESC NULLS LAST}). PostgreSQL builds an index nulls last unless told
   * otherwise, and such an index cannot serve either form, so the order is spelled out; H2's default
   * is the same as this but follows the database's {@code DEFAULT_NULL_ORDERING}, so it is spelled out
   * there too. A dialect whose indexes cannot say this overrides it.
   */
  default String indexColumn(String quotedColumn) {
    return quotedColumn + " NULLS FIRST";
  }

  /**
   * A document's creation or update time from column {@code i} of the current row. Every record a query
   * returns reads two, so a driver that hands out an {@link Instant} without building an
   * {@code OffsetDateTime} first is worth asking directly.
   */
  default Instant readTimestamp(ResultSet rs, int i) throws SQLException {
    return (Instant) ColumnType.INSTANT.read(rs, i);
  }

  /**
   * The statement that shows the database's plan for {@code sql}, run with the same parameters; its
   * rows, one text column each, joined by newlines, are the plan.
   */
  default String explain(String sql) {
    return "EXPLAIN " + sql;
  }

  /**
   * This dialect's form of a repository statement, which the processor wrote at compile time, before
   * any database is known, through {@link SqlSyntax#STANDARD}. A dialect that overrides a {@link SqlSyntax}
   * piece that repositories use rewrites the standard piece here, once per repository and database; H2
   * accepts the standard text as it is, PostgreSQL names {@code DECFLOAT} {@code numeric}.
   */
  default String nativeSql(String portableSql) {
    return portableSql;
  }
}
