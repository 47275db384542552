package io.pocketto.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pocketto.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the engine's connections come from, and how the engine's own transactions begin and end on
 * them: the one seam between the engine and a pool. Either Pocketto opened the pool itself ({@link
 * #open}) or the application lent it one ({@link #borrow}); only in the first case does {@link #close()}
 * close the pool.
 *
 * <p>With HikariCP, statements are kept open on the driver's connection below the pool's proxy ({@link
 * StatementCache}), so transactions are begun and ended there too, and a connection that cannot be
 * trusted any more is evicted from the pool. Any other {@code DataSource} gets neither: Pocketto cannot
 * know what its proxies reset or close when a connection goes back, so every statement is prepared
 * through the connection the pool lends and closed after its use, and transactions run on that same
 * connection, where the pool sees them.
 */
public abstract class ConnectionSource implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionSource.class);

  private final DataSource dataSource;

  private ConnectionSource(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Opens a HikariCP pool of its own on {@code jdbcUrl}, which {@link #close()} closes.
   *
   * @throws StorageException if the database cannot be reached
   */
  public static ConnectionSource open(String jdbcUrl, String user, String password, int maxPoolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(maxPoolSize);
    config.setAutoCommit(true);
    config.setPoolName("pocketto-" + Ids.uuidV7().substring(0, 8));
    try {
      HikariDataSource pool = new HikariDataSource(config);
      return new Hikari(pool, pool, true);
    } catch (RuntimeException e) {
      throw new StorageException("cannot open database " + jdbcUrl + ": " + Engine.rootMessage(e), e);
    }
  }

  /**
   * Borrows connections from the application's {@code dataSource}, which {@link #close()} leaves open.
   * The statement cache is kept only if the pool is HikariCP; otherwise the reason is logged once.
   */
  public static ConnectionSource borrow(DataSource dataSource) {
    if (dataSource == null) {
      throw new IllegalArgumentException("dataSource must not be null");
    }
    HikariDataSource hikari = hikariBehind(dataSource);
    if (hikari != null) {
      return new Hikari(dataSource, hikari, false);
    }
    LOG.info("statement cache off for {}: it is not a HikariCP pool, so Pocketto cannot know what the pool does "
        + "to statements kept below its connections; each statement is prepared on the lent connection and closed "
        + "after use", dataSource.getClass().getName());
    return new Lent(dataSource);
  }

  private static HikariDataSource hikariBehind(DataSource dataSource) {
    if (dataSource instanceof HikariDataSource hikari) {
      return hikari;
    }
    try {
      return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The pool as the application gave it (a wrapper is kept as it is), for transaction joiners that look up
   * the application's transaction by it.
   */
  public final DataSource dataSource() {
    return dataSource;
  }

  /** A connection from the pool, in auto-commit mode; the caller closes it to give it back. */
  final Connection borrowConnection() throws SQLException {
    return dataSource.getConnection();
  }

  /**
   * The connection that statements are prepared on and transactions run on, for a connection {@code
   * lent} by the pool: the driver's connection below a HikariCP proxy, else {@code lent} itself.
   */
  abstract Connection session(Connection lent) throws SQLException;

  /** Whether statements are kept open per connection ({@link StatementCache}). */
  abstract boolean cachesStatements();

  /**
   * Takes {@code lent} out of the pool for good where the pool allows it (HikariCP), because it was lost
   * or its transaction could not be ended. The caller still closes it.
   */
  abstract void evict(Connection lent);

  /** Begins one of the engine's own transactions (a write or a bundle) on {@code lent}. */
  final void begin(Connection lent) throws SQLException {
    session(lent).setAutoCommit(false);
  }

  /** Commits the engine's transaction on {@code lent}. */
  final void commit(Connection lent) throws SQLException {
    session(lent).commit();
  }

  /** Rolls back the engine's transaction on {@code lent}. */
  final void rollback(Connection lent) throws SQLException {
    session(lent).rollback();
  }

  /** Ends the engine's transaction on {@code lent}, which then goes back to the pool in auto-commit mode. */
  final void end(Connection lent) throws SQLException {
    session(lent).setAutoCommit(true);
  }

  /** The URL the pool connects to, if Pocketto opened the pool; {@code null} for a lent one. */
  abstract String ownedUrl();

  /** Closes the pool if Pocketto opened it; a lent pool stays open. */
  @Override
  public abstract void close();

  /** A HikariCP pool, opened by Pocketto or lent by the application (possibly behind a wrapper, {@code lent}). */
  private static final class Hikari extends ConnectionSource {
    private final HikariDataSource pool;
    private final boolean owned;

    Hikari(DataSource lent, HikariDataSource pool, boolean owned) {
      super(lent);
      this.pool = pool;
      this.owned = owned;
    }

    @Override
    Connection session(Connection lent) throws SQLException {
      return lent.unwrap(Connection.class);
    }

    @Override
    boolean cachesStatements() {
      return true;
    }

    @Override
    void evict(Connection lent) {
      pool.evictConnection(lent);
    }

    @Override
    String ownedUrl() {
      return owned ? pool.getJdbcUrl() : null;
    }

    @Override
    public void close() {
      if (owned) {
        pool.close();
      }
    }
  }

  /**
   * Any other {@code DataSource}: connections are used as lent, so the pool sees every statement and
   * transaction and can reset or retire a connection by its own rules.
   */
  private static final class Lent extends ConnectionSource {
    Lent(DataSource dataSource) {
      super(dataSource);
    }

    @Override
    Connection session(Connection lent) {
      return lent;
    }

    @Override
    boolean cachesStatements() {
      return false;
    }

    @Override
    void evict(Connection lent) {
      // No portable way to evict; closing gives it back, and the pool's own validation retires it.
    }

    @Override
    String ownedUrl() {
      return null;
    }

    @Override
    public void close() {
      // The application's pool: it closes it.
    }
  }
}
