package io.pocketto.it;

import static io.pocketto.it.Invoices.newInvoice;
import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.StorageException;
import io.pocketto.it.model.SalesInvoice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database drops every connection of the pool (an administrator ends the sessions). Each dropped
 * connection may fail the one call that finds it dead, with a {@link StorageException} and nothing
 * written; it is then evicted, so the calls after it succeed, on connections the pool opens anew. A
 * pool that took a dead connection back would fail every later call on this thread.
 */
class LostConnectionTest extends BackendTest {
  private static final int POOL_SIZE = 3;

  private final String applicationName = "lost-" + UUID.randomUUID();
  private Database database;

  @BeforeEach
  void openSmallPool() {
    String url = backend.freshUrl(scratchDir);
    database = track(Pocketto.connect(backend == Backend.POSTGRES ? url + "&ApplicationName=" + applicationName : url,
        null, null, POOL_SIZE));
    newInvoice("1", "INV-001").saveTo(database);
    // The statements the tests run (insert, find, update, change number) prepared and cached before the
    // connections go, so that the calls after the drop run cached statements on dead connections.
    SalesInvoice warm = newInvoice("0", "INV-000");
    warm.saveTo(database);
    warm.setNumber("INV-000-B");
    warm.save();
    SalesInvoice.in(database).find("1").orElseThrow();
  }

  @Test
  void findsAgainAfterTheConnectionsAreDropped() throws Exception {
    dropTheRuntimesConnections();

    SalesInvoice found = succeedsAfterAtMostOneFailurePerConnection(() -> SalesInvoice.in(database).find("1").orElseThrow());

    assertThat(found.getNumber()).isEqualTo("INV-001");
    for (int i = 0; i < 2 * POOL_SIZE; i++) {
      assertThat(SalesInvoice.in(database).find("1")).isPresent();
    }
  }

  @Test
  void writesAgainAfterTheConnectionsAreDropped() throws Exception {
    SalesInvoice invoice = SalesInvoice.in(database).find("1").orElseThrow();
    String loadedAt = invoice.meta().rev();
    invoice.setNumber("INV-002");
    dropTheRuntimesConnections();

    succeedsAfterAtMostOneFailurePerConnection(invoice::save);

    assertThat(invoice.meta().rev()).startsWith("2-").isNotEqualTo(loadedAt);
    SalesInvoice stored = SalesInvoice.in(database).find("1").orElseThrow();
    assertThat(stored.getNumber()).isEqualTo("INV-002");
    assertThat(stored.meta().rev()).isEqualTo(invoice.meta().rev());
    stored.setNumber("INV-003");
    stored.save();
    assertThat(stored.meta().rev()).startsWith("3-");
  }

  @Test
  void bundlesAgainAfterTheConnectionsAreDropped() throws Exception {
    dropTheRuntimesConnections();

    succeedsAfterAtMostOneFailurePerConnection(() -> {
      database.bundle(bundle -> {
        SalesInvoice invoice = SalesInvoice.in(database).find("1").orElseThrow();
        invoice.setNumber("INV-BUNDLED");
        invoice.save();
        newInvoice("2", "INV-BUNDLED").saveTo(database);
      });
      return null;
    });

    assertThat(SalesInvoice.in(database).find("1").orElseThrow().getNumber()).isEqualTo("INV-BUNDLED");
    assertThat(SalesInvoice.in(database).find("2")).isPresent();
  }

  private <R> R succeedsAfterAtMostOneFailurePerConnection(Supplier<R> call) {
    List<StorageException> failures = new ArrayList<>();
    while (true) {
      try {
        return call.get();
      } catch (StorageException e) {
        failures.add(e);
        assertThat(failures)
            .as("each dropped connection fails at most one call, then leaves the pool")
            .hasSizeLessThanOrEqualTo(POOL_SIZE);
      }
    }
  }

  /** Ends every session of the runtime's pool from a connection of the test's own, and waits until they are gone. */
  private void dropTheRuntimesConnections() throws SQLException, InterruptedException {
    try (Connection admin = backend.jdbc(database)) {
      if (backend == Backend.POSTGRES) {
        String others = " FROM pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid()";
        assertThat(query(admin, "SELECT count(pg_terminate_backend(pid))" + others)).isPositive();
        // pg_terminate_backend only signals the sessions; wait for them to go, however loaded the
        // machine is. The bound only turns a session that never ends into a failure instead of a hang.
        long hangGuard = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (query(admin, "SELECT count(*)" + others) > 0) {
          assertThat(System.nanoTime()).as("terminated sessions still listed after 5 minutes").isLessThan(hangGuard);
          Thread.sleep(10);
          // The pool may still be opening its last connections in the background (slowly, on a loaded
          // machine); one that arrives after the first round is ended too, or this would wait for it forever.
          query(admin, "SELECT count(pg_terminate_backend(pid))" + others);
        }
      } else {
        List<Integer> sessions = new ArrayList<>();
        try (ResultSet rs = admin.createStatement()
            .executeQuery("SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()")) {
          while (rs.next()) {
            sessions.add(rs.getInt(1));
          }
        }
        assertThat(sessions).isNotEmpty();
        for (int session : sessions) {
          try (PreparedStatement abort = admin.prepareStatement("CALL ABORT_SESSION(?)")) {
            abort.setInt(1, session);
            abort.execute();
          }
        }
      }
    }
  }

  private long query(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, applicationName);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
