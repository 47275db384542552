package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which SQL errors say the database dropped the connection, so that the engine evicts it. */
class ConnectionLostTest {
  private final Dialect h2 = new H2Dialect();
  private final Dialect postgres = new PostgresDialect();

  @Test
  void connectionExceptionsOfClass08AreLostOnEveryDatabase() {
    for (Dialect dialect : new Dialect[] {h2, postgres}) {
      assertThat(dialect.isConnectionLost(new SQLException("I/O error", "08006"))).isTrue();
      assertThat(dialect.isConnectionLost(new SQLException("closed", "08003"))).isTrue();
    }
  }

  @Test
  void postgresSessionEndingCodesAreLostOnPostgresOnly() {
    SQLException terminated = new SQLException("terminating connection due to administrator command", "57P01");

    assertThat(postgres.isConnectionLost(terminated)).isTrue();
    assertThat(postgres.isConnectionLost(new SQLException("idle session timeout", "57P05"))).isTrue();
    assertThat(h2.isConnectionLost(terminated)).isFalse();
  }

  @Test
  void ordinaryErrorsAreNotLost() {
    for (Dialect dialect : new Dialect[] {h2, postgres}) {
      assertThat(dialect.isConnectionLost(new SQLException("duplicate key", "23505"))).isFalse();
      assertThat(dialect.isConnectionLost(new SQLException("serialization failure", "40001"))).isFalse();
      assertThat(dialect.isConnectionLost(new SQLException("query canceled", "57014"))).isFalse();
      assertThat(dialect.isConnectionLost(new SQLException("no state"))).isFalse();
    }
  }

  @Test
  void aLostConnectionChainedBehindAnotherErrorCounts() {
    SQLException batch = new SQLException("batch entry 0 failed", "42000");
    batch.setNextException(new SQLException("connection reset", "08006"));

    assertThat(h2.isConnectionLost(batch)).isTrue();
    assertThat(postgres.isConnectionLost(batch)).isTrue();
  }
}
