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
import java.util.ArrayList;
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
  /** The runtime's DDL for the model's {@code @Index({"customer", "issuedOn"})}. */
  static final String INDEX_CUSTOMER_ISSUED_ON = "CREATE INDEX IF NOT EXISTS \"sales_invoices_customer_issued_on_idx\" "
      + "ON \"sales_invoices\" (\"customer\", \"issued_on\")";
  /** The runtime's change counter, table and index DDL for the model, and the counter's first row. */
  static final String[] DDL = {
      "CREATE TABLE IF NOT EXISTS \"pocketto_sequences\" (\"collection\" CHARACTER VARYING(255) NOT NULL"
          + " PRIMARY KEY, \"last_seq\" BIGINT NOT NULL)",
      "CREATE TABLE IF NOT EXISTS \"sales_invoices\" (\n"
          + "  \"_id\" CHARACTER VARYING(255) NOT NULL PRIMARY KEY,\n"
          + "  \"_rev\" CHARACTER VARYING(64) NOT NULL,\n"
          + "  \"_deleted\" BOOLEAN DEFAULT FALSE NOT NULL,\n"
          + "  \"_seq\" BIGINT,\n"
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
      "CREATE UNIQUE INDEX IF NOT EXISTS \"sales_invoices_seq_idx\" ON \"sales_invoices\" (\"_seq\")",
      INDEX_CUSTOMER_ISSUED_ON,
      "MERGE INTO \"pocketto_sequences\" KEY (\"collection\") VALUES ('sales_invoices', 0)"};
  /** The runtime's find. */
  public static final String SELECT_BY_ID = "SELECT \"_id\", \"_rev\", \"_deleted\", \"number\", \"customer\", "
      + "\"total\", \"issued_on\", \"status\", \"reminders\", \"lines\" FROM \"sales_invoices\" "
      + "WHERE \"_id\" = ? AND \"_deleted\" = FALSE";
  /** The runtime's typed query: a customer's latest invoices, the id as the last sort key. */
  public static final String SELECT_LATEST_OF_CUSTOMER = "SELECT \"_id\", \"_rev\", \"_deleted\", \"number\", "
      + "\"customer\", \"total\", \"issued_on\", \"status\", \"reminders\", \"lines\" FROM \"sales_invoices\" "
      + "WHERE \"_deleted\" = FALSE AND (\"customer\" = ?) ORDER BY \"issued_on\" DESC NULLS LAST, \"_id\" ASC "
      + "FETCH FIRST ? ROWS ONLY";
  /** The runtime's insert. */
  public static final String INSERT = "INSERT INTO \"sales_invoices\" (\"_id\", \"_rev\", \"_deleted\", "
      + "\"number\", \"customer\", \"total\", \"issued_on\", \"status\", \"reminders\", \"lines\") "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  /** The runtime's conditional update. */
  public static final String UPDATE = "UPDATE \"sales_invoices\" SET \"_rev\" = ?, \"_deleted\" = ?, "
      + "\"_updated_at\" = CURRENT_TIMESTAMP, "
      + "\"number\" = ?, \"customer\" = ?, \"total\" = ?, \"issued_on\" = ?, \"status\" = ?, \"reminders\" = ?, "
      + "\"lines\" = ? WHERE \"_id\" = ? AND \"_rev\" = ?";

  /** The runtime's change number, drawn by the last statement before commit of the same transaction. */
  public static final String ASSIGN_CHANGE_NUMBER = "UPDATE \"sales_invoices\" SET \"_seq\" = (SELECT \"last_seq\" "
      + "FROM FINAL TABLE (UPDATE \"pocketto_sequences\" SET \"last_seq\" = \"last_seq\" + 1 WHERE "
      + "\"collection\" = ?)) WHERE \"_id\" = ?";

  private static final ObjectReader LINES = new ObjectMapper().readerFor(new TypeReference<List<InvoiceLine>>() {});

  private final String url;
  private final boolean inMemory;
  private final Queue<Session> sessions = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<Session> session = ThreadLocal.withInitial(this::openSession);

  /** Creates the runtime's table at {@code url}. */
  public JdbcContender(String url) {
    this.inMemory = url.startsWith("jdbc:h2:mem:");
    // Like the runtime, keep an in-memory database alive between connections until close().
    // Like the runtime, keep an in-memory database alive between connections until close(), and make a
    // file database write each commit before it returns.
    this.url = url + (inMemory ? ";DB_CLOSE_DELAY=-1" : ";WRITE_DELAY=0");
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
    final PreparedStatement latestOfCustomer;
    final PreparedStatement insert;
    final PreparedStatement update;
    final PreparedStatement assignChangeNumber;
    final CanonicalInvoice canonical = new CanonicalInvoice();

    Session(Connection connection) throws SQLException {
      this.connection = connection;
      // Each write is a transaction of its own: the conditional write, then the change number, then commit.
      connection.setAutoCommit(false);
      this.select = connection.prepareStatement(SELECT_BY_ID);
      this.latestOfCustomer = connection.prepareStatement(SELECT_LATEST_OF_CUSTOMER);
      this.insert = connection.prepareStatement(INSERT);
      this.update = connection.prepareStatement(UPDATE);
      this.assignChangeNumber = connection.prepareStatement(ASSIGN_CHANGE_NUMBER);
    }

    /** Draws the document's change number, as the runtime does as the last statement of a write. */
    void drawChangeNumber(String id) throws SQLException {
      assignChangeNumber.setString(1, "sales_invoices");
      assignChangeNumber.setString(2, id);
      assignChangeNumber.executeUpdate();
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
    try {
      insertUncommitted(s, id, n);
      s.connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void insertUncommitted(Session s, String id, int n) throws SQLException {
    List<InvoiceLine> lines = Invoices.lines(n);
    String number = Invoices.number(n);
    String customer = Invoices.customer(n);
    BigDecimal total = Invoices.total(lines);
    LocalDate issuedOn = Invoices.issuedOn(n);
    Status status = Invoices.status();
    String linesJson = s.canonical.lines(lines);
    String rev = s.canonical.revision(null, customer, issuedOn, linesJson, number, 0, status, total);
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
    s.drawChangeNumber(id);
  }

  /** One transaction: setup is not measured. */
  @Override
  public void insertAll(String[] ids) {
    Session s = session.get();
    try {
      for (int i = 0; i < ids.length; i++) {
        insertUncommitted(s, ids[i], i);
      }
      s.connection.commit();
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
        return rs.next() ? read(rs) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<JdbcInvoice> latestOfCustomer(String customer) {
    try {
      PreparedStatement ps = session.get().latestOfCustomer;
      ps.setString(1, customer);
      ps.setInt(2, QUERY_LIMIT);
      List<JdbcInvoice> invoices = new ArrayList<>(QUERY_LIMIT);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          invoices.add(read(rs));
        }
      }
      return invoices;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One row of the runtime's column list, by index, its lines decoded. */
  private static JdbcInvoice read(ResultSet rs) throws SQLException {
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
    try {
      invoice.lines = invoice.linesJson == null ? null : LINES.readValue(invoice.linesJson);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored lines of " + invoice.id + " are not valid JSON", e);
    }
    return invoice;
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
        s.drawChangeNumber(invoice.id);
        s.connection.commit();
        invoice.rev = rev;
        return true;
      }
      s.connection.rollback();
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
