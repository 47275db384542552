package io.pocketto;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Lets Pocketto's reads and writes join a transaction the application runs, such as Spring's
 * {@code @Transactional}: the Spring Boot starter implements it, and so can any transaction manager
 * that binds a connection to the thread. Set it with {@link Pocketto.Builder#transactionJoiner}.
 *
 * <p>Inside such a transaction Pocketto works as in a {@link Database#bundle bundle}: its statements run
 * on the transaction's connection, each revision check stays one conditional statement, a rollback
 * puts every record back to its state before the transaction, and change events fire only after the
 * commit. Pocketto never commits, rolls back or closes that connection itself.
 */
public interface TransactionJoiner {

  /**
   * The participant of one database ({@code key}) in the transaction the calling thread runs on {@code
   * dataSource}, or {@code null} when the thread runs none there. On the first call in a transaction,
   * {@code join} makes the participant from the transaction's connection; the joiner keeps it for later
   * calls in the same transaction, and calls {@link Participant#beforeCommit()} and {@link
   * Participant#afterCompletion(boolean)} when the transaction ends.
   */
  <P extends Participant> P participant(DataSource dataSource, Object key, Function<Connection, P> join);

  /** One database's share of an application transaction; made by Pocketto, driven by the joiner. */
  interface Participant {
    /**
     * Called just before the transaction commits, on its thread, for work that must happen inside it
     * (Pocketto has none today: each write places itself in the changes feed as it runs). If this throws,
     * the transaction must roll back.
     */
    void beforeCommit() throws SQLException;

    /**
     * Called once the transaction has ended: after a commit Pocketto delivers the change events it held
     * back; after a rollback it puts every record it wrote back to its state before the transaction.
     */
    void afterCompletion(boolean committed);
  }
}
