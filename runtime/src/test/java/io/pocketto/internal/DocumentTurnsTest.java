package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DocumentTurnsTest {
  private static final long LONG_WAIT = 60_000;
  private final DocumentTurns turns = new DocumentTurns();
  private final ExecutorService other = Executors.newSingleThreadExecutor();
  private final AtomicReference<Thread> otherThread = new AtomicReference<>();

  @AfterEach
  void stop() {
    other.shutdownNow();
  }

  /** Runs {@code take} on the other thread, and returns once that thread waits inside it. */
  private Future<Boolean> takeElsewhere(Object holder, String key) throws InterruptedException {
    Future<Boolean> taken = other.submit(() -> {
      otherThread.set(Thread.currentThread());
      return turns.take(holder, key, LONG_WAIT);
    });
    while (otherThread.get() == null || otherThread.get().getState() != Thread.State.TIMED_WAITING) {
      if (taken.isDone()) {
        return taken;
      }
      Thread.onSpinWait();
    }
    return taken;
  }

  @Test
  void aHolderTakesADocumentOnceAndAnotherWaitsUntilItIsGivenBack() throws Exception {
    Object alice = "alice";
    Object bob = "bob";
    assertThat(turns.take(alice, "invoices\0a", LONG_WAIT)).isTrue();
    assertThat(turns.take(alice, "invoices\0a", LONG_WAIT)).as("held already").isFalse();

    Future<Boolean> bobTakes = takeElsewhere(bob, "invoices\0a");
    assertThat(bobTakes.isDone()).isFalse();
    turns.give(alice, "invoices\0a");

    assertThat(bobTakes.get()).isTrue();
    assertThatThrownBy(() -> turns.take(alice, "invoices\0a", 0)).isInstanceOf(SQLTimeoutException.class);
  }

  @Test
  void otherDocumentsAreNotHeldUp() throws Exception {
    assertThat(turns.take("alice", "invoices\0a", LONG_WAIT)).isTrue();
    assertThat(turns.take("bob", "invoices\0b", 0)).isTrue();
    assertThat(turns.take("bob", "customers\0a", 0)).isTrue();
  }

  @Test
  void aWaitThatWouldCloseACircleFailsAtOnceAsADeadlock() throws Exception {
    Object alice = "alice";
    Object bob = "bob";
    turns.take(alice, "invoices\0a", LONG_WAIT);
    turns.take(bob, "invoices\0b", LONG_WAIT);
    Future<Boolean> bobWaitsForA = takeElsewhere(bob, "invoices\0a");

    assertThatThrownBy(() -> turns.take(alice, "invoices\0b", LONG_WAIT))
        .isInstanceOfSatisfying(SQLTransactionRollbackException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("40001"))
        .hasMessageContaining("invoices/b");

    // Alice rolls back: Bob gets what he waited for.
    turns.giveAll(alice, List.of("invoices\0a"));
    assertThat(bobWaitsForA.get()).isTrue();
  }

  @Test
  void aWaitThatOutlastsItsTimeFailsAsALockTimeout() throws Exception {
    turns.take("alice", "invoices\0a", LONG_WAIT);

    assertThatThrownBy(() -> turns.take("bob", "invoices\0a", 0))
        .isInstanceOfSatisfying(SQLTimeoutException.class, e -> assertThat(e.getSQLState()).isEqualTo("HYT00"))
        .hasMessageContaining("invoices/a");
  }

  @Test
  void onlyItsHolderGivesADocumentBack() throws Exception {
    turns.take("alice", "invoices\0a", LONG_WAIT);
    turns.take("alice", "invoices\0b", LONG_WAIT);
    turns.take("bob", "invoices\0c", LONG_WAIT);

    turns.give("bob", "invoices\0a");
    turns.giveAll("bob", List.of("invoices\0b", "invoices\0c"));

    assertThatThrownBy(() -> turns.take("carol", "invoices\0a", 0)).isInstanceOf(SQLTimeoutException.class);
    assertThatThrownBy(() -> turns.take("carol", "invoices\0b", 0)).isInstanceOf(SQLTimeoutException.class);
    assertThat(turns.take("carol", "invoices\0c", 0)).isTrue();
  }

  @Test
  void h2FilesTakeTurnsForAsLongAsTheirLockTimeoutAndMemoryDatabasesNone() {
    H2Dialect h2 = new H2Dialect();
    assertThat(h2.documentTurnWaitMillis("jdbc:h2:file:/tmp/app")).isEqualTo(2_000);
    assertThat(h2.documentTurnWaitMillis("jdbc:h2:file:/tmp/app;LOCK_TIMEOUT=500;WRITE_DELAY=0")).isEqualTo(500);
    assertThat(h2.documentTurnWaitMillis("jdbc:h2:./data/app;lock_timeout = 750")).isEqualTo(750);
    assertThat(h2.documentTurnWaitMillis("jdbc:h2:mem:app;DB_CLOSE_DELAY=-1")).isNegative();
    assertThat(new PostgresDialect().documentTurnWaitMillis("jdbc:postgresql://localhost/app")).isNegative();
  }
}
