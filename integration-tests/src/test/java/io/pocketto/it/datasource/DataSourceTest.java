package io.pocketto.it.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pocketto.Change;
import io.pocketto.Checkpoint;
import io.pocketto.ConflictException;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.SchemaMismatchException;
import io.pocketto.StorageException;
import io.pocketto.it.Backend;
import io.pocketto.it.BackendTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Pocketto#connect(javax.sql.DataSource)} on every backend: Pocketto borrows the application's
 * pool, finds the dialect from it, behaves as on its own pool, and leaves the pool open when closed.
 */
class DataSourceTest extends BackendTest {
  private HikariDataSource pool;

  @BeforeEach
  void openPool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(backend.freshUrl(scratchDir));
    config.setMaximumPoolSize(3);
    pool = new HikariDataSource(config);
  }

  @AfterEach
  void closePool() {
    pool.close();
  }

  private Note note(Database database, String id, String text) {
    Note note = new Note();
    note.setId(id);
    note.setAuthor("ada");
    note.setText(text);
    return note.saveTo(database);
  }

  @Test
  void theDialectIsFoundFromTheDataSource() {
    Database lent = track(Pocketto.connect(pool));

    assertThat(lent.dialectName()).isEqualTo(backend.dialect());
    assertThat(lent.url()).startsWith(backend == Backend.POSTGRES ? "jdbc:postgresql:" : "jdbc:h2:");
  }

  @Test
  void closingTheDatabaseLeavesTheGivenPoolOpen() throws SQLException {
    Database lent = track(Pocketto.connect(pool));
    note(lent, "n1", "kept");

    lent.close();

    assertThat(pool.isClosed()).isFalse();
    Database again = track(Pocketto.connect(pool));
    assertThat(Note.in(again).find("n1").orElseThrow().getText()).isEqualTo("kept");
    try (Connection c = pool.getConnection()) {
      assertThat(c.isValid(1)).isTrue();
    }
  }

  /**
   * On {@code lent}: a stale save is a 409, and a bundle that fails leaves the database and the record as
   * they were before it. Returns the record, saved at "two" and then edited to "three" in the failed bundle.
   */
  private Note conflictAndAbandonedBundle(Database lent) {
    Note a = note(lent, "n1", "one");
    Note stale = Note.in(lent).find("n1").orElseThrow();
    a.setText("two");
    a.save();
    String rev = a.meta().rev();

    stale.setText("stale");
    assertThatThrownBy(stale::save).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> lent.bundle(tx -> {
      a.setText("three");
      a.save();
      note(lent, "n2", "in a bundle");
      throw new IllegalStateException("abandon the bundle");
    })).hasMessage("abandon the bundle");

    assertThat(Note.in(lent).find("n2")).isEmpty();
    assertThat(Note.in(lent).find("n1").orElseThrow().getText()).isEqualTo("two");
    assertThat(a.meta().rev()).as("the record is back at its revision before the bundle").isEqualTo(rev);
    assertThat(a.isDirty("text")).isTrue();
    return a;
  }

  @Test
  void revisionChecksAndBundlesWorkOnTheGivenPool() {
    conflictAndAbandonedBundle(track(Pocketto.connect(pool)));
  }

  @Test
  void aPoolThatIsNotHikariWorksWithoutTheStatementCacheAndGetsEveryConnectionBack() {
    PlainDataSource plain = new PlainDataSource(pool.getJdbcUrl());
    Database lent = track(Pocketto.connect(plain));

    conflictAndAbandonedBundle(lent);

    assertThat(Note.in(lent).query().where(Note.AUTHOR.eq("ada")).count()).isEqualTo(1);
    assertThat(plain.openConnections()).isZero();
  }

  @Test
  void withTableCreationOffTheSchemaStatementsCreateWhatPockettoNeeds() throws SQLException {
    Database lent = track(Pocketto.builder().dataSource(pool).createTables(false).connect());

    assertThatThrownBy(() -> Note.in(lent).find("n1"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("table creation is off")
        .hasMessageContaining("Database.schemaStatements()");

    List<String> ddl = lent.schemaStatements(Note.BINDING);
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      for (String statement : ddl) {
        s.execute(statement);
      }
      for (String statement : ddl) {
        s.execute(statement); // a migration may run twice: every statement is idempotent
      }
    }
    Database migrated = track(Pocketto.builder().dataSource(pool).createTables(false).connect());
    note(migrated, "n1", "one");
    note(migrated, "n2", "two");

    assertThat(Note.in(migrated).changes(Checkpoint.START, 10).changes()).extracting(Change::id)
        .containsExactly("n1", "n2");
    assertThat(migrated.id()).isNotBlank();
  }

  @Test
  void withTableCreationOffAMissingColumnIsReportedWithTheStatementThatAddsIt() throws SQLException {
    Database probe = track(Pocketto.builder().dataSource(pool).createTables(false).connect());
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      for (String statement : probe.schemaStatements(Note.BINDING)) {
        s.execute(statement);
      }
      s.execute("ALTER TABLE \"notes\" DROP COLUMN \"text\"");
    }
    Database lent = track(Pocketto.builder().dataSource(pool).createTables(false).connect());

    assertThatThrownBy(() -> Note.in(lent).find("n1"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("has no column text for field 'text' and table creation is off")
        .hasMessageContaining("ALTER TABLE \"notes\" ADD COLUMN \"text\"");
  }

  @Test
  void withTableCreationOffTheSchemaDriftCheckStillRuns() throws SQLException {
    Database probe = track(Pocketto.builder().dataSource(pool).createTables(false).connect());
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      for (String statement : probe.schemaStatements(Note.BINDING)) {
        s.execute(statement);
      }
      s.execute("ALTER TABLE \"notes\" DROP COLUMN \"text\"");
      s.execute("ALTER TABLE \"notes\" ADD COLUMN \"text\" BIGINT");
    }
    Database lent = track(Pocketto.builder().dataSource(pool).createTables(false).connect());

    assertThatThrownBy(() -> Note.in(lent).find("n1")).isInstanceOf(SchemaMismatchException.class);
  }

  @Test
  void schemaStatementsListTheInfoTableTheModelsTableAndItsIndexes() {
    List<String> ddl = db.schemaStatements(Note.BINDING);

    assertThat(ddl.get(0)).startsWith("CREATE TABLE IF NOT EXISTS \"pocketto_info\"");
    assertThat(ddl.get(1)).startsWith("CREATE TABLE IF NOT EXISTS \"notes\" (").contains("\"author\"", "\"text\"");
    assertThat(ddl.get(2)).startsWith("CREATE INDEX IF NOT EXISTS \"notes_pos_idx\" ON \"notes\"");
    assertThat(ddl.get(ddl.size() - 1))
        .isEqualTo("CREATE INDEX IF NOT EXISTS \"notes_author__id_idx\" ON \"notes\" (\"author\" NULLS FIRST, \"_id\")");
    assertThat(ddl).hasSize(backend == Backend.POSTGRES ? 6 : 4); // PostgreSQL adds the feed's sequence and its start
  }
}
