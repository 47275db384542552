package io.pocketto.testpostgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedPostgresTest {
  private static final Map<String, String> SETTINGS = Map.of("autovacuum", "off");

  @Test
  void runsWithTheSettingsItWasStartedWith() throws SQLException {
    SharedPostgres server = SharedPostgres.start(SETTINGS);
    try (Connection c = DriverManager.getConnection(server.url("postgres"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW autovacuum")) {
      assertTrue(rs.next());
      assertEquals("off", rs.getString(1));
    }
  }

  @Test
  void isOnePerJvmAndRefusesOtherSettings() {
    SharedPostgres server = SharedPostgres.start(SETTINGS);
    assertSame(server, SharedPostgres.start(Map.of("autovacuum", "off")));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> SharedPostgres.start(Map.of("autovacuum", "on")));
    assertTrue(e.getMessage().contains("{autovacuum=off}"), e.getMessage());
    assertTrue(e.getMessage().contains("{autovacuum=on}"), e.getMessage());
  }

  @Test
  void eachFreshSchemaSeesOnlyItsOwnTables() throws SQLException {
    SharedPostgres server = SharedPostgres.start(SETTINGS);
    String first = server.freshSchemaUrl("t_");
    String second = server.freshSchemaUrl("t_");
    assertFalse(first.equals(second), first);
    try (Connection c = DriverManager.getConnection(first); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE notes (id int)");
      s.execute("INSERT INTO notes VALUES (1)");
    }
    try (Connection c = DriverManager.getConnection(second); Statement s = c.createStatement()) {
      assertThrows(SQLException.class, () -> s.executeQuery("SELECT id FROM notes"));
    }
    try (Connection c = DriverManager.getConnection(first); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM notes")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
    }
  }

  @Test
  void namesTheStatementItCouldNotRun() {
    SharedPostgres server = SharedPostgres.start(SETTINGS);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> server.execute("CREATE SCHEMA \"\""));
    assertEquals("PostgreSQL refused: CREATE SCHEMA \"\"", e.getMessage());
  }
}
