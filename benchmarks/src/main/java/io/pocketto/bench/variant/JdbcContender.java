package io.pocketto.bench.variant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.pocketto.bench.Contender;
import io.pocketto.bench.Invoices;
import io.pocketto.bench.model.InvoiceLine;
import io.pocketto.bench.model.Status;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Hand-written JDBC running exactly the statements Pocketto runs for the benchmark model (their text
 * is copied from the runtime, and a smoke test checks it against what the runtime sends), prepared once
 * per connection, one connection per thread, bound by index, with the same revision. This is the
 * limit Pocketto is measured against.
 */
public final class JdbcContender implements Contender {
  /** The runtime's table, sequence and index DDL for the model. */
  static final String[] DDL = {
      "CREATE SEQUENCE IF NOT EXISTS \"sales_invoices_seq\"",
      "CREATE TABLE IF NOT EXISTS \"sales_invoices\" (\n"
          + "  \"_id\" CHARACTER VARYING(255) NOT NULL PRIMARY KEY,\n"
          + "  \"_rev\" CHARACTER VARYING(64) NOT NULL,\n"
          + "  \"_deleted\" BOOLEAN DEFAULT FALSE NOT NULL,\n"
          + "  \"_seq\" BIGINT NOT NULL,\n"
          + "  \"_created_at\" TIMESTAMP(6) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,\n"
          + "  \"_updated_at\" TIMESTAMP(6) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,\n"
          + "  \"number\" CHARACTER VARYING,\n"
          + "  \"customer\" CHARACTER VARYING,\n"
          + "  \"total\" DECFLOAT,\n"
          + "  \"issued_on\" DATE,\n"
          + "  \"status\" CHARACTER VARYING,\n"
          + "  \"reminders\" INTEGER,\n"
          + "  \"lines\" CHARACTER VARYING\n"
          + ")",
      "CREATE UNIQUE INDEX IF NOT EXISTS \"sales_invoices_seq_idx\" ON \"sales_invoices\" (\"_seq\")"};
  /** The runtime's find. */
  public static final String SELECT_BY_ID = "SELECT \"_id\", \"_rev\", \"_deleted\", \"number\", \"customer\", "
      + "\"total\", \"issued_on\", \"status\", \"reminders\", \"lines\" FROM \"sales_invoices\" "
      + "WHERE \"_id\" = ? AND \"_deleted\" = FALSE";
  /** The runtime's insert. */
  public static final String INSERT = "INSERT INTO \"sales_invoices\" (\"_id\", \"_rev\", \"_deleted\", \"_seq\", "
      + "\"number\", \"customer\", \"total\", \"issued_on\", \"status\", \"reminders\", \"lines\") "
      + "VALUES (?, ?, ?, NEXT VALUE FOR \"sales_invoices_seq\", ?, ?, ?, ?, ?, ?, ?)";
  /** The runtime's conditional update. */
  public static final String UPDATE = "UPDATE \"sales_invoices\" SET \"_rev\" = ?, \"_deleted\" = ?, "
      + "\"_seq\" = NEXT VALUE FOR \"sales_invoices_seq\", \"_updated_at\" = CURRENT_TIMESTAMP, "
      + "\"number\" = ?, \"customer\" = ?, \"total\" = ?, \"issued_on\" = ?, \"status\" = ?, \"reminders\" = ?, "
      + "\"lines\" = ? WHERE \"_id\" = ? AND \"_rev\" = ?";

  private static final ObjectReader LINES = new ObjectMapper().readerFor(new TypeReference<List<InvoiceLine>>() {});

  private final String url;
  private final boolean inMemory;
  private final Queue<Session> sessions = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<Session> session = ThreadLocal.withInitial(this::openSession);

  /** Creates the runtime's table at {@code url}. */
  public JdbcContender(String url) {
    this.inMemory = url.startsWith("jdbc:h2:mem:");
    // Like the runtime, keep an in-memory database alive between connections until close().
    this.url = inMemory ? url + ";DB_CLOSE_DELAY=-1" : url;
    try (Connection c = DriverManager.getConnection(this.url); Statement s = c.createStatement()) {
      for (String ddl : DDL) {
        s.execute(ddl);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the table at " + url, e);
    }
  }

  /** One thread's connection with its statements, prepared once. */
  private static final class Session {
    final Connection connection;
    final PreparedStatement select;
    final PreparedStatement insert;
    final PreparedStatement update;
    final CanonicalInvoice canonical = new CanonicalInvoice();

    Session(Connection connection) throws SQLException {
      this.connection = connection;
      this.select = connection.prepareStatement(SELECT_BY_ID);
      this.insert = connection.prepareStatement(INSERT);
      this.update = connection.prepareStatement(UPDATE);
    }
  }

  private Session openSession() {
    try {
      Session s = new Session(DriverManager.getConnection(url));
      sessions.add(s);
      return s;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void insert(String id, int n) {
    Session s = session.get();
    List<InvoiceLine> lines = Invoices.lines(n);
    String number = Invoices.number(n);
    String customer = Invoices.customer(n);
    BigDecimal total = Invoices.total(lines);
    LocalDate issuedOn = Invoices.issuedOn(n);
    Status status = Invoices.status();
    String linesJson = s.canonical.lines(lines);
    String rev = s.canonical.revision(null, customer, issuedOn, linesJson, number, 0, status, total);
    try {
      PreparedStatement ps = s.insert;
      ps.setString(1, id);
      ps.setString(2, rev);
      ps.setBoolean(3, false);
      ps.setString(4, number);
      ps.setString(5, customer);
      ps.setBigDecimal(6, total);
      ps.setObject(7, issuedOn);
      ps.setString(8, status.name());
      ps.setInt(9, 0);
      ps.setString(10, linesJson);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One transaction: setup is not measured. */
  @Override
  public void insertAll(String[] ids) {
    Connection c = session.get().connection;
    try {
      c.setAutoCommit(false);
      for (int i = 0; i < ids.length; i++) {
        insert(ids[i], i);
      }
      c.commit();
      c.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public JdbcInvoice findById(String id) {
    return find(session.get(), id);
  }

  private static JdbcInvoice find(Session s, String id) {
    try {
      PreparedStatement ps = s.select;
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        JdbcInvoice invoice = new JdbcInvoice();
        invoice.id = rs.getString(1);
        invoice.rev = rs.getString(2);
        invoice.number = rs.getString(4);
        invoice.customer = rs.getString(5);
        BigDecimal total = rs.getBigDecimal(6);
        invoice.total = total != null && total.scale() < 0 ? total.setScale(0) : total;
        invoice.issuedOn = rs.getObject(7, LocalDate.class);
        String status = rs.getString(8);
        invoice.status = status == null ? null : Status.valueOf(status);
        invoice.reminders = rs.getInt(9);
        invoice.linesJson = rs.getString(10);
        invoice.lines = invoice.linesJson == null ? null : LINES.readValue(invoice.linesJson);
        return invoice;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored lines of " + id + " are not valid JSON", e);
    }
  }

  @Override
  public void readModifyWrite(String id) {
    Session s = session.get();
    JdbcInvoice invoice = find(s, id);
    invoice.reminders++;
    if (!update(s, invoice)) {
      throw new IllegalStateException("invoice " + id + " changed since revision " + invoice.rev);
    }
  }

  @Override
  public int increment(String id) {
    Session s = session.get();
    for (int conflicts = 0; ; conflicts++) {
      JdbcInvoice invoice = find(s, id);
      invoice.reminders++;
      if (update(s, invoice)) {
        return conflicts;
      }
    }
  }

  /** The conditional write of every field, as the runtime does it; false if the revision moved on. */
  private static boolean update(Session s, JdbcInvoice invoice) {
    // Only reminders changed, which hand-written code knows: the stored JSON of the lines is reused as is.
    String rev = s.canonical.revision(invoice.rev, invoice.customer, invoice.issuedOn, invoice.linesJson,
        invoice.number, invoice.reminders, invoice.status, invoice.total);
    try {
      PreparedStatement ps = s.update;
      ps.setString(1, rev);
      ps.setBoolean(2, false);
      ps.setString(3, invoice.number);
      ps.setString(4, invoice.customer);
      ps.setBigDecimal(5, invoice.total);
      ps.setObject(6, invoice.issuedOn);
      ps.setString(7, invoice.status.name());
      ps.setInt(8, invoice.reminders);
      ps.setString(9, invoice.linesJson);
      ps.setString(10, invoice.id);
      ps.setString(11, invoice.rev);
      if (ps.executeUpdate() == 1) {
        invoice.rev = rev;
        return true;
      }
      return false;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public int reminders(String id) {
    return find(session.get(), id).reminders;
  }

  @Override
  public String revision(String id) {
    return find(session.get(), id).rev;
  }

  @Override
  public void close() {
    try {
      for (Session s : sessions) {
        s.connection.close();
      }
      if (inMemory) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
