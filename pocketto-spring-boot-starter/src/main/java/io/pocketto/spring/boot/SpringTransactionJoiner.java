package io.pocketto.spring.boot;

import io.pocketto.StorageException;
import io.pocketto.TransactionJoiner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Joins Pocketto's work to the Spring-managed transaction ({@code @Transactional}, {@code
 * TransactionTemplate}) that the calling thread runs on Pocketto's {@code DataSource}, through Spring's
 * transaction synchronization: statements run on the transaction's connection, change events fire after
 * its commit, and a rollback puts records back.
 *
 * <p>Only a transaction that holds a connection of that very {@code DataSource} is joined (one begun by
 * {@code DataSourceTransactionManager}, or {@code JpaTransactionManager} exposing its connection).
 * Without one, Pocketto runs its own transaction per write, as without Spring.
 */
public final class SpringTransactionJoiner implements TransactionJoiner {

  @Override
  public <P extends Participant> P participant(DataSource dataSource, Object key, Function<Connection, P> join) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || !TransactionSynchronizationManager.isActualTransactionActive()
        || !TransactionSynchronizationManager.hasResource(dataSource)) {
      return null;
    }
    @SuppressWarnings("unchecked")
    P joined = (P) TransactionSynchronizationManager.getResource(key);
    if (joined != null) {
      return joined;
    }
    Connection connection = DataSourceUtils.getConnection(dataSource);
    P participant = join.apply(connection);
    TransactionSynchronizationManager.bindResource(key, participant);
    TransactionSynchronizationManager.registerSynchronization(
        new Synchronization(dataSource, key, connection, participant));
    return participant;
  }

  /**
   * Drives one participant through its transaction's end, and unbinds it while the transaction is suspended.
   *
   * @param dataSource the pool the transaction's connection goes back to
   * @param key what the participant is bound to in the transaction's resources
   * @param connection the transaction's connection, which the participant works on
   * @param participant Pocketto's work in the transaction, new for each one it joins
   */
  private record Synchronization(DataSource dataSource, Object key, Connection connection, Participant participant)
      implements TransactionSynchronization {

    @Override
    public int getOrder() {
      // Before the connection's own synchronization, which may release it.
      return DataSourceUtils.CONNECTION_SYNCHRONIZATION_ORDER - 1;
    }

    @Override
    public void suspend() {
      TransactionSynchronizationManager.unbindResource(key);
    }

    @Override
    public void resume() {
      TransactionSynchronizationManager.bindResource(key, participant);
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      try {
        participant.beforeCommit();
      } catch (SQLException e) {
        throw new StorageException("preparing a transaction's commit failed: " + e.getMessage(), e);
      }
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(key);
      try {
        // An unknown outcome counts as a rollback: the records keep their old revisions, so a later save
        // meets a 409 rather than overwriting what may have been committed.
        participant.afterCompletion(status == STATUS_COMMITTED);
      } finally {
        DataSourceUtils.releaseConnection(connection, dataSource);
      }
    }
  }
}
