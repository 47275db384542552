package io.pocketto.bench;

import io.pocketto.Database;
import io.pocketto.ModelStore;
import io.pocketto.Pocketto;
import io.pocketto.bench.model.ScaleInvoice;
import io.pocketto.query.Query;
import io.pocketto.query.Slice;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One page of 10 by seek, somewhere in 10,000 invoices ordered by number, newest first: Pocketto's
 * {@code after(cursor).slice(10)} (the cursor checked, 11 rows read, the next cursor signed) against
 * hand-written JDBC running the same statement from the last row's values ({@code ScaleSuite}'s). The
 * {@code pocketto-record} variant reads the page as a server that pages for itself does,
 * {@code after(lastRecord).limit(11).list()}: no cursor is read or made, as in the JDBC variant, so the two
 * Pocketto variants together show what the cursor costs. The position is one of 64 fixed ones, picked at
 * random, so each call reads other rows.
 *
 * <p>Its own table, not a {@link Trial}'s: the other contenders have no seek. The JMH settings are
 * {@link TrialBenchmark}'s, with a shorter warm-up: a read path compiles within seconds.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar SeekPage -p backend=H2_FILE}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class SeekPageBenchmark {
  private static final int POSITIONS = 64;

  /** Pocketto with cursors, Pocketto from the last record, or the hand-written JDBC they are measured against. */
  @Param({"pocketto", "pocketto-record", "jdbc"})
  public String variant;

  /** Which database: {@link Backend#H2_FILE} or {@link Backend#POSTGRES}. */
  @Param({"H2_FILE", "POSTGRES"})
  public String backend;

  private final long[] random = {0x9E3779B97F4A7C15L};
  private Backend.Location location;
  private Database db;
  private Connection connection;
  private ScaleSuite.Jdbc jdbc;
  private Query<ScaleInvoice> newestFirst;
  private final String[] cursors = new String[POSITIONS];
  private final String[] numbers = new String[POSITIONS];
  private final String[] ids = new String[POSITIONS];
  private final ScaleInvoice[] lasts = new ScaleInvoice[POSITIONS];

  /** Fills a fresh database and takes the 64 positions. */
  @Setup
  public void open() {
    Backend chosen = Backend.valueOf(backend);
    location = chosen.open("seek-" + System.nanoTime());
    // As in ScaleSuite: no H2 result cache, which would time a cache instead of the query.
    String url = chosen == Backend.POSTGRES ? location.url() : location.url() + ";OPTIMIZE_REUSE_RESULTS=FALSE";
    db = Pocketto.connect(url);
    ModelStore<ScaleInvoice> invoices = ScaleInvoice.in(db);
    ScaleSuite.fill(db, invoices, Defaults.DOCUMENTS);
    newestFirst = invoices.query().orderBy(ScaleInvoice.NUMBER.desc());
    int step = Defaults.DOCUMENTS / (POSITIONS + 1);
    for (int i = 0; i < POSITIONS; i++) {
      Slice<ScaleInvoice> before = newestFirst.offset((long) step * (i + 1) - ScaleSuite.PAGE).slice(ScaleSuite.PAGE);
      ScaleInvoice last = before.items().get(ScaleSuite.PAGE - 1);
      cursors[i] = before.nextCursor();
      numbers[i] = last.getNumber();
      ids[i] = last.getId();
      lasts[i] = last;
    }
    try {
      connection = DriverManager.getConnection(db.url());
      try (Statement s = connection.createStatement()) {
        s.execute(chosen == Backend.POSTGRES ? "VACUUM ANALYZE \"scale_invoices\"" : "ANALYZE");
      }
      jdbc = new ScaleSuite.Jdbc(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Closes both connections and deletes the database. */
  @TearDown
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } finally {
      db.close();
      location.delete();
    }
  }

  /** The page after one of the fixed positions; returned so that it is not optimised away. */
  @Benchmark
  public Object seekPage() throws SQLException {
    return page(Defaults.pick(random, POSITIONS));
  }

  /**
   * The page after position {@code i}: a {@code Slice} from Pocketto with cursors, the 11 records read after the
   * last one from Pocketto without, the 11 rows read from JDBC.
   */
  Object page(int i) throws SQLException {
    return switch (variant) {
      case "pocketto" -> newestFirst.after(cursors[i]).slice(ScaleSuite.PAGE);
      case "pocketto-record" -> newestFirst.after(lasts[i]).limit(ScaleSuite.PAGE + 1).list();
      case "jdbc" -> jdbc.slice(true, numbers[i], ids[i]);
      default -> throw new IllegalArgumentException("unknown variant " + variant);
    };
  }

  /** How many positions {@link #page} takes. */
  static int positions() {
    return POSITIONS;
  }
}
