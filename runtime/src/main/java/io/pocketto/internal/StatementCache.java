package io.pocketto.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepared statements kept open on each physical connection of a pool, so that a statement the runtime
 * runs again and again is prepared once per connection instead of once per call.
 *
 * <p>The statements are prepared on the driver's connection, below the pool's proxy: a pool closes the
 * statements prepared through its proxy when the connection goes back, which would defeat the cache.
 * They live as long as that connection, which closes them when the pool retires it. A connection is
 * used by one thread at a time (the one that borrowed it, or the bundle's), and the pool's hand-over
 * orders one borrower's work before the next one's, so a connection's statements need no lock.
 *
 * <p>A statement is taken for one use and given back by closing its {@link Use}. If the statement for
 * that SQL is still in use on the connection (a stream still reading, or a nested call), the caller
 * gets a statement of its own, closed when it is given back. Each connection keeps at most {@link
 * #PER_CONNECTION} statements, dropping the least recently used.
 */
final class StatementCache {
  private static final Logger LOG = LoggerFactory.getLogger(StatementCache.class);
  /** Statements kept per connection: a model's own statements and its most used query shapes. */
  static final int PER_CONNECTION = 64;
  /** SQLSTATE 08003, "connection does not exist". */
  private static final String CONNECTION_DOES_NOT_EXIST = "08003";

  /** The connections seen so far; copied on change, which happens only when the pool opens one. */
  private volatile Statements[] connections = new Statements[0];

  /**
   * Takes the statement for {@code sql} on {@code connection}, a pooled or a driver's connection; the
   * caller binds every parameter, runs it and closes the returned use (try-with-resources).
   */
  Use take(Connection connection, String sql) throws SQLException {
    return statementsOf(connection.unwrap(Connection.class)).take(sql);
  }

  /**
   * A statement of its own for one use on {@code connection}, closed when the use is; for connections
   * whose statements are not kept (see {@link ConnectionSource#cachesStatements()}).
   */
  static Use oneOff(Connection connection, String sql) throws SQLException {
    return new Use(connection.prepareStatement(sql), null, sql);
  }

  /**
   * Forgets the statements of a connection that is being discarded (they close with it), and those of
   * every connection that is closed by now. The pool may already have replaced a failed connection's
   * driver connection with a closed stand-in, so {@code connection} alone might not find its entry.
   */
  void forget(Connection connection) {
    Connection driverConnection;
    try {
      driverConnection = connection.unwrap(Connection.class);
    } catch (SQLException e) {
      LOG.debug("cannot reach the driver's connection to forget its statements: {}", e.getMessage());
      driverConnection = null;
    }
    synchronized (this) {
      connections = liveExcept(driverConnection).toArray(new Statements[0]);
    }
  }

  /** The entries of connections that are still open, but for {@code dropped}'s (null drops none). */
  private List<Statements> liveExcept(Connection dropped) {
    List<Statements> kept = new ArrayList<>(connections.length + 1);
    for (Statements s : connections) {
      if (s.connection != dropped && !isClosed(s.connection)) {
        kept.add(s);
      }
    }
    return kept;
  }

  /** Whether a driver connection is closed; one that cannot even say so counts as closed. */
  private static boolean isClosed(Connection driverConnection) {
    try {
      return driverConnection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /** The number of connections that have statements here, for tests. */
  int connectionCount() {
    return connections.length;
  }

  private Statements statementsOf(Connection driverConnection) throws SQLException {
    for (Statements s : connections) {
      if (s.connection == driverConnection) {
        return s;
      }
    }
    return add(driverConnection);
  }

  /**
   * Registers a connection the pool has just opened, and drops the ones it has closed since: a pool
   * replaces a connection by closing it and opening another, so the list stays as long as the pool. A
   * connection that is already closed is not registered: the caller gets the error a lost connection
   * gives, so that it is evicted.
   */
  private synchronized Statements add(Connection driverConnection) throws SQLException {
    for (Statements s : connections) {
      if (s.connection == driverConnection) {
        return s;
      }
    }
    List<Statements> kept = liveExcept(null);
    if (isClosed(driverConnection)) {
      throw new SQLException("the connection is closed", CONNECTION_DOES_NOT_EXIST);
    }
    Statements added = new Statements(driverConnection);
    kept.add(added);
    connections = kept.toArray(new Statements[0]);
    return added;
  }

  /**
   * One statement taken for one use; closing it gives it back (or closes it, if it is not kept). A kept
   * statement is given back with its parameters cleared and its fetch size reset, so that no use sees
   * the values or settings of the one before, and no cached statement holds on to a document's values.
   */
  static final class Use implements AutoCloseable {
    private final PreparedStatement statement;
    private final Statements owner;
    private final String sql;
    /** The statement seen through the SQL log's proxy, made when the log is first on for it. */
    private PreparedStatement logged;
    private boolean inUse;
    private boolean fetchSizeChanged;
    private int defaultFetchSize;

    private Use(PreparedStatement statement, Statements owner, String sql) {
      this.statement = statement;
      this.owner = owner;
      this.sql = sql;
    }

    /**
     * The prepared statement; the caller binds all its parameters before running it. While the SQL log
     * ({@link SqlLog}) is on, runs of it are logged.
     */
    PreparedStatement statement() {
      if (!SqlLog.enabled()) {
        return statement;
      }
      if (logged == null) {
        logged = SqlLog.prepared(statement, sql);
      }
      return logged;
    }

    /** Sets the statement's fetch size for this use only. */
    void fetchSize(int rows) throws SQLException {
      if (!fetchSizeChanged) {
        defaultFetchSize = statement.getFetchSize();
        fetchSizeChanged = true;
      }
      statement.setFetchSize(rows);
    }

    @Override
    public void close() throws SQLException {
      if (owner == null) {
        statement.close();
        return;
      }
      try {
        statement.clearParameters();
        if (fetchSizeChanged) {
          statement.setFetchSize(defaultFetchSize);
          fetchSizeChanged = false;
        }
      } catch (SQLException e) {
        // A statement that cannot be reset is not given to anyone again.
        owner.drop(sql, this);
        throw e;
      } finally {
        inUse = false;
      }
    }
  }

  /** The statements of one driver connection, most recently used last. */
  private static final class Statements {
    final Connection connection;
    private final Map<String, Use> bySql = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Use> eldest) {
        if (size() <= PER_CONNECTION || eldest.getValue().inUse) {
          return false;
        }
        closeQuietly(eldest.getValue().statement);
        return true;
      }
    };

    Statements(Connection connection) {
      this.connection = connection;
    }

    Use take(String sql) throws SQLException {
      Use use = bySql.get(sql);
      if (use == null) {
        use = new Use(connection.prepareStatement(sql), this, sql);
        bySql.put(sql, use);
      } else if (use.inUse) {
        return new Use(connection.prepareStatement(sql), null, sql);
      }
      use.inUse = true;
      return use;
    }

    /** Drops and closes {@code use}'s statement, if it is still the one kept for its SQL. */
    void drop(String sql, Use use) {
      if (bySql.get(sql) == use) {
        bySql.remove(sql);
        closeQuietly(use.statement);
      }
    }

    private static void closeQuietly(PreparedStatement statement) {
      try {
        statement.close();
      } catch (SQLException e) {
        // Only an unused statement is dropped; its connection reclaims it when it closes anyway.
        LOG.warn("closing a dropped statement failed: {}", e.getMessage());
      }
    }
  }
}
