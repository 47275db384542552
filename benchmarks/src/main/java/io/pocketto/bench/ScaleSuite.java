package io.pocketto.bench;

import io.pocketto.Database;
import io.pocketto.ModelStore;
import io.pocketto.Pocketto;
import io.pocketto.bench.model.ScaleInvoice;
import io.pocketto.internal.Ids;
import io.pocketto.query.Query;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

/**
 * How query costs grow with the collection: every operation at 10,000, 100,000 and 1,000,000 documents
 * on H2 (file) and PostgreSQL, through Pocketto and through hand-written JDBC on the same table and
 * indexes (Pocketto's DDL). Not JMH: filling a million documents once per size and backend, then timing
 * each operation, is what makes the sizes comparable. Each operation is warmed up, then timed one call at a
 * time, Pocketto and jdbc taking turns ({@link #both}); the median per call and the calling thread's CPU time
 * per call are reported.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.pocketto.bench.ScaleSuite 10000,100000 H2_FILE,POSTGRES}
 */
public final class ScaleSuite {
  static final int PAGE = 10;
  private static final int DEEP_PAGE = 1_000;
  private static final long WARMUP_NANOS = 1_000_000_000L;
  private static final long MEASURE_NANOS = 2_000_000_000L;
  private static final int MEASURED = 1_000;
  private static final int MIN_MEASURED = 20;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** How many turns Pocketto and jdbc take at being timed on one read, and how long each turn is; see {@link #both}. */
  private static final int TURNS = 10;
  private static final long TURN_MILLIS = 200;
  static final LocalDate EPOCH = LocalDate.of(2025, 1, 1);
  /** The columns every Pocketto read of this model selects, in its order: a hand-written read of it needs them too. */
  private static final String COLUMNS = "\"_id\", \"_rev\", \"_deleted\", \"_writer\", \"number\", \"customer\", "
      + "\"total\", \"issued_on\", \"_created_at\", \"_updated_at\"";

  private ScaleSuite() {}

  /** Sizes and backends, comma-separated; defaults {@code 10000,100000,1000000} and {@code H2_FILE,POSTGRES}. */
  public static void main(String[] args) throws Exception {
    int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000,1000000").split(","))
        .mapToInt(Integer::parseInt).toArray();
    String[] backends = (args.length > 1 ? args[1] : "H2_FILE,POSTGRES").split(",");
    System.out.println("| backend | documents | operation | pocketto µs | jdbc µs | pocketto / jdbc "
        + "| pocketto CPU µs | jdbc CPU µs | pocketto / jdbc, CPU |");
    System.out.println("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (String backend : backends) {
      for (int size : sizes) {
        run(Backend.valueOf(backend), size);
      }
    }
  }

  private static void run(Backend backend, int size) throws Exception {
    Backend.Location location = backend.open("scale-" + size + "-" + System.nanoTime());
    // H2 hands back the previous result when a statement runs again with the same values and the table is
    // unchanged, which would time a cache, not the query; every variant runs without that.
    String url = backend == Backend.POSTGRES ? location.url() : location.url() + ";OPTIMIZE_REUSE_RESULTS=FALSE";
    try (Database db = Pocketto.connect(url)) {
      ModelStore<ScaleInvoice> invoices = ScaleInvoice.in(db);
      long filling = System.nanoTime();
      String[] ids = fill(db, invoices, size);
      try (Connection c = DriverManager.getConnection(db.url()); Statement s = c.createStatement()) {
        // Fresh statistics and visibility, as autovacuum would leave them, so that it does not run mid-measurement.
        s.execute(backend == Backend.POSTGRES ? "VACUUM ANALYZE \"scale_invoices\"" : "ANALYZE");
      }
      System.err.printf(Locale.ROOT, "%s %,d documents stored in %.0f s%n", backend, size,
          (System.nanoTime() - filling) / 1e9);
      try (Connection c = DriverManager.getConnection(db.url())) {
        Jdbc jdbc = new Jdbc(c);
        // A first pass compiles every path (the JIT), so that no operation pays for those measured before it.
        measure(db, invoices, jdbc, ids, size);
        Map<String, double[]> results = measure(db, invoices, jdbc, ids, size);
        for (Map.Entry<String, double[]> e : results.entrySet()) {
          double[] r = e.getValue();
          System.out.printf(Locale.ROOT, "| %s | %,d | %s | %.1f | %s | %s | %s | %s | %s |%n", backend, size,
              e.getKey(), r[0], figure(r[1], "%.1f"), figure(r[0] / r[1], "%.2f"), figure(r[2], "%.1f"),
              figure(r[3], "%.1f"), figure(r[2] / r[3], "%.2f"));
        }
      }
    } finally {
      location.delete();
    }
  }

  /** {@code value} in {@code format}, or nothing where there is no figure. */
  private static String figure(double value, String format) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
  }

  /** Invoice {@code n}: numbers unique and in random order, a date per day over three years, 97 customers. */
  static void set(ScaleInvoice invoice, int n) {
    invoice.setNumber(String.format("INV-%08d", (int) ((n * 2_654_435_761L) % 100_000_000L)));
    invoice.setCustomer("Customer " + n % 97);
    invoice.setIssuedOn(EPOCH.plusDays(n % 1_095));
    invoice.setTotal(BigDecimal.valueOf(n % 10_000, 2));
  }

  static String[] fill(Database db, ModelStore<ScaleInvoice> invoices, int size) {
    String[] ids = new String[size];
    int batch = 5_000;
    for (int from = 0; from < size; from += batch) {
      int start = from;
      db.bundle(bundle -> {
        for (int n = start; n < Math.min(size, start + batch); n++) {
          ScaleInvoice invoice = new ScaleInvoice();
          set(invoice, n);
          ids[n] = invoices.save(invoice).getId();
        }
      });
    }
    return ids;
  }

  private static Map<String, double[]> measure(Database db, ModelStore<ScaleInvoice> invoices, Jdbc jdbc,
      String[] ids, int size) throws SQLException {
    Map<String, double[]> out = new LinkedHashMap<>();
    long[] random = {0x9E3779B97F4A7C15L};
    Query<ScaleInvoice> asc = invoices.query().orderBy(ScaleInvoice.NUMBER.asc());
    Query<ScaleInvoice> desc = invoices.query().orderBy(ScaleInvoice.NUMBER.desc());
    int deepOffset = (DEEP_PAGE - 1) * PAGE;
    String ascCursor = asc.offset(deepOffset - PAGE).slice(PAGE).nextCursor();
    String descCursor = desc.offset(deepOffset - PAGE).slice(PAGE).nextCursor();
    ScaleInvoice ascLast = asc.offset(deepOffset - 1).first().orElseThrow();
    ScaleInvoice descLast = desc.offset(deepOffset - 1).first().orElseThrow();

    System.err.println("plan of page 1,000 by seek, desc:\n" + desc.after(descCursor).limit(PAGE + 1).explain());
    System.err.println("plan of page 1 by offset, asc:\n" + asc.limit(PAGE).explain());
    System.err.println("plan of the filter on an indexed field:\n"
        + invoices.query().where(ScaleInvoice.ISSUED_ON.eq(EPOCH)).limit(PAGE).explain());
    out.put("find", both(n -> invoices.find(ids[Defaults.pick(random, ids.length)]).orElseThrow(),
        n -> jdbc.find(ids[Defaults.pick(random, ids.length)])));
    for (boolean descending : new boolean[] {false, true}) {
      Query<ScaleInvoice> ordered = descending ? desc : asc;
      String dir = descending ? "desc" : "asc";
      out.put("page 1 by offset, " + dir, both(n -> ordered.limit(PAGE).list(),
          n -> jdbc.page(descending, 0)));
      out.put("page 1,000 by offset, " + dir, both(n -> ordered.offset(deepOffset).limit(PAGE).list(),
          n -> jdbc.page(descending, deepOffset)));
      out.put("page 1 by seek, " + dir, both(n -> ordered.slice(PAGE), n -> jdbc.firstSlice(descending)));
      String cursor = descending ? descCursor : ascCursor;
      ScaleInvoice last = descending ? descLast : ascLast;
      out.put("page 1,000 by seek, " + dir, both(n -> ordered.after(cursor).slice(PAGE),
          n -> jdbc.slice(descending, last.getNumber(), last.getId())));
      // The same page from the last record, as a server that pages for itself reads it: no cursor is made or
      // read, which is what the jdbc variant does too, so the two rows together show what the cursor costs.
      out.put("page 1,000 by seek after a record, " + dir, both(n -> ordered.after(last).limit(PAGE + 1).list(),
          n -> jdbc.slice(descending, last.getNumber(), last.getId())));
    }
    out.put("filter on indexed field (10 of one day)",
        both(n -> invoices.query().where(ScaleInvoice.ISSUED_ON.eq(EPOCH.plusDays(n % 1_095))).limit(PAGE).list(),
            n -> jdbc.ofDay(EPOCH.plusDays(n % 1_095))));
    out.put("count", both(n -> invoices.query().count(), n -> jdbc.count()));
    out.put("update (find, change, save)", alone(n -> {
      ScaleInvoice invoice = invoices.find(ids[Defaults.pick(random, ids.length)]).orElseThrow();
      invoice.setTotal(invoice.getTotal().add(BigDecimal.ONE));
      invoices.save(invoice);
    }));
    int[] next = {size};
    out.put("insert", alone(n -> {
      ScaleInvoice invoice = new ScaleInvoice();
      set(invoice, next[0]++);
      invoices.save(invoice);
    }));
    if (jdbc.writes()) {
      // What H2 itself charges for the same writes at this size: Pocketto's statements as plain JDBC, with no
      // revision to compute, so that the growth of Pocketto's writes can be told from the engine's.
      out.put("update, plain JDBC (H2's own cost)", alone(unchecked(n -> jdbc.update(ids[Defaults.pick(random,
          ids.length)]))));
      out.put("insert, plain JDBC (H2's own cost)", alone(unchecked(n -> jdbc.insert(next[0]++))));
    }
    return out;
  }

  /**
   * Pocketto's and jdbc's medians, in microseconds, taking turns: after 1 s of untimed calls each, {@value #TURNS}
   * turns in which each variant is timed for {@value #TURN_MILLIS} ms, Pocketto first, so that neither gets a
   * quieter machine, a warmer cache or a later JIT state than the other. Each variant's argument counts on
   * across its turns from where its warm-up stopped, so both step through the same kind of arguments (another
   * day, another id) without repeating the last turn's.
   */
  private static double[] both(IntConsumer pocketto, SqlOp jdbc) {
    Timings p = new Timings(pocketto);
    Timings j = new Timings(unchecked(jdbc));
    p.warmUp();
    j.warmUp();
    for (int turn = 0; turn < TURNS; turn++) {
      p.time(TURN_MILLIS * 1_000_000L, MEASURED / TURNS, MIN_MEASURED / TURNS);
      j.time(TURN_MILLIS * 1_000_000L, MEASURED / TURNS, MIN_MEASURED / TURNS);
    }
    return new double[] {p.median(), j.median(), p.cpuPerCall(), j.cpuPerCall()};
  }

  /**
   * The median of up to {@value #MEASURED} timed calls of a write (at least {@value #MIN_MEASURED}, and no more
   * than 2 s of them) and their CPU time per call, in microseconds, after 1 s of untimed calls to warm up the JIT
   * and the caches; no jdbc figures.
   */
  private static double[] alone(IntConsumer op) {
    Timings timings = new Timings(op);
    timings.warmUp();
    timings.time(MEASURE_NANOS, MEASURED, MIN_MEASURED);
    return new double[] {timings.median(), Double.NaN, timings.cpuPerCall(), Double.NaN};
  }

  /** The timed calls of one operation so far, and the argument of its next call. */
  private static final class Timings {
    private final IntConsumer op;
    private final long[] nanos = new long[MEASURED];
    private int count;
    private int next;
    private long cpuNanos;

    Timings(IntConsumer op) {
      this.op = op;
    }

    /** Calls the operation, untimed, for {@link #WARMUP_NANOS}: the JIT and the caches warm up. */
    void warmUp() {
      for (long end = System.nanoTime() + WARMUP_NANOS; System.nanoTime() < end; ) {
        op.accept(next++);
      }
    }

    /** Times calls for up to {@code budget} ns: at least {@code least} of them and at most {@code most}. */
    void time(long budget, int most, int least) {
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      long end = System.nanoTime() + budget;
      for (int taken = 0; count < nanos.length && taken < most && (taken < least || System.nanoTime() < end);
          taken++) {
        long start = System.nanoTime();
        op.accept(next++);
        nanos[count++] = System.nanoTime() - start;
      }
      cpuNanos += THREADS.getCurrentThreadCpuTime() - cpuStart;
    }

    /**
     * The calling thread's CPU time per timed call, in microseconds: what the variant itself costs, without
     * the time spent waiting for the database (on PostgreSQL, the round trip, whose wake-up latency on an idle
     * machine differs between connections by 2-3x).
     */
    double cpuPerCall() {
      return cpuNanos / 1_000.0 / count;
    }

    /** The median of the timed calls, in microseconds. */
    double median() {
      long[] taken = Arrays.copyOf(nanos, count);
      Arrays.sort(taken);
      return taken[count / 2] / 1_000.0;
    }
  }


  @FunctionalInterface
  private interface SqlOp {
    void run(int n) throws SQLException;
  }

  /** {@code op} where a plain call is expected: a failure of the database ends the run. */
  private static IntConsumer unchecked(SqlOp op) {
    return n -> {
      try {
        op.run(n);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** A row as hand-written JDBC would read it. */
  record Row(String id, String rev, String writer, String number, String customer, BigDecimal total,
      LocalDate issuedOn, Instant createdAt, Instant updatedAt) {}

  /**
   * The same reads written by hand: Pocketto's statement text for each, on one connection, prepared
   * once, bound and read by index. On H2 also Pocketto's two writes, as the engine's own cost of them: the same
   * statements with a revision that is drawn, not computed, and no conflict handling beyond the statement's.
   */
  static final class Jdbc {
    private static final String WRITER = "scale-suite-jdbc";
    private static final String FROM = "SELECT " + COLUMNS + " FROM \"scale_invoices\" WHERE \"_deleted\" = FALSE";
    private final PreparedStatement find;
    private final PreparedStatement[] page = new PreparedStatement[2];
    private final PreparedStatement[] firstSlice = new PreparedStatement[2];
    private final PreparedStatement[] slice = new PreparedStatement[2];
    private final PreparedStatement ofDay;
    private final PreparedStatement count;
    /** Pocketto's INSERT and UPDATE of this table on H2, as it writes them; {@code null} on PostgreSQL. */
    private final PreparedStatement insert;
    private final PreparedStatement update;
    /**
     * The changes-feed numbers of these writes, drawn here as the runtime draws its own on H2, far above the
     * runtime's: nothing in the suite reads the feed, and the two never take the same number.
     */
    private long position;
    /**
     * Whether the row limits are written into the statements, as Pocketto writes them on PostgreSQL (whose one plan
     * of a prepared statement then knows them, see {@code Dialect.writesRowLimit}); on H2 they are bound.
     */
    private final boolean limitInText;

    Jdbc(Connection c) throws SQLException {
      limitInText = c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
      find = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM \"scale_invoices\" WHERE \"_id\" = ? AND \"_deleted\" = FALSE");
      for (int d = 0; d < 2; d++) {
        String order = d == 0 ? " ORDER BY \"number\" ASC NULLS FIRST, \"_id\" ASC"
            : " ORDER BY \"number\" DESC NULLS LAST, \"_id\" DESC";
        page[d] = c.prepareStatement(FROM + order + " " + window(true, PAGE));
        firstSlice[d] = c.prepareStatement(FROM + order + " " + window(false, PAGE + 1));
        // No number is null here, so the rows after a position are one range: the stretch of nulls that
        // Pocketto also reads for a descending order is empty, and hand-written code would skip it.
        slice[d] = c.prepareStatement(FROM + " AND ((\"number\", \"_id\") " + (d == 0 ? ">" : "<") + " (?, ?))"
            + order + " " + window(false, PAGE + 1));
      }
      // Sorted by the day first, as Pocketto now writes it: the index on (issued_on, _id) then serves the
      // page on H2, which otherwise reads every invoice of the day and sorts them by id.
      ofDay = c.prepareStatement(FROM + " AND (\"issued_on\" = ?) ORDER BY \"issued_on\" ASC NULLS FIRST, \"_id\" ASC "
          + window(false, PAGE));
      count = c.prepareStatement("SELECT COUNT(*) FROM \"scale_invoices\" WHERE \"_deleted\" = FALSE");
      if (limitInText) {
        insert = null;
        update = null;
      } else {
        insert = c.prepareStatement("INSERT INTO \"scale_invoices\" (\"_id\", \"_rev\", \"_deleted\", \"_writer\", "
            + "\"number\", \"customer\", \"total\", \"issued_on\", \"_attempt\", \"_seq\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        update = c.prepareStatement("UPDATE \"scale_invoices\" SET \"_rev\" = ?, \"_deleted\" = ?, \"_writer\" = ?, "
            + "\"_updated_at\" = CURRENT_TIMESTAMP, \"number\" = ?, \"customer\" = ?, \"total\" = ?, \"issued_on\" = ?, "
            + "\"_attempt\" = ?, \"_seq\" = ? WHERE \"_id\" = ? AND \"_rev\" = ? AND (\"_lock_holder\" IS NULL OR "
            + "\"_lock_holder\" = ? OR NOT (\"_lock_expires\" > CURRENT_TIMESTAMP))");
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(\"_seq\"), 0) FROM \"scale_invoices\"")) {
          rs.next();
          position = rs.getLong(1) + (1L << 40);
        }
      }
    }

    /** Whether {@link #insert} and {@link #update} are there: on H2, whose feed numbers are drawn in process. */
    boolean writes() {
      return insert != null;
    }

    /**
     * Stores invoice {@code n} ({@link ScaleSuite#set}'s values) as a new document, as Pocketto's insert does, with
     * an id from the same generator, so that it lands where Pocketto's would in the index on ids.
     */
    void insert(int n) throws SQLException {
      ScaleInvoice values = new ScaleInvoice();
      set(values, n);
      insert.setString(1, Ids.uuidV7());
      insert.setString(2, revision(1));
      insert.setBoolean(3, false);
      insert.setString(4, WRITER);
      insert.setString(5, values.getNumber());
      insert.setString(6, values.getCustomer());
      insert.setBigDecimal(7, values.getTotal());
      insert.setObject(8, values.getIssuedOn());
      insert.setLong(9, ThreadLocalRandom.current().nextLong());
      insert.setLong(10, ++position);
      insert.executeUpdate();
    }

    /** Reads document {@code id} and writes it back with its total one higher, as Pocketto's update does. */
    void update(String id) throws SQLException {
      Row row = find(id);
      update.setString(1, revision(Integer.parseInt(row.rev().substring(0, row.rev().indexOf('-'))) + 1));
      update.setBoolean(2, false);
      update.setString(3, WRITER);
      update.setString(4, row.number());
      update.setString(5, row.customer());
      update.setBigDecimal(6, row.total().add(BigDecimal.ONE));
      update.setObject(7, row.issuedOn());
      update.setLong(8, ThreadLocalRandom.current().nextLong());
      update.setLong(9, ++position);
      update.setString(10, id);
      update.setString(11, row.rev());
      update.setString(12, WRITER);
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("no row updated for " + id);
      }
    }

    /** A revision of generation {@code generation} with a random hash in the runtime's form: no digest is computed. */
    private static String revision(int generation) {
      return generation + "-" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The clause that skips ({@code offset}: a placeholder) and limits to {@code rows}, as Pocketto writes it. */
    private String window(boolean offset, int rows) {
      if (limitInText) {
        return (offset ? "OFFSET ? ROWS FETCH NEXT " : "FETCH FIRST ") + rows + " ROWS ONLY";
      }
      return offset ? "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY" : "FETCH FIRST ? ROWS ONLY";
    }

    /** Binds the row limit to parameter {@code index}, unless the statement carries it. */
    private void bindRows(PreparedStatement ps, int index, int rows) throws SQLException {
      if (!limitInText) {
        ps.setLong(index, rows);
      }
    }

    Row find(String id) throws SQLException {
      find.setString(1, id);
      List<Row> rows = rows(find);
      return rows.isEmpty() ? null : rows.get(0);
    }

    List<Row> page(boolean descending, int offset) throws SQLException {
      PreparedStatement ps = page[descending ? 1 : 0];
      ps.setLong(1, offset);
      bindRows(ps, 2, PAGE);
      return rows(ps);
    }

    List<Row> firstSlice(boolean descending) throws SQLException {
      PreparedStatement ps = firstSlice[descending ? 1 : 0];
      bindRows(ps, 1, PAGE + 1);
      return rows(ps);
    }

    List<Row> slice(boolean descending, String number, String id) throws SQLException {
      PreparedStatement ps = slice[descending ? 1 : 0];
      ps.setString(1, number);
      ps.setString(2, id);
      bindRows(ps, 3, PAGE + 1);
      return rows(ps);
    }

    List<Row> ofDay(LocalDate day) throws SQLException {
      ofDay.setObject(1, day);
      bindRows(ofDay, 2, PAGE);
      return rows(ofDay);
    }

    long count() throws SQLException {
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }

    private static List<Row> rows(PreparedStatement ps) throws SQLException {
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(4), rs.getString(5), rs.getString(6),
              rs.getBigDecimal(7), rs.getObject(8, LocalDate.class), rs.getObject(9, OffsetDateTime.class).toInstant(),
              rs.getObject(10, OffsetDateTime.class).toInstant()));
        }
      }
      return rows;
    }
  }
}
