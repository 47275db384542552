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
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hand-written JDBC running exactly the statements Pocketto runs for the benchmark model (their text
 * is copied from the runtime, and a smoke test checks it against what the runtime sends), prepared once
 * per connection, one connection per thread, bound by index, with the same revision. Every write is one
 * auto-committed statement, as the runtime's. This is the limit Pocketto is measured against.
 */
public final class JdbcContender implements Contender {
  /** The writer every write of this contender records, as the runtime records its database's writer. */
  private static final String WRITER = "bench";
  private static final ObjectReader LINES = new ObjectMapper().readerFor(new TypeReference<List<InvoiceLine>>() {});

  private final String url;
  private final boolean inMemory;
  private final RuntimeStatements sql;
  /**
   * On H2, the changes-feed numbers this process draws for its writes, as the runtime's
   * {@code LocalSequence} does, starting above the largest stored. The runtime also keeps each number
   * in flight until its write ends (for the feed's readers); that bookkeeping is the runtime's own cost
   * and the limit leaves it out.
   */
  private final AtomicLong positions = new AtomicLong();
  private final Queue<Session> sessions = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<Session> session = ThreadLocal.withInitial(this::openSession);

  /** Creates the runtime's table at {@code url}. */
  public JdbcContender(String url) {
    this.inMemory = url.startsWith("jdbc:h2:mem:");
    this.sql = RuntimeStatements.of(url);
    // Like the runtime, keep an in-memory database alive between connections until close(), and make a
    // file database write each commit before it returns.
    this.url = sql == RuntimeStatements.POSTGRES ? url : url + (inMemory ? ";DB_CLOSE_DELAY=-1" : ";WRITE_DELAY=0");
    try (Connection c = DriverManager.getConnection(this.url); Statement s = c.createStatement()) {
      for (String ddl : sql.ddl()) {
        s.execute(ddl);
      }
      try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(\"_seq\"), 0) FROM \"sales_invoices\"")) {
        rs.next();
        positions.set(rs.getLong(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the table at " + url, e);
    }
  }

  /** One thread's connection with its statements, prepared once; auto-commit, as the runtime's writes. */
  private static final class Session {
    final Connection connection;
    final PreparedStatement select;
    final PreparedStatement latestOfCustomer;
    final PreparedStatement insert;
    final PreparedStatement update;
    final CanonicalInvoice canonical = new CanonicalInvoice();
    final boolean canonicalizeLoadedJson;

    Session(Connection connection, RuntimeStatements sql) throws SQLException {
      this.connection = connection;
      this.canonicalizeLoadedJson = !sql.storesJsonText();
      this.select = connection.prepareStatement(sql.selectById());
      this.latestOfCustomer = connection.prepareStatement(sql.selectLatestOfCustomer());
      this.insert = connection.prepareStatement(sql.insert());
      this.update = connection.prepareStatement(sql.update());
    }
  }

  private Session openSession() {
    try {
      Session s = new Session(DriverManager.getConnection(url), sql);
      sessions.add(s);
      return s;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Binds the row's changes-feed number at {@code index} where the writer draws it (H2), as the runtime
   * does; returns the next index. On PostgreSQL the statement draws it from the server.
   */
  private int bindPosition(PreparedStatement ps, int index) throws SQLException {
    if (!sql.drawsPositionsInProcess()) {
      return index;
    }
    ps.setLong(index, positions.incrementAndGet());
    return index + 1;
  }

  /** A random id for one write, never 0, as the runtime stores in {@code _attempt}. */
  private static long attempt() {
    long id = ThreadLocalRandom.current().nextLong();
    return id == 0 ? 1 : id;
  }

  @Override
  public void insert(String id, int n) {
    try {
      insertStatement(session.get(), id, n);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean insertStatement(Session s, String id, int n) throws SQLException {
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
    bindWrite(ps, 2, rev, number, customer, total, issuedOn, status, 0, linesJson);
    return ps.executeUpdate() == 1;
  }

  /**
   * Binds what an insert and an update both write, in the runtime's column order from {@code first}: the
   * new revision, not deleted, the writer, the fields, a new attempt id and (on H2) the feed position.
   * Returns the next index.
   */
  private int bindWrite(PreparedStatement ps, int first, String rev, String number, String customer, BigDecimal total,
      LocalDate issuedOn, Status status, int reminders, String linesJson) throws SQLException {
    int index = first;
    ps.setString(index++, rev);
    ps.setBoolean(index++, false);
    ps.setString(index++, WRITER);
    ps.setString(index++, number);
    ps.setString(index++, customer);
    ps.setBigDecimal(index++, total);
    ps.setObject(index++, issuedOn);
    ps.setString(index++, status.name());
    ps.setInt(index++, reminders);
    ps.setString(index++, linesJson);
    ps.setLong(index++, attempt());
    return bindPosition(ps, index);
  }

  /** One transaction, as the runtime's bundle: setup is not measured. */
  @Override
  public void insertAll(String[] ids) {
    Session s = session.get();
    try {
      s.connection.setAutoCommit(false);
      for (int i = 0; i < ids.length; i++) {
        insertStatement(s, ids[i], i);
      }
      s.connection.commit();
      s.connection.setAutoCommit(true);
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
        return rs.next() ? read(s, rs) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<JdbcInvoice> latestOfCustomer(String customer) {
    try {
      Session s = session.get();
      PreparedStatement ps = s.latestOfCustomer;
      ps.setString(1, customer);
      if (sql.bindsRowLimit()) {
        ps.setInt(2, QUERY_LIMIT);
      }
      List<JdbcInvoice> invoices = new ArrayList<>(QUERY_LIMIT);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          invoices.add(read(s, rs));
        }
      }
      return invoices;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One row of the runtime's column list, by index, its lines decoded. Where the database rewrites
   * JSON (jsonb), the lines are encoded canonically again, as the runtime does, so the text that is
   * hashed and written back is the same.
   */
  private static JdbcInvoice read(Session s, ResultSet rs) throws SQLException {
    JdbcInvoice invoice = new JdbcInvoice();
    invoice.id = rs.getString(1);
    invoice.rev = rs.getString(2);
    // Column 4 is the writer, which this contender does not keep, as a record keeps it only in meta().
    invoice.number = rs.getString(5);
    invoice.customer = rs.getString(6);
    BigDecimal total = rs.getBigDecimal(7);
    invoice.total = total != null && total.scale() < 0 ? total.setScale(0) : total;
    invoice.issuedOn = rs.getObject(8, LocalDate.class);
    String status = rs.getString(9);
    invoice.status = status == null ? null : Status.valueOf(status);
    invoice.reminders = rs.getInt(10);
    invoice.linesJson = rs.getString(11);
    invoice.createdAt = rs.getObject(12, java.time.OffsetDateTime.class);
    invoice.updatedAt = rs.getObject(13, java.time.OffsetDateTime.class);
    try {
      invoice.lines = invoice.linesJson == null ? null : LINES.readValue(invoice.linesJson);
      if (s.canonicalizeLoadedJson && invoice.lines != null) {
        invoice.linesJson = s.canonical.lines(invoice.lines);
      }
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
  public void write(Object held) {
    JdbcInvoice invoice = (JdbcInvoice) held;
    invoice.reminders++;
    if (!update(session.get(), invoice)) {
      throw new IllegalStateException("invoice " + invoice.id + " changed since revision " + invoice.rev);
    }
  }

  @Override
  public int increment(String id) {
    Session s = session.get();
    for (int conflicts = 0; ; conflicts++) {
      JdbcInvoice invoice = find(s, id);
      invoice.reminders++;
      try {
        if (update(s, invoice)) {
          return conflicts;
        }
      } catch (IllegalStateException e) {
        // H2 fails an update that waited longer than its lock timeout for the row lock. JDBC calls that
        // transient: nothing was written, so like a lost revision check it is retried from a fresh read.
        if (!(e.getCause() instanceof SQLTransientException)) {
          throw e;
        }
      }
    }
  }

  /**
   * The conditional write of every field, one auto-committed statement as the runtime's; false if the
   * revision moved on.
   */
  private boolean update(Session s, JdbcInvoice invoice) {
    // Only reminders changed, which hand-written code knows: the stored JSON of the lines is reused as is.
    String rev = s.canonical.revision(invoice.rev, invoice.customer, invoice.issuedOn, invoice.linesJson,
        invoice.number, invoice.reminders, invoice.status, invoice.total);
    try {
      PreparedStatement ps = s.update;
      int next = bindWrite(ps, 1, rev, invoice.number, invoice.customer, invoice.total, invoice.issuedOn,
          invoice.status, invoice.reminders, invoice.linesJson);
      ps.setString(next, invoice.id);
      ps.setString(next + 1, invoice.rev);
      ps.setString(next + 2, WRITER);
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
