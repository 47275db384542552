package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.StorageException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which connections go back to the pool after a failure. The runtime runs its statements below the
 * pool's proxy, so the pool cannot see a failure for itself: a connection the database dropped, or one
 * whose bundle's transaction could not be ended, must be evicted by the engine. With a pool of one connection,
 * a connection wrongly returned would be handed to the very next call.
 */
class EngineConnectionTest {
  private final Engine engine = Engine.open(null, "jdbc:h2:mem:engine-" + UUID.randomUUID(), null, null, 1, Engine.Options.defaults());

  @AfterEach
  void close() {
    engine.close();
  }

  private Connection driverConnection() {
    return engine.withConnection("reading the driver's connection", c -> c.unwrap(Connection.class));
  }

  private int selectOne() {
    return engine.withConnection("selecting 1", c -> {
      try (StatementCache.Use use = engine.prepare(c, "SELECT 1"); ResultSet rs = use.statement().executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  /** The next calls work, on a connection the pool opened since {@code before} was discarded. */
  private void assertServedByANewConnection(Connection before) {
    assertThat(selectOne()).isEqualTo(1);
    assertThat(driverConnection()).isNotSameAs(before);
  }

  /** Closes the driver's connection under the pool, as a database that drops it would. */
  private static void dropUnderThePool(Connection pooled) throws SQLException {
    pooled.unwrap(Connection.class).close();
  }

  @Test
  void anOrdinarySqlErrorKeepsTheConnection() {
    Connection before = driverConnection();

    assertThatThrownBy(() -> engine.withConnection("querying a missing table", c -> {
      try (StatementCache.Use use = engine.prepare(c, "SELECT * FROM no_such_table")) {
        return use.statement().executeQuery();
      }
    })).isInstanceOf(StorageException.class).hasMessageContaining("no_such_table".toUpperCase());

    assertThat(driverConnection()).isSameAs(before);
  }

  @Test
  void aLostConnectionIsReplacedAfterTheCallThatFoundIt() {
    Connection before = driverConnection();
    selectOne();

    assertThatThrownBy(() -> engine.withConnection("running on a dropped connection", c -> {
      dropUnderThePool(c);
      try (StatementCache.Use use = engine.prepare(c, "SELECT 1")) {
        return use.statement().executeQuery();
      }
    })).isInstanceOf(StorageException.class);

    assertServedByANewConnection(before);
  }

  @Test
  void aWriteThatFailsOnADroppedConnectionDoesNotReturnIt() {
    Connection before = driverConnection();

    assertThatThrownBy(() -> engine.writeDocument("writing on a dropped connection", null, "invoice-1", 0, c -> {
      dropUnderThePool(c);
      throw new IllegalStateException("the write failed after its connection was dropped");
    })).isInstanceOf(IllegalStateException.class).hasMessageContaining("after its connection was dropped");

    assertServedByANewConnection(before);
  }

  @Test
  void aBundleWhoseRollbackFailsDoesNotReturnItsConnection() {
    Connection before = driverConnection();

    assertThatThrownBy(() -> engine.bundle(bundle -> {
      engine.withConnection("dropping the bundle's connection", c -> {
        dropUnderThePool(c);
        return null;
      });
      throw new IllegalStateException("the bundle's work failed");
    })).isInstanceOf(IllegalStateException.class);

    assertServedByANewConnection(before);
  }

  @Test
  void aBundleThatLosesItsConnectionFailsAndLeavesThePoolUsable() {
    Connection before = driverConnection();

    assertThatThrownBy(() -> engine.bundle(bundle -> {
      engine.withConnection("running on a dropped connection", c -> {
        dropUnderThePool(c);
        try (StatementCache.Use use = engine.prepare(c, "SELECT 1")) {
          return use.statement().executeQuery();
        }
      });
    })).isInstanceOf(StorageException.class);

    assertServedByANewConnection(before);
  }
}
