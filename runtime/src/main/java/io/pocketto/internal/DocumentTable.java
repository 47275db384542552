package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.ChangeEvent;
import io.pocketto.ConflictHandler;
import io.pocketto.ConflictException;
import io.pocketto.Database;
import io.pocketto.DocumentNotFoundException;
import io.pocketto.RetriesExhaustedException;
import io.pocketto.LockedException;
import io.pocketto.OutcomeUnknownException;
import io.pocketto.StorageException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model's table in one database: its SQL, built once from the dialect, and the revision-checked
 * writes. Every write is a single conditional statement ({@code UPDATE ... WHERE _id = ? AND _rev = ?
 * AND <no other writer's live lock>} or a plain {@code INSERT} guarded by the primary key), so there is
 * no read-then-write race. A record's state changes only after its write succeeded.
 *
 * <p>Rows hold {@code _id, _rev, _deleted, _writer, _lock_holder, _lock_expires, _seq, _attempt, _created_at,
 * _updated_at} and one column per field. Reads select {@code _id, _rev, _deleted, _writer}, the fields in
 * declaration order, then {@code _created_at, _updated_at}.
 */
public final class DocumentTable<T extends ActiveRecord<T>> {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentTable.class);
  /** Columns 1-4 of every read ({@code _id, _rev, _deleted, _writer}); fields start at column 5. */
  public static final int FIRST_FIELD_COLUMN = 5;
  /** The column of the writer of the revision in every read. */
  private static final int WRITER_COLUMN = 4;
  /** {@code _created_at} and {@code _updated_at}, which every read selects after the fields. */
  private static final int TIMESTAMP_COLUMNS = 2;
  /** The longest lease a lock may have. */
  static final Duration MAX_LEASE = Duration.ofDays(366);

  private final Engine engine;
  private final ModelBinding<T> binding;
  private final Dialect dialect;
  private final String table;
  private final String changesAfter;
  /** The changes feed's query for the heads only: {@code _id, _rev, _deleted, _writer} and the position. */
  private final String changeHeadsAfter;
  private final String changesHeldBack;
  private final String selectColumns;
  private final String selectById;
  private final String selectAnyById;
  private final String selectStoredById;
  private final String selectAll;
  private final String selectHead;
  private final String insert;
  private final String update;
  private final String takeLock;
  private final String releaseLock;
  private final String selectLock;
  private final String count;
  /** The tests that keep live documents, and tombstones only ({@link CriteriaSql#deleted}). */
  private final String liveOnly;
  private final String deletedOnly;
  private final WriteTurns turns = new WriteTurns();
  /** This process's change numbers, where the dialect draws them here; otherwise {@code null}. */
  private final LocalSequence positions;
  /** Wakes readers of the changes feed waiting for a write through this process. */
  private final Object written = new Object();
  private long writesEnded;
  private volatile ConflictHandler<? super T> conflictHandler;
  /** Runs this table's query statements; made on first use. */
  private volatile QueryExecutor<T> queries;
  /** The statement texts of this table's typed queries, by what each depends on ({@link QueryRunner#select}). */
  private final Map<QueryRunner.StatementKey, String> queryTexts = new ConcurrentHashMap<>();

  DocumentTable(Engine engine, ModelBinding<T> binding) {
    this.engine = engine;
    this.binding = binding;
    this.dialect = engine.dialect();
    this.table = dialect.quote(binding.collection());
    List<FieldSpec> fields = binding.fields();

    StringJoiner insertCols = new StringJoiner(", ");
    StringJoiner insertValues = new StringJoiner(", ");
    insertCols.add(q("_id")).add(q("_rev")).add(q("_deleted")).add(q("_writer"));
    insertValues.add("?").add("?").add("?").add("?");
    StringJoiner sets = new StringJoiner(", ");
    sets.add(q("_rev") + " = ?").add(q("_deleted") + " = ?").add(q("_writer") + " = ?")
        .add(q("_updated_at") + " = CURRENT_TIMESTAMP");
    for (FieldSpec f : fields) {
      insertCols.add(q(f.column()));
      insertValues.add(dialect.placeholder(f.type()));
      sets.add(q(f.column()) + " = " + dialect.placeholder(f.type()));
    }
    // Each write stores a random id of its own, so that a write whose answer was lost can tell its row
    // from one another writer wrote with the same content from the same revision (see isOurs).
    insertCols.add(q("_attempt"));
    insertValues.add("?");
    sets.add(q("_attempt") + " = ?");
    // The write statement itself places the row in the changes feed: see changes().
    sets.add(dialect.positionAssignments(binding.collection()));
    String[] position = dialect.positionInsert(binding.collection());
    insertCols.add(position[0]);
    insertValues.add(position[1]);
    // The timestamps after the fields, so that a field is column FIRST_FIELD_COLUMN + its index.
    this.selectColumns = CriteriaSql.selectColumns(dialect, fields.stream().map(FieldSpec::column).toList());
    this.liveOnly = CriteriaSql.deleted(dialect, false);
    this.deletedOnly = CriteriaSql.deleted(dialect, true);
    this.selectById = "SELECT " + selectColumns + " FROM " + table + " WHERE " + q("_id") + " = ? AND " + liveOnly;
    this.selectAnyById = "SELECT " + selectColumns + " FROM " + table + " WHERE " + q("_id") + " = ?";
    this.selectAll = "SELECT " + selectColumns + " FROM " + table + " WHERE " + liveOnly + " ORDER BY " + q("_id");
    String lockLive = q("_lock_expires") + " > CURRENT_TIMESTAMP";
    String lockColumns = q("_lock_holder") + ", " + q("_lock_expires") + ", CASE WHEN " + lockLive + " THEN TRUE ELSE FALSE END";
    // The attempt and the lock after the read's columns: a write that changed no row reads them to tell
    // its own earlier attempt from another writer's revision or lock.
    this.selectStoredById = "SELECT " + selectColumns + ", " + q("_attempt") + ", " + lockColumns + " FROM " + table
        + " WHERE " + q("_id") + " = ?";
    this.selectHead = "SELECT " + q("_rev") + ", " + q("_deleted") + ", " + q("_writer") + ", " + lockColumns + " FROM " + table
        + " WHERE " + q("_id") + " = ?";
    this.insert = dialect.insertNew(table, insertCols.toString(), insertValues.toString());
    // The lock check is part of the revision check's statement: a write either passes both or writes nothing.
    String noOtherLock = "(" + q("_lock_holder") + " IS NULL OR " + q("_lock_holder") + " = ? OR NOT (" + lockLive + "))";
    this.update = "UPDATE " + table + " SET " + sets + " WHERE " + q("_id") + " = ? AND " + q("_rev") + " = ? AND " + noOtherLock;
    // A lock touches neither the revision, the body nor the feed position: it is not a change of the document.
    this.takeLock = "UPDATE " + table + " SET " + q("_lock_holder") + " = ?, " + q("_lock_expires") + " = " + dialect.leaseEnd()
        + " WHERE " + q("_id") + " = ? AND " + liveOnly + " AND " + noOtherLock;
    this.releaseLock = "UPDATE " + table + " SET " + q("_lock_holder") + " = NULL, " + q("_lock_expires") + " = NULL WHERE "
        + q("_id") + " = ? AND " + noOtherLock;
    this.selectLock = "SELECT " + q("_lock_holder") + ", " + q("_lock_expires") + " FROM " + table + " WHERE " + q("_id")
        + " = ? AND " + q("_lock_holder") + " IS NOT NULL AND " + lockLive;
    this.count = "SELECT COUNT(*) FROM " + table + " WHERE " + liveOnly;
    this.changesAfter = dialect.changesAfter(table, selectColumns);
    this.changeHeadsAfter = dialect.changesAfter(table, q("_id") + ", " + q("_rev") + ", " + q("_deleted") + ", " + q("_writer"));
    this.changesHeldBack = dialect.changesHeldBack(table);
    TableMigration migration = new TableMigration(engine, binding);
    if (engine.createsTables()) {
      migration.createOrMigrate();
    } else {
      migration.requireTable();
    }
    this.positions = dialect.drawsPositionsInProcess() ? engine.localSequence(binding.collection(), this::lastPosition) : null;
    engine.metrics().changesFeed(binding.collection(), this::changesHeldBack);
  }

  private String q(String identifier) {
    return dialect.quote(identifier);
  }

  /** The largest change number stored, where this process numbers the collection's writes. */
  private long lastPosition() {
    return engine.withOwnConnection("reading the last change number of " + binding.collection(), c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(" + q("_seq") + "), 0) FROM " + table)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** A document read from the changes feed, with its place in the feed. */
  public record FeedEntry<T>(String id, String rev, boolean deleted, String writer, T document, long major, long minor) {}

  /** A batch of the changes feed; {@code hasMore} if the feed had more readable rows than the limit. */
  public record FeedRows<T>(List<FeedEntry<T>> entries, boolean hasMore) {}

  /**
   * The documents whose latest write comes after position ({@code major}, {@code minor}) in the changes
   * feed, at most {@code limit}, in feed order, each once at its latest revision, tombstones included.
   *
   * <p>Every write statement places its row in the feed itself, so there is no counter row to queue on.
   * A reader must still never skip a write that commits after one placed later: on PostgreSQL the
   * position starts with the writing transaction's id, and rows are read only below the oldest
   * transaction still running; on H2 the numbers come from this process's {@link LocalSequence}, and
   * rows are read only below the lowest number still in flight. Either way a write that may still
   * commit holds the reader back (see {@link #changesHeldBack()}); it is never skipped.
   */
  public FeedRows<T> changes(long major, long minor, int limit) {
    return readFeed(changesAfter, major, minor, limit, FIRST_FIELD_COLUMN + binding.fields().size() + TIMESTAMP_COLUMNS,
        this::materialize);
  }

  /**
   * {@link #changes}, in the same order and with the same guarantees, without building records: each
   * entry's document is the row's fields in stored form (as a record's snapshot holds them), or {@code
   * null} with {@code fields} false, when only ids, revisions and deleted flags are read. For replication,
   * which sends stored values, and for a reader that scans a long feed to find the few changes it needs.
   */
  public FeedRows<Object[]> storedChanges(long major, long minor, int limit, boolean fields) {
    if (!fields) {
      return readFeed(changeHeadsAfter, major, minor, limit, WRITER_COLUMN + 1, rs -> null);
    }
    Object[][] decoded = new Object[1][];
    return readFeed(changesAfter, major, minor, limit, FIRST_FIELD_COLUMN + binding.fields().size() + TIMESTAMP_COLUMNS,
        rs -> readFields(rs, decoded));
  }

  /**
   * {@link #storedChanges} of the rows {@code match} selects (a condition on this table's row, which may
   * correlate to other tables by the table's name), read by the database in one statement, so that a long
   * stretch of rows the reader does not need is passed over without reaching Java. The feed's last row
   * comes too whatever it matches, as an entry whose document is {@code null}: a reader whose condition
   * matched nothing further learns how far the feed was read, and may move its checkpoint there. It comes
   * only while no write that may still commit sits before it, so no such write is ever passed over.
   */
  public FeedRows<Object[]> storedChanges(long major, long minor, int limit, SqlFragment match) {
    if (limit < 1 || limit == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("limit must be 1 to " + (Integer.MAX_VALUE - 1) + ", was " + limit);
    }
    long readableUpTo = positions == null ? 0 : positions.readableUpTo();
    String matches = "(" + match.sql() + ")";
    String sql = dialect.changesAfter(table, selectColumns, "CASE WHEN " + matches + " THEN 1 ELSE 0 END",
        matches + " OR " + dialect.lastInFeed(table));
    return engine.withConnection("reading the changes of " + binding.collection(), c -> {
      try (StatementCache.Use use = engine.prepare(c, sql)) {
        PreparedStatement ps = use.statement();
        bindFilteredFeed(c, ps, match.params(), major, minor, readableUpTo, match.params(), limit + 1);
        try (ResultSet rs = ps.executeQuery()) {
          int positionColumn = FIRST_FIELD_COLUMN + binding.fields().size() + TIMESTAMP_COLUMNS;
          Object[][] decoded = new Object[1][];
          List<FeedEntry<Object[]>> out = new ArrayList<>();
          while (rs.next()) {
            if (out.size() == limit) {
              return new FeedRows<>(out, true);
            }
            Object[] fields = rs.getInt(positionColumn + 2) == 1 ? readFields(rs, decoded) : null;
            out.add(new FeedEntry<>(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(WRITER_COLUMN), fields,
                Long.parseLong(rs.getString(positionColumn)), rs.getLong(positionColumn + 1)));
          }
          return new FeedRows<>(out, false);
        }
      }
    });
  }

  /** Reads what one row of a query carries. */
  @FunctionalInterface
  private interface RowReader<D> {
    D read(ResultSet rs) throws SQLException;
  }

  /** Runs a feed query ({@link Dialect#changesAfter}), whose position follows the read columns at {@code positionColumn}. */
  private <D> FeedRows<D> readFeed(String sql, long major, long minor, int limit, int positionColumn, RowReader<D> reader) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    long readableUpTo = positions == null ? 0 : positions.readableUpTo();
    return engine.withConnection("reading the changes of " + binding.collection(), c -> {
      try (StatementCache.Use use = engine.prepare(c, sql)) {
        PreparedStatement ps = use.statement();
        dialect.bindChangesAfter(ps, major, minor, readableUpTo, limit == Integer.MAX_VALUE ? limit : limit + 1);
        try (ResultSet rs = ps.executeQuery()) {
          List<FeedEntry<D>> out = new ArrayList<>();
          boolean more = false;
          while (rs.next()) {
            if (out.size() == limit) {
              more = true;
              break;
            }
            D document = reader.read(rs);
            out.add(new FeedEntry<>(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(WRITER_COLUMN), document,
                Long.parseLong(rs.getString(positionColumn)), rs.getLong(positionColumn + 1)));
          }
          return new FeedRows<>(out, more);
        }
      }
    });
  }

  /**
   * Binds a feed query narrowed by a filter ({@link Dialect#changesAfter(String, String, String, String)}):
   * the extra column's parameters, the position, the filter's parameters, the row limit.
   */
  private void bindFilteredFeed(Connection c, PreparedStatement ps, List<SqlParameter> column, long major, long minor,
      long readableUpTo, List<SqlParameter> filter, int limit) throws SQLException {
    int i = 1;
    for (SqlParameter p : column) {
      QueryExecutor.bind(dialect, c, ps, i++, p);
    }
    i = dialect.bindChangesPosition(ps, i, major, minor, readableUpTo);
    for (SqlParameter p : filter) {
      QueryExecutor.bind(dialect, c, ps, i++, p);
    }
    ps.setInt(i, limit);
  }

  /** A row of a scoped feed: the entry, and whether it matches the scope (else it matched {@code alsoIds} only). */
  public record ScopedEntry<T>(FeedEntry<T> entry, boolean inScope) {}

  /**
   * {@link #changes(long, long, int)} of the rows that match {@code scope} or whose id {@code alsoIds}
   * (a {@code SELECT} of ids) lists, each marked with whether it matches the scope: the sync server's
   * feed of one principal, filtered in the feed's own statement so that it stays one indexed read.
   */
  public List<ScopedEntry<T>> scopedChanges(long major, long minor, int limit, SqlFragment scope, SqlFragment alsoIds,
      boolean[] hasMore) {
    if (limit < 1 || limit == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("limit must be 1 to " + (Integer.MAX_VALUE - 1) + ", was " + limit);
    }
    long readableUpTo = positions == null ? 0 : positions.readableUpTo();
    String matches = "(" + scope.sql() + ")";
    String sql = dialect.changesAfter(table, selectColumns, "CASE WHEN " + matches + " THEN 1 ELSE 0 END",
        matches + " OR " + q("_id") + " IN (" + alsoIds.sql() + ")");
    return engine.withConnection("reading the scoped changes of " + binding.collection(), c -> {
      try (StatementCache.Use use = engine.prepare(c, sql)) {
        PreparedStatement ps = use.statement();
        List<SqlParameter> filter = new ArrayList<>(scope.params());
        filter.addAll(alsoIds.params());
        bindFilteredFeed(c, ps, scope.params(), major, minor, readableUpTo, filter, limit + 1);
        try (ResultSet rs = ps.executeQuery()) {
          List<ScopedEntry<T>> out = new ArrayList<>();
          int positionColumn = FIRST_FIELD_COLUMN + binding.fields().size() + TIMESTAMP_COLUMNS;
          hasMore[0] = false;
          while (rs.next()) {
            if (out.size() == limit) {
              hasMore[0] = true;
              break;
            }
            T document = materialize(rs);
            FeedEntry<T> entry = new FeedEntry<>(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(WRITER_COLUMN),
                document, Long.parseLong(rs.getString(positionColumn)), rs.getLong(positionColumn + 1));
            out.add(new ScopedEntry<>(entry, rs.getInt(positionColumn + 2) == 1));
          }
          return out;
        }
      }
    });
  }

  /**
   * Whether the stored row of {@code id} (tombstone or not) matches {@code scope}: {@code null} when there
   * is no row. One statement by primary key.
   */
  public Boolean matches(String id, SqlFragment scope) {
    String sql = "SELECT CASE WHEN (" + scope.sql() + ") THEN 1 ELSE 0 END FROM " + table + " WHERE " + q("_id") + " = ?";
    return engine.withConnection("checking the scope of", binding.collection(), id, c -> {
      try (StatementCache.Use use = engine.prepare(c, sql)) {
        PreparedStatement ps = use.statement();
        int i = 1;
        for (SqlParameter p : scope.params()) {
          QueryExecutor.bind(dialect, c, ps, i++, p);
        }
        ps.setString(i, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getInt(1) == 1 : null;
        }
      }
    });
  }

  /**
   * Removes the row of {@code id} outright, if it still holds {@code expectedRevision}: no tombstone, no
   * change event, no place in the changes feed. For a replica whose document left its sync scope: that
   * is not a delete, and nothing must replicate it. Whether a row was removed.
   */
  public boolean purge(String id, String expectedRevision) {
    String sql = "DELETE FROM " + table + " WHERE " + q("_id") + " = ? AND " + q("_rev") + " = ?";
    return engine.withConnection("removing", binding.collection(), id, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, id);
        ps.setString(2, expectedRevision);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /**
   * How many committed writes the changes feed cannot hand out yet, because a write placed before them
   * may still commit: on PostgreSQL, any transaction of the server still running; on H2, a write of this
   * process still in flight, such as an open bundle's.
   */
  public long changesHeldBack() {
    long readableUpTo = positions == null ? 0 : positions.readableUpTo();
    return engine.withConnection("measuring the lag of the changes of " + binding.collection(), c -> {
      try (PreparedStatement ps = c.prepareStatement(changesHeldBack)) {
        if (positions != null) {
          ps.setLong(1, readableUpTo);
        }
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /** How many writes to this collection through this process have ended; see {@link #awaitWrite}. */
  public long writesEnded() {
    synchronized (written) {
      return writesEnded;
    }
  }

  /**
   * Waits until a write to this collection through this process ends after {@link #writesEnded()} gave
   * {@code seen}, or {@code millis} pass; a reader of the changes feed waits here between polls, so that
   * a local write wakes it at once and one from elsewhere is seen at the next poll.
   */
  public void awaitWrite(long seen, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    synchronized (written) {
      for (long left = millis; writesEnded == seen && left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
        written.wait(left);
      }
    }
  }

  /** Wakes readers waiting in {@link #awaitWrite}. */
  void signalWrite() {
    synchronized (written) {
      writesEnded++;
      written.notifyAll();
    }
  }

  /** The database this table lives in. */
  public Database database() {
    return engine.database();
  }

  /** The model this table stores. */
  public ModelBinding<T> binding() {
    return binding;
  }

  /** The quoted table name, for query builders. */
  public String quotedTable() {
    return table;
  }

  /**
   * {@code _id, _rev, _deleted, _writer}, the field columns, {@code _created_at} and {@code _updated_at},
   * quoted, as every read selects them.
   */
  public String selectColumns() {
    return selectColumns;
  }

  /** The dialect of the database. */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * Waits for this process's turn to write document {@code id} incrementally, so that its own threads
   * never conflict with each other there (see {@link WriteTurns}); close the turn after the write.
   * Inside a bundle it returns {@code null} (no turn): the bundle's row locks order its writes, and a
   * thread holding them must never wait for a Java lock that a thread waiting on them holds.
   */
  WriteTurns.Turn incrementalTurn(String id) {
    return engine.inBundle() ? null : turns.take(id);
  }

  /** Counts a retry of an incremental write or a conflict handler after a 409. */
  void countRetry() {
    engine.metrics().retry(binding.collection());
  }

  /** Counts a write that ran out of retries, and gives the exception that reports it. */
  RetriesExhaustedException retriesExhausted(int attempts, ConflictException last) {
    engine.metrics().retriesExhausted(binding.collection());
    return new RetriesExhaustedException(attempts, last);
  }

  /** The engine, for query execution. */
  public Engine engine() {
    return engine;
  }

  /** The one executor of this table's query statements, typed queries' and repositories' alike. */
  public QueryExecutor<T> queries() {
    QueryExecutor<T> known = queries;
    if (known == null) {
      known = new QueryExecutor<>(this);
      queries = known;
    }
    return known;
  }

  /** The test that keeps live documents only. */
  String liveOnly() {
    return liveOnly;
  }

  /** The test that keeps tombstones only. */
  String deletedOnly() {
    return deletedOnly;
  }

  /** The statement texts of this table's typed queries; see {@link QueryRunner#select}. */
  Map<QueryRunner.StatementKey, String> queryTexts() {
    return queryTexts;
  }

  /** The live document with this id, if any. */
  public Optional<T> find(String id) {
    if (id == null) {
      throw new IllegalArgumentException("id must not be null");
    }
    long start = System.nanoTime();
    return timedRead(start, rowById("finding", selectById, id, this::materialize));
  }

  /** The row of {@code id} that {@code sql} (whose one parameter is the id) selects, as {@code reader} reads it; empty if none. */
  private <R> Optional<R> rowById(String action, String sql, String id, RowReader<R> reader) {
    return engine.withConnection(action, binding.collection(), id, c -> rowById(c, sql, id, reader));
  }

  /** {@link #rowById(String, String, String, RowReader)} on a connection already held. */
  private <R> Optional<R> rowById(Connection c, String sql, String id, RowReader<R> reader) throws SQLException {
    try (StatementCache.Use use = engine.prepare(c, sql)) {
      PreparedStatement ps = use.statement();
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
      }
    }
  }

  /** Records a read that began at {@code start} (a {@link System#nanoTime()}) in the metrics; returns its result. */
  <R> R timedRead(long start, R result) {
    engine.metrics().read(binding.collection(), System.nanoTime() - start);
    return result;
  }

  /** Every live document, ordered by id. */
  public List<T> all() {
    long start = System.nanoTime();
    return timedRead(start, engine.withConnection("listing " + binding.collection(), c -> {
      try (StatementCache.Use use = engine.prepare(c, selectAll); ResultSet rs = use.statement().executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(materialize(rs));
        }
        return out;
      }
    }));
  }

  /** The number of live documents. */
  public long count() {
    long start = System.nanoTime();
    return timedRead(start, engine.withConnection("counting " + binding.collection(), c -> {
      try (StatementCache.Use use = engine.prepare(c, count); ResultSet rs = use.statement().executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }));
  }

  /** Builds a record from the current row, whose columns are {@link #selectColumns()}. */
  public T materialize(ResultSet rs) throws SQLException {
    return materializeInto(binding.newInstance(), rs);
  }

  /**
   * Sets {@code record}'s fields and state from the current row, decoding each JSON field once; the
   * record's fields change only after the whole row was read.
   */
  private T materializeInto(T record, ResultSet rs) throws SQLException {
    Object[][] decoded = new Object[1][];
    Object[] stored = readFields(rs, decoded);
    binding.load(record, stored, decoded[0]);
    RecordState state = binding.state(record);
    state.stored(this, rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(WRITER_COLUMN), stored);
    int timestamps = FIRST_FIELD_COLUMN + stored.length;  // TIMESTAMP_COLUMNS of them
    state.timestamps(dialect.readTimestamp(rs, timestamps), dialect.readTimestamp(rs, timestamps + 1));
    return record;
  }

  /**
   * The stored-form field values of the current row, whose columns are {@link #selectColumns()}. Where
   * the database does not keep JSON text as written, a JSON field is canonicalised through its own type,
   * and the value decoded on the way is left in {@code decodedOut[0]} (an array by field, else {@code null}).
   */
  private Object[] readFields(ResultSet rs, Object[][] decodedOut) throws SQLException {
    List<FieldSpec> fields = binding.fields();
    Object[] stored = new Object[fields.size()];
    Object[] decoded = null;
    for (int i = 0; i < stored.length; i++) {
      FieldSpec f = fields.get(i);
      Object v = f.type().read(rs, FIRST_FIELD_COLUMN + i);
      if (v == null && f.primitive()) {
        v = f.type().primitiveDefault();
      } else if (v != null && f.type() == ColumnType.ENUM) {
        v = f.enumConstant((String) v);
      } else if (v != null && f.type() == ColumnType.JSON && !dialect.preservesJsonText()) {
        // Through the field's own type, as a save would write it: jsonb prints 1.0E10 as 10000000000,
        // and the record must not look changed, nor hash differently, for that. The value decoded on
        // the way is the field's, so the record does not decode the canonical text again.
        Object value = f.readJson((String) v);
        v = Json.canonical(f.name(), value);
        if (decoded == null) {
          decoded = new Object[stored.length];
        }
        decoded[i] = value;
      }
      stored[i] = v;
    }
    decodedOut[0] = decoded;
    return stored;
  }

  /**
   * Inserts a new record, or writes a changed one on top of the revision it was loaded with. A clean
   * stored record is not written. With a conflict handler configured for this model, a conflict is
   * resolved by it; otherwise it is thrown.
   */
  public T save(T record) {
    ConflictHandler<? super T> handler = conflictHandler();
    if (handler != null) {
      return ConflictResolver.save(this, record, handler, engine.retryPolicy());
    }
    return saveStrict(record, null);
  }

  /** The strict save: a conflict is always thrown. {@code resolvedBy} names a handler for the change event. */
  public T saveStrict(T record, String resolvedBy) {
    return saveStrict(record, resolvedBy, false);
  }

  /**
   * Saves a record that repeats a write which may already have happened: a request sent again after its
   * answer was lost, rebuilt from the same base revision and content. If the revision this save would
   * write is stored (or a child of it is), it returns as if it had written it, without writing again and
   * without a second change event; otherwise it is a strict save.
   */
  public T retrySave(T record) {
    return saveStrict(record, null, true);
  }

  /**
   * {@link #retrySave(ActiveRecord)} of the record's current fields as a write from {@code baseRevision}
   * rather than from the revision the record holds: for a request that names the revision it started from
   * and carries the content it wants, built on whatever is stored now. On a conflict the record keeps the
   * state it had.
   */
  public T retrySave(T record, String baseRevision) {
    io.pocketto.Revision.parse(baseRevision);
    RecordState state = binding.state(record);
    if (!state.persisted() || state.id() == null) {
      throw new IllegalStateException("retrySave(record, baseRevision) needs a stored " + binding.modelName()
          + "; save a new one with save()");
    }
    checkDatabase(state);
    if (baseRevision.equals(state.rev())) {
      return saveStrict(record, null, true);
    }
    RecordState.Memento before = state.capture();
    state.stored(this, state.id(), baseRevision, false, null, null);
    try {
      return saveStrict(record, null, true);
    } catch (RuntimeException e) {
      state.restore(before);
      throw e;
    }
  }

  private T saveStrict(T record, String resolvedBy, boolean retry) {
    RecordState state = binding.state(record);
    checkDatabase(state);
    if (state.deleted()) {
      throw new DocumentNotFoundException(binding.collection(), state.id(), "this " + binding.modelName()
          + " was deleted (its tombstone is revision " + state.rev() + "); call recreate() to store it again");
    }
    Object[] stored = binding.storedValues(record);
    StorableValues.check(binding, stored, dialect);
    if (!state.persisted()) {
      insert(state, stored, resolvedBy, retry);
    } else if (state.fromClient()) {
      refuseTombstoneRevision(state);
      write(state, stored, false, resolvedBy, retry);
    } else if (state.snapshot() == null || !Records.sameValues(stored, state.snapshot())) {
      write(state, stored, false, resolvedBy, retry);
    }
    return record;
  }

  /**
   * A record read from JSON may name a tombstone's revision (the {@code toJson} of a deleted record), and
   * the conditional update alone would then revive the document. The head read cannot race: a revision
   * never changes its deleted flag, so if it is live now, a later delete moves the revision on and the
   * update fails as a conflict.
   */
  private void refuseTombstoneRevision(RecordState state) {
    Head head = head(state.id());
    if (head != null && head.deleted() && head.rev().equals(state.rev())) {
      throw new DocumentNotFoundException(binding.collection(), state.id(), "revision " + state.rev()
          + " is its tombstone; to store it again, find it with query().withDeleted() and call recreate(),"
          + " or save it as a new record");
    }
  }

  /** Stores a deleted record again as a live document, on top of its tombstone. */
  public T recreate(T record) {
    RecordState state = binding.state(record);
    if (!state.deleted()) {
      throw new IllegalStateException(binding.modelName() + " '" + state.id() + "' is not deleted"
          + (state.persisted() ? "; save() stores its changes" : "; it was never saved"));
    }
    checkDatabase(state);
    Object[] stored = binding.storedValues(record);
    StorableValues.check(binding, stored, dialect);
    write(state, stored, false, null, false);
    return record;
  }

  /** Saves with {@code handler} resolving conflicts, whatever handler is configured. */
  public T save(T record, ConflictHandler<? super T> handler) {
    if (handler == null) {
      throw new IllegalArgumentException("conflict handler must not be null; use save() for a strict save");
    }
    return ConflictResolver.save(this, record, handler, engine.retryPolicy());
  }

  /** Saves with the configured handler resolving conflicts. */
  public T saveResolving(T record) {
    ConflictHandler<? super T> handler = conflictHandler();
    if (handler == null) {
      throw new IllegalStateException("no conflict handler is configured for " + binding.modelName()
          + ": name one in @Model(conflictHandler = ...), set one with " + binding.modelName()
          + ".in(db).setConflictHandler(...), or call save(handler)");
    }
    return ConflictResolver.save(this, record, handler, engine.retryPolicy());
  }

  /** The handler used by {@link #save}: set at run time, else the one {@code @Model} names, else none. */
  public ConflictHandler<? super T> conflictHandler() {
    ConflictHandler<? super T> handler = conflictHandler;
    return handler != null ? handler : binding.conflictHandler();
  }

  /** Sets the handler for this model in this database; {@code null} returns to the {@code @Model} default. */
  public void setConflictHandler(ConflictHandler<? super T> handler) {
    this.conflictHandler = handler;
  }

  /** Writes a tombstone on top of the record's revision. A record already deleted is left as it is. */
  public void delete(T record) {
    RecordState state = binding.state(record);
    if (!state.persisted()) {
      throw new IllegalStateException("cannot delete a " + binding.modelName() + " that was never saved");
    }
    checkDatabase(state);
    if (state.deleted()) {
      return;
    }
    Object[] stored = binding.storedValues(record);
    StorableValues.check(binding, stored, dialect);
    write(state, stored, true, null, false);
  }

  /** Replaces the record's fields and revision with the stored ones. */
  public T reload(T record) {
    RecordState state = binding.state(record);
    if (!state.persisted()) {
      throw new IllegalStateException("cannot reload a " + binding.modelName() + " that was never saved");
    }
    checkDatabase(state);
    String id = state.id();
    engine.withConnection("reloading", binding.collection(), id, c -> {
      try (StatementCache.Use use = engine.prepare(c, selectAnyById)) {
        PreparedStatement ps = use.statement();
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new DocumentNotFoundException(binding.collection(), id, "it is not stored");
          }
          if (rs.getBoolean(3)) {
            throw new DocumentNotFoundException(binding.collection(), id, "it was deleted at revision " + rs.getString(2));
          }
          // Straight into the record: a fresh record copied over would decode every JSON field twice.
          materializeInto(record, rs);
        }
      }
      return null;
    });
    return record;
  }

  private void checkDatabase(RecordState state) {
    if (state.database() != null && state.database() != engine.database()) {
      throw new IllegalStateException(binding.modelName() + " '" + state.id() + "' belongs to "
          + state.database() + ", not to " + engine.database());
    }
  }

  private void insert(RecordState state, Object[] stored, String resolvedBy, boolean retry) {
    String id = state.id() != null ? state.id() : Ids.uuidV7();
    Write w = new Write(id, null, RevisionHasher.next(null, false, binding.canonicalBody(stored)), false, engine.writer(),
        null, stored, resolvedBy, newAttempt());
    conditionalWrite(state, w, "inserting", retry, (c, position) -> {
      try (StatementCache.Use use = engine.prepare(c, insert)) {
        PreparedStatement ps = use.statement();
        ps.setString(1, id);
        ps.setString(2, w.rev());
        ps.setBoolean(3, false);
        ps.setString(4, w.writer());
        int next = bindFields(ps, 5, stored);
        ps.setLong(next, w.attempt());
        bindPosition(ps, next + 1, position);
        return ps.executeUpdate() == 1;
      } catch (SQLException e) {
        if (dialect.isUniqueViolation(e)) {
          return false;
        }
        throw e;
      }
    }, now -> createOverTombstone(state, w, now));
  }

  /**
   * The id a create meant to take is another document's: a tombstone may be written over, as in CouchDB,
   * and the record then takes the revision written on it; a live document may not.
   */
  private void createOverTombstone(RecordState state, Write w, Stored now) {
    if (now == null || !now.deleted()) {
      engine.metrics().conflict(binding.collection());
      throw new ConflictException(binding.collection(), w.id(), null, now == null ? null : now.rev(), Set.of(),
          now == null ? null : now.writer());
    }
    RecordState onTombstone = new RecordState();
    onTombstone.stored(this, w.id(), now.rev(), true, now.writer(), null);
    write(onTombstone, w.stored(), false, w.resolvedBy(), false);
    engine.beforeStateChange(state);
    state.stored(this, w.id(), onTombstone.rev(), false, onTombstone.writer(), w.stored());
  }

  /** The conditional write. On success the state moves to the new revision; on failure it is untouched. */
  private void write(RecordState state, Object[] stored, boolean deleted, String resolvedBy, boolean retry) {
    String expected = state.rev();
    // The statement matches revision `expected` only, so the row's writer was that revision's: the one the
    // record loaded with.
    Write w = new Write(state.id(), expected, RevisionHasher.next(expected, deleted, binding.canonicalBody(stored)), deleted,
        engine.writer(), state.writer(), stored, resolvedBy, newAttempt());
    conditionalWrite(state, w, "updating", retry, (c, position) -> {
      try (StatementCache.Use use = engine.prepare(c, update)) {
        PreparedStatement ps = use.statement();
        ps.setString(1, w.rev());
        ps.setBoolean(2, deleted);
        ps.setString(3, w.writer());
        int next = bindFields(ps, 4, stored);
        ps.setLong(next, w.attempt());
        next = bindPosition(ps, next + 1, position);
        ps.setString(next, w.id());
        ps.setString(next + 1, expected);
        ps.setString(next + 2, w.writer());
        return ps.executeUpdate() == 1;
      }
    }, now -> {
      RuntimeException refused = refusal(w.id(), expected, w.writer(), now);
      if (refused instanceof ConflictException) {
        engine.metrics().conflict(binding.collection());
      }
      throw refused;
    });
  }

  /**
   * One conditional write of a document: revision {@code rev} on top of {@code expected} ({@code null} for
   * a create), by {@code writer} after {@code previousWriter}, of the fields in stored form, made by attempt
   * {@code attempt}; {@code resolvedBy} names the conflict handler whose resolution it stores, if any.
   */
  private record Write(String id, String expected, String rev, boolean deleted, String writer, String previousWriter,
      Object[] stored, String resolvedBy, long attempt) {}

  /**
   * Runs a write's statement ({@link #execute}) and settles the record. If the statement wrote, the record
   * takes the new revision and the write's change event goes out. If not, the row is read, after the
   * statement decided and only to describe its decision: this write's own earlier attempt, whose answer was
   * lost, counts as written; any other row, or none ({@code null}), goes to {@code refused}, which throws or
   * stores the record another way.
   */
  private void conditionalWrite(RecordState state, Write w, String action, boolean retry, WriteStatement statement,
      Consumer<Stored> refused) {
    ChangeFeed.Pending pending = engine.beginWrite(binding.collection(), w.id(), w.rev());
    if (execute(state, pending, action, w.id(), w.rev(), w.attempt(), statement)) {
      engine.bundleWrote(this, state, w.id(), w.rev(), w.attempt());
      adopt(state, w);
      engine.written(pending, changeEvent(w));
      return;
    }
    engine.failed(pending);
    Stored now = stored(w.id());
    if (now != null && isOwnWrite(state, now, w.rev(), retry)) {
      alreadyWritten(state, w);
      return;
    }
    refused.accept(now);
  }

  /** The record takes the revision {@code w} stored. */
  private void adopt(RecordState state, Write w) {
    engine.beforeStateChange(state);
    state.stored(this, w.id(), w.rev(), w.deleted(), w.writer(), w.stored());
    state.unconfirmed(null, 0);
  }

  private ChangeEvent changeEvent(Write w) {
    return new ChangeEvent(binding.collection(), w.id(), w.rev(), w.expected(), w.deleted(), w.resolvedBy() != null,
        w.resolvedBy(), w.writer(), w.previousWriter());
  }

  /**
   * Why a revision- and lock-checked write of {@code writer} on top of revision {@code expected} wrote
   * nothing. The statement decided; this reads the row afterwards only to describe its decision: gone
   * (404), moved on to another revision (409, naming the winning writer), or locked by another writer
   * (423). A stale write is a 409 even if the document is also locked, as every stale write is.
   * {@code now} is the row as read after the write, once it was known not to be this write's own.
   */
  private RuntimeException refusal(String id, String expected, String writer, Stored now) {
    if (now == null) {
      return new DocumentNotFoundException(binding.collection(), id, "it was never stored or has been purged");
    }
    if (!now.rev().equals(expected)) {
      return new ConflictException(binding.collection(), id, expected, now.rev(), now.deleted(), now.writer());
    }
    return lockedAgainst(id, now.lock(), writer);
  }

  /** The refusal of {@code writer} by the lock {@code head} shows, or by one that ended since it refused. */
  private LockedException lockedAgainst(String id, LockState lock, String writer) {
    boolean heldByOther = lock.live() && !writer.equals(lock.holder());
    return new LockedException(binding.collection(), id, heldByOther ? lock.holder() : null,
        heldByOther ? lock.expires() : null, writer);
  }

  /** The lock on a document: who holds it, and when its lease ends by the database's clock. */
  public record LockRow(String holder, Instant expires) {}

  /**
   * Gives {@code writer} the document's lock for {@code lease} from now, by the database's clock, in one
   * conditional statement: it succeeds only while no other writer holds a live lease, so of writers
   * racing for it exactly one wins. The holder taking it again renews it. Changes no revision, no field,
   * and no place in the changes feed.
   *
   * @throws LockedException if another writer holds the lock
   * @throws DocumentNotFoundException if the document is not stored or is deleted
   */
  public LockRow lock(String id, String writer, Duration lease) {
    Ids.requireValid(id);
    if (lease == null || lease.compareTo(Duration.ofMillis(1)) < 0 || lease.compareTo(MAX_LEASE) > 0) {
      throw new IllegalArgumentException("a lock's lease must be from 1 ms to " + MAX_LEASE.toDays() + " days, was " + lease);
    }
    Optional<LockRow> taken = engine.withConnection("locking", binding.collection(), id, c -> {
      try (StatementCache.Use use = engine.prepare(c, takeLock)) {
        PreparedStatement ps = use.statement();
        ps.setString(1, writer);
        ps.setLong(2, lease.toMillis());
        ps.setString(3, id);
        ps.setString(4, writer);
        if (ps.executeUpdate() != 1) {
          return null;
        }
      }
      // Read back for its expiry only; no one but the holder can change a live lock.
      return readLock(c, id);
    });
    if (taken == null) {
      // Described once the connection is back: a racer holding one must not wait for a second.
      throw lockRefusal(id, writer);
    }
    return taken.orElseThrow(() -> new IllegalStateException(
        "the lock on " + binding.collection() + "/" + id + " lapsed as soon as it was taken; use a longer lease"));
  }

  /**
   * Releases {@code writer}'s lock on the document; a lock that lapsed, or none, is left as it is.
   *
   * @throws LockedException if another writer holds the lock
   * @throws DocumentNotFoundException if the document is not stored
   */
  public void unlock(String id, String writer) {
    Ids.requireValid(id);
    boolean released = engine.withConnection("unlocking", binding.collection(), id, c -> {
      try (StatementCache.Use use = engine.prepare(c, releaseLock)) {
        PreparedStatement ps = use.statement();
        ps.setString(1, id);
        ps.setString(2, writer);
        return ps.executeUpdate() == 1;
      }
    });
    if (!released) {
      throw lockRefusal(id, writer);
    }
  }

  /** The live lock on the document, by the database's clock, if anyone holds one. */
  public Optional<LockRow> lockOf(String id) {
    Ids.requireValid(id);
    return engine.withConnection("reading the lock of", binding.collection(), id, c -> readLock(c, id));
  }

  private Optional<LockRow> readLock(Connection c, String id) throws SQLException {
    return rowById(c, selectLock, id, rs -> new LockRow(rs.getString(1), instant(rs, 2)));
  }

  /** Why a lock or release of {@code writer} changed no row; read after the statement decided. */
  private RuntimeException lockRefusal(String id, String writer) {
    Head head = head(id);
    if (head == null) {
      return new DocumentNotFoundException(binding.collection(), id, "it was never stored or has been purged");
    }
    if (head.deleted() && !(head.lock().live() && !writer.equals(head.lock().holder()))) {
      return new DocumentNotFoundException(binding.collection(), id, "it was deleted at revision " + head.rev());
    }
    return lockedAgainst(id, head.lock(), writer);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }


  /** What {@link #writeRevision} did. */
  public enum RevisionWrite {
    /** The row now holds the given revision, written by this call. */
    WRITTEN,
    /** The row already held the given revision: a repeated write, nothing was written. */
    ALREADY_STORED,
    /** The stored revision was not the expected one (or a row existed for a create); nothing was written. */
    CONFLICT,
    /** The stored revision was the expected one, but another writer holds a live lock; nothing was written. */
    LOCKED;

    /** Whether the row holds the given revision now. */
    public boolean stored() {
      return this == WRITTEN || this == ALREADY_STORED;
    }
  }

  /**
   * Stores a revision made elsewhere, for replication: the row becomes {@code revision} with these
   * stored-form values, on condition that it holds {@code expectedRevision} now (for {@code null}, that
   * there is no row). It is the same single conditional statement as a save, but the revision is given,
   * not computed, so that both ends of a replication hold the same one. A conflict is answered, not
   * thrown, so that a caller inside a bundle can go on; {@link #currentRevision} then says what is stored.
   * A document another writer holds locked refuses it as it refuses a save, answered as {@code LOCKED}.
   * The row's writer is the calling thread's writer ({@link Database#writer()}, or an open
   * {@link io.pocketto.WriterScope}'s: the sync server opens one for the authenticated principal); its
   * change event's previous writer is unknown ({@code null}).
   */
  public RevisionWrite writeRevision(String id, String expectedRevision, String revision, boolean deleted, Object[] stored) {
    if (id == null || revision == null) {
      throw new IllegalArgumentException("id and revision must not be null");
    }
    StorableValues.check(binding, stored, dialect);
    ChangeFeed.Pending pending = engine.beginWrite(binding.collection(), id, revision);
    long position = drawPosition();
    String what = (expectedRevision == null ? "inserting " : "updating ") + binding.collection() + "/" + id;
    long attempt = newAttempt();
    // The row names the calling thread's writer (the sync server's authenticated principal), never one a
    // pushed document claims; it is checked against the lock like any write's.
    String writer = engine.writer();
    RevisionRow row = new RevisionRow(id, expectedRevision, revision, deleted, stored);
    boolean written = tracked(pending, position, what, id, c -> {
      if (expectedRevision == null) {
        try (StatementCache.Use use = engine.prepare(c, insert)) {
          bindRevisionInsert(use.statement(), row, writer, attempt, position);
          return use.statement().executeUpdate() == 1;
        } catch (SQLException e) {
          if (dialect.isUniqueViolation(e)) {
            return false;
          }
          throw e;
        }
      }
      try (StatementCache.Use use = engine.prepare(c, update)) {
        bindRevisionUpdate(use.statement(), row, writer, attempt, position);
        return use.statement().executeUpdate() == 1;
      }
    });
    if (written) {
      engine.written(pending, new ChangeEvent(binding.collection(), id, revision, expectedRevision, deleted, false, null,
          writer, null));
      return RevisionWrite.WRITTEN;
    }
    engine.failed(pending);
    return unwritten(id, expectedRevision, revision, writer);
  }

  /**
   * Why a revision's conditional statement wrote nothing, read from the row as it is now: it was stored
   * already, another writer's live lock refused it, or the stored revision was not the expected one.
   */
  private RevisionWrite unwritten(String id, String expectedRevision, String revision, String writer) {
    Head head = head(id);
    if (head != null && head.rev().equals(revision)) {
      return RevisionWrite.ALREADY_STORED;
    }
    boolean lockedByOther = head != null && head.rev().equals(expectedRevision) && head.lock().live()
        && !writer.equals(head.lock().holder());
    return lockedByOther ? RevisionWrite.LOCKED : RevisionWrite.CONFLICT;
  }

  /** One revision made elsewhere to store, as {@link #writeRevision} takes it. */
  public record RevisionRow(String id, String expectedRevision, String revision, boolean deleted, Object[] stored) {}

  /**
   * {@link #writeRevision} for many documents, inside the caller's bundle: each row is the same conditional
   * statement ({@code UPDATE ... WHERE _id = ? AND _rev = ?} and the lock clause, or the guarded
   * {@code INSERT}), but they go to the database as one JDBC batch of inserts and one of updates instead of
   * a round trip each. Every row is checked ({@link StorableValues}) before any is sent, so a value the
   * database cannot hold writes nothing. Rows go in the order of their ids, so that two bundles writing
   * overlapping documents take their row locks in the same order. The answer is each row's outcome, in
   * the rows' order; a row that wrote nothing is told apart (already stored, locked by another writer, or a
   * conflict) by reading its row in the same transaction. Rows naming one id twice depend on each other's outcome, so they are
   * written one after the other with {@link #writeRevision}.
   *
   * @throws IllegalStateException outside a bundle: the batch's rows commit together or not at all
   * @throws IllegalArgumentException naming the field, for a value this database cannot hold
   */
  public List<RevisionWrite> writeRevisions(List<RevisionRow> rows) {
    if (!engine.inBundle()) {
      throw new IllegalStateException("writeRevisions runs inside a bundle, whose transaction its rows share");
    }
    if (rows.isEmpty()) {
      return List.of();
    }
    Set<String> ids = new HashSet<>();
    for (RevisionRow row : rows) {
      if (row.id() == null || row.revision() == null) {
        throw new IllegalArgumentException("id and revision must not be null");
      }
      try {
        StorableValues.check(binding, row.stored(), dialect);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(binding.collection() + "/" + row.id() + ": " + e.getMessage(), e);
      }
      ids.add(row.id());
    }
    if (ids.size() < rows.size()) {
      List<RevisionWrite> out = new ArrayList<>(rows.size());
      for (RevisionRow row : rows) {
        out.add(writeRevision(row.id(), row.expectedRevision(), row.revision(), row.deleted(), row.stored()));
      }
      return out;
    }
    List<Integer> inserts = new ArrayList<>();
    List<Integer> updates = new ArrayList<>();
    List<Integer> byId = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      byId.add(i);
    }
    byId.sort((a, b) -> rows.get(a).id().compareTo(rows.get(b).id()));
    for (int i : byId) {
      (rows.get(i).expectedRevision() == null ? inserts : updates).add(i);
    }
    String writer = engine.writer();
    int n = rows.size();
    ChangeFeed.Pending[] pending = new ChangeFeed.Pending[n];
    long[] positions = new long[n];
    long[] attempts = new long[n];
    int[] counts = new int[n];
    for (int i = 0; i < n; i++) {
      RevisionRow row = rows.get(i);
      pending[i] = engine.beginWrite(binding.collection(), row.id(), row.revision());
      positions[i] = drawPosition();
      attempts[i] = newAttempt();
    }
    try {
      // In the order of their ids, as the statements run, so that two such bundles take their documents alike.
      List<String> inOrder = new ArrayList<>(n);
      for (int i : byId) {
        inOrder.add(rows.get(i).id());
      }
      engine.writeDocuments("writing " + n + " revisions of " + binding.collection(), this, inOrder, positions, c -> {
        runBatch(c, insert, true, inserts, rows, writer, attempts, positions, counts);
        runBatch(c, update, false, updates, rows, writer, attempts, positions, counts);
        return null;
      });
    } catch (RuntimeException e) {
      for (ChangeFeed.Pending p : pending) {
        engine.failed(p);
      }
      throw e;
    }
    List<RevisionWrite> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      RevisionRow row = rows.get(i);
      if (counts[i] == 1) {
        engine.written(pending[i], new ChangeEvent(binding.collection(), row.id(), row.revision(), row.expectedRevision(),
            row.deleted(), false, null, writer, null));
        out.add(RevisionWrite.WRITTEN);
      } else {
        engine.failed(pending[i]);
        out.add(unwritten(row.id(), row.expectedRevision(), row.revision(), writer));
      }
    }
    return out;
  }

  /**
   * Runs the rows {@code which} of {@code rows} through {@code sql} as JDBC batches, setting each one's
   * count of rows written in {@code counts}. An insert whose id is taken writes nothing (a unique
   * violation, where the dialect's insert lets one happen); a driver that stops a batch at such a row
   * gets the rest again in a new batch.
   */
  private void runBatch(Connection c, String sql, boolean inserting, List<Integer> which, List<RevisionRow> rows,
      String writer, long[] attempts, long[] positions, int[] counts) throws SQLException {
    if (which.isEmpty()) {
      return;
    }
    try (StatementCache.Use use = engine.prepare(c, sql)) {
      PreparedStatement ps = use.statement();
      int done = 0;
      while (done < which.size()) {
        for (int k = done; k < which.size(); k++) {
          int i = which.get(k);
          if (inserting) {
            bindRevisionInsert(ps, rows.get(i), writer, attempts[i], positions[i]);
          } else {
            bindRevisionUpdate(ps, rows.get(i), writer, attempts[i], positions[i]);
          }
          ps.addBatch();
        }
        int[] got;
        try {
          got = ps.executeBatch();
        } catch (BatchUpdateException e) {
          ps.clearBatch();
          if (!inserting || !onlyUniqueViolations(e)) {
            throw e;
          }
          got = e.getUpdateCounts();
        }
        for (int k = 0; k < got.length && done + k < which.size(); k++) {
          counts[which.get(done + k)] = got[k] == Statement.EXECUTE_FAILED ? 0 : got[k];
        }
        // A driver that stopped at the failed row answered for the rows before it only: that row wrote
        // nothing, and the ones after it go again.
        done = got.length >= which.size() - done ? which.size() : done + got.length + 1;
      }
    }
  }

  /** Whether every failure a batch reports is a unique violation: an insert that found its id taken. */
  private boolean onlyUniqueViolations(BatchUpdateException e) {
    boolean any = false;
    for (SQLException x = e.getNextException(); x != null; x = x.getNextException()) {
      if (!dialect.isUniqueViolation(x)) {
        return false;
      }
      any = true;
    }
    return any || dialect.isUniqueViolation(e);
  }

  /** Binds {@link #insert} for a revision made elsewhere. */
  private void bindRevisionInsert(PreparedStatement ps, RevisionRow row, String writer, long attempt, long position)
      throws SQLException {
    ps.setString(1, row.id());
    ps.setString(2, row.revision());
    ps.setBoolean(3, row.deleted());
    ps.setString(4, writer);
    int next = bindFields(ps, 5, row.stored());
    ps.setLong(next, attempt);
    bindPosition(ps, next + 1, position);
  }

  /** Binds {@link #update} for a revision made elsewhere, on top of the row's expected revision. */
  private void bindRevisionUpdate(PreparedStatement ps, RevisionRow row, String writer, long attempt, long position)
      throws SQLException {
    ps.setString(1, row.revision());
    ps.setBoolean(2, row.deleted());
    ps.setString(3, writer);
    int next = bindFields(ps, 4, row.stored());
    ps.setLong(next, attempt);
    next = bindPosition(ps, next + 1, position);
    ps.setString(next, row.id());
    ps.setString(next + 1, row.expectedRevision());
    ps.setString(next + 2, writer);
  }

  /** The document with this id as stored, tombstones included (with their deleted flag), if there is a row. */
  public Optional<T> findIncludingDeleted(String id) {
    if (id == null) {
      throw new IllegalArgumentException("id must not be null");
    }
    return rowById("finding", selectAnyById, id, this::materialize);
  }

  /** Runs a write's statement; if it throws, the write's change event is dropped. */
  private boolean tracked(ChangeFeed.Pending pending, long position, String what, String id, SqlWork<Boolean> work) {
    try {
      return engine.writeDocument(what, this, id, position, work);
    } catch (RuntimeException e) {
      engine.failed(pending);
      throw e;
    }
  }

  /** A write's one statement, given the change number drawn for this attempt; answers whether it wrote. */
  @FunctionalInterface
  private interface WriteStatement {
    boolean run(Connection c, long position) throws SQLException;
  }

  /**
   * Runs a write's statement. If its answer is lost (the connection dropped after the statement was sent,
   * a failover), it finds out, by the revision stored, whether the write happened, and runs it again if
   * it did not, under the database's {@link io.pocketto.RetryPolicy}. So a write that committed is reported
   * once, as if it had been answered, and never as a conflict with itself. If the database stays
   * unreachable, {@link OutcomeUnknownException}; the record remembers the attempt, so that saving it
   * again reports the write once more if it turns out to have happened. If the statement throws, the
   * write's change event is dropped. Inside a bundle a lost answer fails the bundle, which settles it.
   */
  private boolean execute(RecordState state, ChangeFeed.Pending pending, String action, String id, String rev,
      long attempt, WriteStatement statement) {
    io.pocketto.RetryPolicy policy = engine.retryPolicy();
    String what = action + " " + binding.collection() + "/" + id;
    StorageException lost = null;
    for (int tries = 1; tries <= policy.maxAttempts(); tries++) {
      long position = drawPosition();
      try {
        long start = System.nanoTime();
        boolean written = engine.writeDocument(what, this, id, position, c -> statement.run(c, position));
        if (written) {
          engine.metrics().write(binding.collection(), System.nanoTime() - start);
        }
        return written;
      } catch (StorageException e) {
        if (engine.inBundle() || !engine.isAnswerLost(e)) {
          engine.failed(pending);
          throw e;
        }
        lost = e;
        LOG.warn("{} got no answer ({}); finding out whether it happened", what, e.getMessage());
      } catch (RuntimeException | Error e) {
        engine.failed(pending);
        throw e;
      }
      Boolean written = outcome(id, rev, attempt, policy);
      if (written == null) {
        break;
      }
      if (written) {
        return true;
      }
    }
    engine.failed(pending);
    state.unconfirmed(rev, attempt);
    throw new OutcomeUnknownException(binding.collection(), id, rev, lost);
  }

  /**
   * Whether the write of {@code rev} to {@code id} happened, asked once the database answers again;
   * {@code null} if it does not answer within {@code policy}.
   */
  private Boolean outcome(String id, String rev, long attempt, io.pocketto.RetryPolicy policy) {
    for (int retry = 2; retry <= policy.maxAttempts() + 1; retry++) {
      policy.pauseBeforeRetry(retry);
      try {
        Stored now = stored(id);
        return now != null && isOurs(now, rev, attempt);
      } catch (StorageException e) {
        // Whatever keeps the database from answering now (no primary during a failover, a pool timeout),
        // the write's outcome is still unknown: never report it as an ordinary failure, whose retry would
        // then meet this write as someone else's.
        LOG.debug("asking whether {}/{} was written failed: {}", binding.collection(), id, e.getMessage());
      }
    }
    return null;
  }

  /**
   * Whether a write that found its revision taken meets its own earlier attempt: the stored state is the
   * write of {@code rev}, and this record's last attempt at it was left unknown, or the caller says the
   * save repeats one ({@link #retrySave}). Never merely because another record wrote the same content from
   * the same revision: two increments from one revision write the same revision, and the second must get
   * its 409 to add its own one.
   */
  private boolean isOwnWrite(RecordState state, Stored now, String rev, boolean retry) {
    if (retry) {
      return isOurs(now, rev, 0);
    }
    return rev.equals(state.unconfirmed()) && isOurs(now, rev, state.unconfirmedAttempt());
  }

  /**
   * Whether the stored state is the write of {@code rev} made by attempt {@code attempt}: that revision,
   * stored by that attempt (any attempt, for 0), or a child of it (someone wrote on top since), which the
   * deterministic revision hash can tell. The attempt id tells this write from another one that wrote the
   * same content from the same revision: two increments from one revision, say, of which the second must
   * still be told it conflicts.
   */
  private boolean isOurs(Stored now, String rev, long attempt) {
    if (now.rev().equals(rev)) {
      return attempt == 0 || now.attempt() == attempt;
    }
    return RevisionHasher.next(rev, now.deleted(), binding.canonicalBody(now.snapshot())).equals(now.rev());
  }

  /**
   * A save found its own write already stored: the record takes the revision it would have written, as
   * after an answered save. Its change event is delivered only if this record's earlier attempt was left
   * unknown (that attempt delivered none); a copy's save adds no second event for one write.
   */
  private void alreadyWritten(RecordState state, Write w) {
    boolean unreported = w.rev().equals(state.unconfirmed());
    adopt(state, w);
    if (unreported) {
      engine.written(engine.beginWrite(binding.collection(), w.id(), w.rev()), changeEvent(w));
    }
  }

  /**
   * The revision of the tombstone stored for {@code id}, if it is the delete of {@code baseRevision}
   * itself (the deterministic hash of the tombstone's body with that parent says so); otherwise empty.
   * For a delete repeated after its answer was lost.
   */
  public Optional<String> tombstoneFrom(String id, String baseRevision) {
    io.pocketto.Revision.parse(baseRevision);
    Stored now = stored(id);
    if (now == null || !now.deleted()) {
      return Optional.empty();
    }
    String delete = RevisionHasher.next(baseRevision, true, binding.canonicalBody(now.snapshot()));
    return delete.equals(now.rev()) ? Optional.of(now.rev()) : Optional.empty();
  }

  /**
   * A document's stored revision, deleted flag, fields in stored form, the attempt that wrote it, its
   * writer and its lock.
   */
  private record Stored(String rev, boolean deleted, Object[] snapshot, long attempt, String writer, LockState lock) {}

  /** A row's lock; {@code live} says whether the lease had not ended by the database's clock when read. */
  private record LockState(String holder, Instant expires, boolean live) {}

  /** A random id for one write, never 0 (which stands for "any attempt"). */
  private static long newAttempt() {
    long id = java.util.concurrent.ThreadLocalRandom.current().nextLong();
    return id == 0 ? 1 : id;
  }

  /** The stored state of a document, tombstones included, or {@code null} if there is no row. */
  private Stored stored(String id) {
    return rowById("reading", selectStoredById, id, this::readStored).orElse(null);
  }

  /**
   * Whether {@code id} is stored at revision {@code rev} by attempt {@code attempt}, or at a child of it;
   * read on a connection of its own, for a bundle whose commit got no answer.
   */
  boolean isStoredAt(String id, String rev, long attempt) {
    return engine.withOwnConnection("reading " + binding.collection() + "/" + id, c -> {
      try (PreparedStatement ps = c.prepareStatement(selectStoredById)) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && isOurs(readStored(rs), rev, attempt);
        }
      }
    });
  }

  /** The current row of {@link #selectStoredById} as a {@link Stored}. */
  private Stored readStored(ResultSet rs) throws SQLException {
    RecordState read = binding.state(materialize(rs));
    int attempt = FIRST_FIELD_COLUMN + binding.fields().size() + TIMESTAMP_COLUMNS;
    return new Stored(read.rev(), read.deleted(), read.snapshot(), rs.getLong(attempt), read.writer(),
        new LockState(rs.getString(attempt + 1), instant(rs, attempt + 2), rs.getBoolean(attempt + 3)));
  }

  /**
   * Draws the change number of a write about to run, where this process numbers the collection's
   * writes; 0 where the write statement places its row itself. {@link #releasePosition} follows.
   */
  private long drawPosition() {
    return positions == null ? 0 : positions.draw();
  }

  /** Ends the write that drew {@code position} (committed, failed or rolled back). */
  void releasePosition(long position) {
    positions.release(position);
  }

  /** Binds a drawn change number at {@code index}, if the statement takes one; returns the next index. */
  private static int bindPosition(PreparedStatement ps, int index, long position) throws SQLException {
    if (position == 0) {
      return index;
    }
    ps.setLong(index, position);
    return index + 1;
  }

  private int bindFields(PreparedStatement ps, int first, Object[] stored) throws SQLException {
    List<FieldSpec> fields = binding.fields();
    for (int i = 0; i < stored.length; i++) {
      FieldSpec f = fields.get(i);
      Object value = stored[i];
      if (f.primitive() && f.type() == ColumnType.CHAR && (Character) value == '\0') {
        // An unset char is stored as NULL, which reads back as '\0': PostgreSQL text cannot hold NUL.
        value = null;
      }
      f.type().bind(ps, first + i, value);
    }
    return first + stored.length;
  }

  /** The stored revision of a document, tombstones included, or {@code null} if there is no row. */
  public String currentRevision(String id) {
    Head head = head(id);
    return head == null ? null : head.rev();
  }

  /**
   * The revision, deleted flag, writer and lock stored now; read only to describe a failed write, never
   * to decide one.
   */
  private Head head(String id) {
    return rowById("reading the revision of", selectHead, id,
        rs -> new Head(rs.getString(1), rs.getBoolean(2), rs.getString(3), new LockState(rs.getString(4), instant(rs, 5), rs.getBoolean(6))))
        .orElse(null);
  }

  /** A row's head: its revision, deleted flag, writer and lock. */
  private record Head(String rev, boolean deleted, String writer, LockState lock) {}
}
