package io.pocketto.it.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.it.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a typed query's statement carries its row limit, so that the server's one plan for the prepared
 * statement, made knowing the limit, serves every run. With the limit bound, that plan expects a tenth of the
 * matches, and a filter matching a thousand documents per value was planned again on every run instead.
 */
class PostgresPlanCacheTest {
  private static final int DOCUMENTS = 10_000;
  private static final int CUSTOMERS = 10;
  private static final int RUNS = 20;

  private HikariDataSource pool;
  private Database db;

  @BeforeEach
  void open() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(PostgresServer.freshUrl());
    // One connection: the session Pocketto prepares its statements in is the one looked at afterwards.
    config.setMaximumPoolSize(1);
    pool = new HikariDataSource(config);
    db = Pocketto.connect(pool);
  }

  @AfterEach
  void close() {
    db.close();
    pool.close();
  }

  @Test
  void aFilteredQueryWithALimitKeepsOnePlanForItsRuns() throws SQLException {
    // The table is created on a connection of its own, which the bundle's would leave none for.
    assertThat(Invoice.in(db).count()).isZero();
    db.bundle(bundle -> {
      for (int n = 0; n < DOCUMENTS; n++) {
        int k = n;
        Fixtures.saved(db, String.format("id-%05d", k), i -> {
          i.setNumber(String.format("INV-%05d", k));
          i.setCustomer("customer-" + k % CUSTOMERS);
          i.setIssuedOn(LocalDate.of(2026, 1, 1).plusDays(k % 300));
        });
      }
    });
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("ANALYZE \"query_invoices\"");
    }

    for (int run = 0; run < RUNS; run++) {
      String customer = "customer-" + run % CUSTOMERS;
      List<Invoice> page = Invoice.in(db).query().where(Invoice.CUSTOMER.eq(customer))
          .orderBy(Invoice.CUSTOMER.asc(), Invoice.ISSUED_ON.asc()).limit(10).list();
      assertThat(page).hasSize(10).allSatisfy(invoice -> assertThat(invoice.getCustomer()).isEqualTo(customer));
    }

    try (Connection c = pool.getConnection();
        PreparedStatement plans = c.prepareStatement("SELECT statement, generic_plans, custom_plans "
            + "FROM pg_prepared_statements WHERE statement LIKE '%\"customer\" = $1%ROWS ONLY%'");
        ResultSet rs = plans.executeQuery()) {
      assertThat(rs.next()).as("the query's statement, prepared on the server").isTrue();
      String statement = rs.getString(1);
      long generic = rs.getLong(2);
      long custom = rs.getLong(3);
      // The driver prepares it on the server from its 5th run; the server plans its first 5 runs there for their
      // values, then keeps one plan when it costs no more.
      assertThat(generic).as("runs of the one plan (%s custom plans) of %s", custom, statement).isGreaterThan(0);
      assertThat(custom).as("runs planned for their values").isLessThanOrEqualTo(5);
      assertThat(statement).endsWith("FETCH FIRST 10 ROWS ONLY");
      assertThat(rs.next()).isFalse();
    }
  }
}
