package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatementCacheTest {
  private final String url = "jdbc:h2:mem:statements-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final StatementCache cache = new StatementCache();
  private final List<Connection> opened = new ArrayList<>();

  @AfterEach
  void closeConnections() throws SQLException {
    for (Connection c : opened) {
      c.close();
    }
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement().execute("SHUTDOWN");
    }
  }

  private Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(url);
    opened.add(c);
    return c;
  }

  private static int selectOne(StatementCache.Use use) throws SQLException {
    try (ResultSet rs = use.statement().executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void preparesAStatementOncePerConnection() throws SQLException {
    Connection c = connect();
    PreparedStatement first;
    try (StatementCache.Use use = cache.take(c, "SELECT 1")) {
      first = use.statement();
      assertThat(selectOne(use)).isEqualTo(1);
    }

    try (StatementCache.Use use = cache.take(c, "SELECT 1")) {
      assertThat(use.statement()).isSameAs(first);
      assertThat(selectOne(use)).isEqualTo(1);
    }
    assertThat(first.isClosed()).isFalse();
  }

  @Test
  void givesEachConnectionItsOwnStatements() throws SQLException {
    Connection a = connect();
    Connection b = connect();

    try (StatementCache.Use onA = cache.take(a, "SELECT 1"); StatementCache.Use onB = cache.take(b, "SELECT 1")) {
      assertThat(onA.statement()).isNotSameAs(onB.statement());
      assertThat(onA.statement().getConnection()).isSameAs(a);
      assertThat(onB.statement().getConnection()).isSameAs(b);
    }
    assertThat(cache.connectionCount()).isEqualTo(2);
  }

  @Test
  void aStatementStillInUseIsNotHandedOutTwice() throws SQLException {
    Connection c = connect();
    try (StatementCache.Use outer = cache.take(c, "SELECT X FROM SYSTEM_RANGE(1, 3)")) {
      ResultSet open = outer.statement().executeQuery();
      open.next();
      PreparedStatement inner;
      try (StatementCache.Use nested = cache.take(c, "SELECT X FROM SYSTEM_RANGE(1, 3)")) {
        inner = nested.statement();
        assertThat(inner).isNotSameAs(outer.statement());
        try (ResultSet rs = inner.executeQuery()) {
          rs.next();
        }
      }
      // The nested statement was a one-off, closed when given back; the outer one still reads on.
      assertThat(inner.isClosed()).isTrue();
      assertThat(open.next()).isTrue();
      assertThat(open.getInt(1)).isEqualTo(2);
      open.close();
    }
  }

  @Test
  void keepsAtMostTheLimitPerConnectionDroppingTheLeastRecentlyUsed() throws SQLException {
    Connection c = connect();
    List<PreparedStatement> statements = new ArrayList<>();
    for (int i = 0; i <= StatementCache.PER_CONNECTION; i++) {
      try (StatementCache.Use use = cache.take(c, "SELECT " + i)) {
        statements.add(use.statement());
      }
      if (i == 1) {
        // Using statement 0 again makes statement 1 the least recently used.
        try (StatementCache.Use use = cache.take(c, "SELECT 0")) {
          assertThat(use.statement()).isSameAs(statements.get(0));
        }
      }
    }

    assertThat(statements.get(1).isClosed()).isTrue();
    assertThat(statements.get(0).isClosed()).isFalse();
    assertThat(statements.stream().filter(this::open).count()).isEqualTo(StatementCache.PER_CONNECTION);
    try (StatementCache.Use use = cache.take(c, "SELECT 1")) {
      assertThat(use.statement()).isNotSameAs(statements.get(1));
      assertThat(selectOne(use)).isEqualTo(1);
    }
  }

  @Test
  void neverDropsAStatementInUse() throws SQLException {
    Connection c = connect();
    try (StatementCache.Use held = cache.take(c, "SELECT 0")) {
      for (int i = 1; i <= StatementCache.PER_CONNECTION + 5; i++) {
        try (StatementCache.Use use = cache.take(c, "SELECT " + i)) {
          assertThat(selectOne(use)).isEqualTo(i);
        }
      }
      assertThat(held.statement().isClosed()).isFalse();
      assertThat(selectOne(held)).isZero();
    }
  }

  @Test
  void forgetsClosedConnectionsWhenANewOneArrives() throws SQLException {
    Connection first = connect();
    try (StatementCache.Use use = cache.take(first, "SELECT 1")) {
      selectOne(use);
    }
    first.close();

    Connection second = connect();
    try (StatementCache.Use use = cache.take(second, "SELECT 1")) {
      assertThat(selectOne(use)).isEqualTo(1);
    }

    assertThat(cache.connectionCount()).isEqualTo(1);
  }

  @Test
  void forgetDropsOneConnection() throws SQLException {
    Connection a = connect();
    Connection b = connect();
    cache.take(a, "SELECT 1").close();
    cache.take(b, "SELECT 1").close();

    cache.forget(a);

    assertThat(cache.connectionCount()).isEqualTo(1);
  }

  @Test
  void aStatementIsGivenBackWithItsParametersCleared() throws SQLException {
    Connection c = connect();
    try (StatementCache.Use use = cache.take(c, "SELECT ?")) {
      use.statement().setInt(1, 7);
      assertThat(selectOne(use)).isEqualTo(7);
    }

    try (StatementCache.Use use = cache.take(c, "SELECT ?")) {
      // Unbound, the next use fails rather than run with the last use's value.
      assertThatThrownBy(() -> selectOne(use)).isInstanceOf(SQLException.class).hasMessageContaining("#1");
    }
  }

  @Test
  void aFetchSizeSetForOneUseIsResetWhenGivenBack() throws SQLException {
    Connection c = connect();
    int driverDefault;
    try (StatementCache.Use use = cache.take(c, "SELECT 1")) {
      driverDefault = use.statement().getFetchSize();
      use.fetchSize(driverDefault + 256);
      assertThat(use.statement().getFetchSize()).isEqualTo(driverDefault + 256);
    }

    try (StatementCache.Use use = cache.take(c, "SELECT 1")) {
      assertThat(use.statement().getFetchSize()).isEqualTo(driverDefault);
    }
  }

  @Test
  void aStatementThatCannotBeResetIsNotHandedOutAgain() throws SQLException {
    Connection c = connect();
    StatementCache.Use broken = cache.take(c, "SELECT 1");
    PreparedStatement closed = broken.statement();
    closed.close();
    assertThatThrownBy(broken::close).isInstanceOf(SQLException.class);

    try (StatementCache.Use use = cache.take(c, "SELECT 1")) {
      assertThat(use.statement()).isNotSameAs(closed);
      assertThat(selectOne(use)).isEqualTo(1);
    }
  }

  @Test
  void forgetAlsoDropsConnectionsClosedSince() throws SQLException {
    Connection a = connect();
    Connection b = connect();
    cache.take(a, "SELECT 1").close();
    cache.take(b, "SELECT 1").close();
    b.close();

    cache.forget(a);

    assertThat(cache.connectionCount()).isZero();
  }

  @Test
  void aClosedConnectionIsNotRegistered() throws SQLException {
    Connection c = connect();
    c.close();

    assertThatThrownBy(() -> cache.take(c, "SELECT 1")).isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08003"));
    assertThat(cache.connectionCount()).isZero();
  }

  /** The reason for the cache: a pool closes statements prepared through it when a connection returns. */
  @Test
  void statementsOutliveAPooledConnectionsReturn() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(1);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      PreparedStatement cached;
      PreparedStatement throughThePool;
      try (Connection c = pool.getConnection()) {
        try (StatementCache.Use use = cache.take(c, "SELECT 1")) {
          cached = use.statement();
        }
        throughThePool = c.prepareStatement("SELECT 1");
      }
      assertThat(throughThePool.isClosed()).isTrue();

      try (Connection c = pool.getConnection(); StatementCache.Use use = cache.take(c, "SELECT 1")) {
        assertThat(use.statement()).isSameAs(cached);
        assertThat(selectOne(use)).isEqualTo(1);
      }
    }
  }

  private boolean open(PreparedStatement statement) {
    try {
      return !statement.isClosed();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
