package io.pocketto.spring.boot.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pocketto.Change;
import io.pocketto.ChangeEvent;
import io.pocketto.Checkpoint;
import io.pocketto.ConflictException;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.spring.boot.SpringTransactionJoiner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pocketto's writes inside a Spring transaction ({@code TransactionTemplate}, as {@code @Transactional}
 * runs it) on the application's HikariCP pool: they commit and roll back with the application's own JDBC
 * work, a rollback puts the records back, and change events fire after the commit only.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class SpringTransactionJoinTest {
  @Parameter
  TestDatabase database;

  private HikariDataSource pool;
  private Database db;
  private TransactionTemplate tx;
  private JdbcTemplate jdbc;
  private final List<ChangeEvent> events = new CopyOnWriteArrayList<>();
  /** For each event, whether a connection outside the transaction saw its revision when it fired. */
  private final List<Boolean> committedWhenHeard = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    pool = database.pool();
    db = Pocketto.builder().dataSource(pool).transactionJoiner(new SpringTransactionJoiner()).connect();
    tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
    jdbc = new JdbcTemplate(pool);
    jdbc.execute("CREATE TABLE audit (line VARCHAR(100))");
    db.onChange("notes", e -> {
      events.add(e);
      committedWhenHeard.add(e.revision().equals(storedRevision(e.id())));
    });
  }

  @AfterEach
  void close() {
    db.close();
    pool.close();
  }

  /** The revision stored now, read on a connection of its own, which sees committed rows only. */
  private String storedRevision(String id) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT \"_rev\" FROM \"notes\" WHERE \"_id\" = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Note saved(String id, String text) {
    Note note = new Note();
    note.setId(id);
    note.setText(text);
    return note.saveTo(db);
  }

  private int auditLines() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM audit", Integer.class);
  }

  @Test
  void writesCommitWithTheApplicationsJdbcWork() {
    tx.executeWithoutResult(status -> {
      saved("n1", "first");
      jdbc.update("INSERT INTO audit VALUES ('created n1')");
      assertThat(Note.in(db).find("n1")).as("the transaction reads its own write").isPresent();
      assertThat(storedRevision("n1")).as("nothing is visible outside before the commit").isNull();
    });

    assertThat(Note.in(db).find("n1").orElseThrow().getText()).isEqualTo("first");
    assertThat(auditLines()).isEqualTo(1);
  }

  @Test
  void rollbackUndoesTheWritesAndPutsRecordsBack() {
    Note note = saved("n1", "first");
    String rev = note.meta().rev();

    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      note.setText("second");
      note.save();
      saved("n2", "new");
      jdbc.update("INSERT INTO audit VALUES ('edited n1')");
      throw new IllegalStateException("the service fails after writing");
    })).hasMessage("the service fails after writing");

    assertThat(note.meta().rev()).isEqualTo(rev);
    assertThat(note.isDirty("text")).isTrue();
    assertThat(Note.in(db).find("n1").orElseThrow().getText()).isEqualTo("first");
    assertThat(Note.in(db).find("n2")).isEmpty();
    assertThat(auditLines()).isZero();
    // The record, back at its revision, saves as before.
    note.save();
    assertThat(Note.in(db).find("n1").orElseThrow().getText()).isEqualTo("second");
  }

  @Test
  void aConflictInsideTheTransactionRollsBackItsEarlierWrites() {
    Note first = saved("n1", "first");
    saved("n2", "two");
    Note stale = Note.in(db).find("n2").orElseThrow();
    Note winner = Note.in(db).find("n2").orElseThrow();
    winner.setText("someone else's");
    winner.save();
    String firstRev = first.meta().rev();

    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      first.setText("edited in the transaction");
      first.save();
      stale.setText("stale edit");
      stale.save();
    })).isInstanceOf(ConflictException.class)
        .satisfies(e -> assertThat(((ConflictException) e).revision()).isEqualTo(winner.meta().rev()));

    assertThat(first.meta().rev()).isEqualTo(firstRev);
    assertThat(Note.in(db).find("n1").orElseThrow().getText()).isEqualTo("first");
    assertThat(Note.in(db).find("n2").orElseThrow().getText()).isEqualTo("someone else's");
  }

  @Test
  void eventsFireAfterTheCommitOnly() {
    tx.executeWithoutResult(status -> {
      saved("n1", "first");
      saved("n2", "second");
      assertThat(events).as("no event inside the transaction").isEmpty();
    });

    assertThat(events).extracting(ChangeEvent::id).containsExactly("n1", "n2");
    assertThat(committedWhenHeard).containsExactly(true, true);
  }

  @Test
  void aRolledBackTransactionFiresNoEvents() {
    tx.executeWithoutResult(status -> {
      saved("n1", "first");
      status.setRollbackOnly();
    });

    assertThat(events).isEmpty();
    assertThat(Note.in(db).find("n1")).isEmpty();
  }

  @Test
  void writesOutsideATransactionCommitAtOnce() {
    saved("n1", "first");

    assertThat(storedRevision("n1")).isNotNull();
    assertThat(events).hasSize(1);
  }

  @Test
  void theChangesFeedListsACommittedTransactionsWritesAndNotARolledBackOnes() {
    tx.executeWithoutResult(status -> {
      saved("n1", "first");
      saved("n2", "second");
    });
    tx.executeWithoutResult(status -> {
      saved("n3", "rolled back");
      status.setRollbackOnly();
    });

    assertThat(Note.in(db).changes(Checkpoint.START, 10).changes()).extracting(Change::id).containsExactly("n1", "n2");
  }

  @Test
  void aPoolBehindAWrapperIsJoinedThroughTheWrapperTheTransactionManagerUses() {
    DataSource wrapper = new DelegatingDataSource(pool);
    Database wrapped = Pocketto.builder().dataSource(wrapper).transactionJoiner(new SpringTransactionJoiner()).connect();
    try {
      new TransactionTemplate(new DataSourceTransactionManager(wrapper)).executeWithoutResult(status -> {
        Note note = new Note();
        note.setId("w1");
        note.setText("through the wrapper");
        note.saveTo(wrapped);
        assertThat(storedRevision("w1")).as("nothing is visible outside before the commit").isNull();
      });
      assertThat(storedRevision("w1")).isNotNull();
    } finally {
      wrapped.close();
    }
  }

  @Test
  void aRequiresNewTransactionIsJoinedOnItsOwnAndTheSuspendedOneResumes() {
    TransactionTemplate requiresNew = new TransactionTemplate(tx.getTransactionManager());
    requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

    tx.executeWithoutResult(outer -> {
      saved("outer", "written in the outer transaction");
      requiresNew.executeWithoutResult(inner -> saved("inner", "written in the inner transaction"));
      assertThat(storedRevision("inner")).as("the inner transaction committed on its own").isNotNull();
      assertThat(storedRevision("outer")).as("the outer one is still open").isNull();
      assertThat(Note.in(db).find("outer")).as("resumed, the outer transaction reads its own write").isPresent();
      outer.setRollbackOnly();
    });

    assertThat(Note.in(db).find("outer")).isEmpty();
    assertThat(Note.in(db).find("inner")).isPresent();
    assertThat(events).extracting(ChangeEvent::id).containsExactly("inner");
  }

  @Test
  void closingTheDatabaseLeavesTheApplicationsPoolOpen() throws SQLException {
    saved("n1", "first");

    db.close();

    assertThat(pool.isClosed()).isFalse();
    try (Connection c = pool.getConnection()) {
      assertThat(c.isValid(1)).isTrue();
    }
  }
}
