package io.pocketto.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.Change;
import io.pocketto.ChangeBatch;
import io.pocketto.Checkpoint;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.bench.model.InvoiceLine;
import io.pocketto.bench.model.SalesInvoice;
import io.pocketto.bench.variant.HibernateInvoice;
import io.pocketto.bench.variant.RuntimeStatements;
import io.pocketto.bench.variant.InvoiceRow;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks, untimed, that every benchmark variant really does the operation it is measured on, on the
 * same table and the same data: a benchmark of a variant that skipped work would be worthless.
 */
class ContendersTest {

  static Stream<Arguments> variantsOnEveryBackend() {
    return Stream.of(Variant.values()).flatMap(v -> Stream.of(Backend.values()).map(b -> Arguments.of(v, b)));
  }

  @ParameterizedTest
  @MethodSource("variantsOnEveryBackend")
  void findByIdReturnsTheInsertedInvoiceWithItsThreeLines(Variant variant, Backend backend) {
    try (Trial trial = Trial.open(variant.label(), backend.name())) {
      String id = trial.fill(3)[2];

      Object found = trial.contender().findById(id);

      assertThat(numberAndLines(found)).containsExactly(Invoices.number(2), Invoices.lines(2));
      assertThat(trial.contender().findById("no-such-invoice")).isNull();
    }
  }

  private static List<Object> numberAndLines(Object invoice) {
    if (invoice instanceof SalesInvoice p) {
      return List.of(p.getNumber(), p.getLines());
    }
    if (invoice instanceof InvoiceRow row) {
      return List.of(row.number, row.lines);
    }
    HibernateInvoice h = (HibernateInvoice) invoice;
    return List.of(h.getNumber(), h.getLines());
  }

  @ParameterizedTest
  @MethodSource("variantsOnEveryBackend")
  void readModifyWriteBumpsTheFieldAndTheRevision(Variant variant, Backend backend) {
    try (Trial trial = Trial.open(variant.label(), backend.name())) {
      String id = trial.fill(1)[0];
      String before = trial.contender().revision(id);

      trial.contender().readModifyWrite(id);
      trial.contender().readModifyWrite(id);

      assertThat(trial.contender().reminders(id)).isEqualTo(2);
      assertWrittenTimes(variant, before, 0);
      assertWrittenTimes(variant, trial.contender().revision(id), 2);
    }
  }

  /**
   * Asserts that {@code revision} is that of an inserted invoice written {@code writes} times since:
   * version {@code writes} for the peers, revision {@code writes + 1} for the others.
   */
  private static void assertWrittenTimes(Variant variant, String revision, int writes) {
    if (variant == Variant.HIBERNATE || variant == Variant.JOOQ) {
      assertThat(revision).isEqualTo(Integer.toString(writes));
    } else {
      assertThat(revision).startsWith((writes + 1) + "-");
    }
  }

  @ParameterizedTest
  @MethodSource("variantsOnEveryBackend")
  void concurrentIncrementsFromTwoThreadsLoseNoUpdate(Variant variant, Backend backend) throws Exception {
    try (Trial trial = Trial.open(variant.label(), backend.name())) {
      String id = trial.fill(1)[0];
      int perThread = 40;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        List<Future<Integer>> conflicts = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          conflicts.add(threads.submit(() -> {
            start.await();
            int lost = 0;
            for (int i = 0; i < perThread; i++) {
              lost += trial.contender().increment(id);
            }
            return lost;
          }));
        }
        start.countDown();
        for (Future<Integer> f : conflicts) {
          assertThat(f.get()).isGreaterThanOrEqualTo(0);
        }
      } finally {
        threads.shutdown();
      }

      assertThat(trial.contender().reminders(id)).isEqualTo(2 * perThread);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void jdbcWritesTheRevisionsPockettoWrites(Backend backend) {
    try (Trial pocketto = Trial.open("pocketto", backend.name()); Trial jdbc = Trial.open("jdbc", backend.name())) {
      String id = UuidV7.next();
      pocketto.contender().insert(id, 7);
      jdbc.contender().insert(id, 7);
      assertThat(jdbc.contender().revision(id)).isEqualTo(pocketto.contender().revision(id));

      // Twice: the second write hashes lines read back from the database (on PostgreSQL, jsonb's text).
      for (int i = 0; i < 2; i++) {
        pocketto.contender().readModifyWrite(id);
        jdbc.contender().readModifyWrite(id);
      }
      assertThat(jdbc.contender().revision(id)).startsWith("3-").isEqualTo(pocketto.contender().revision(id));
    }
  }

  @ParameterizedTest
  @MethodSource("variantsOnEveryBackend")
  void writingAHeldInvoiceStoresEachWriteAndMovesItsRevisionOn(Variant variant, Backend backend) {
    try (Trial trial = Trial.open(variant.label(), backend.name())) {
      String id = trial.fill(1)[0];
      Object held = trial.contender().findById(id);

      for (int i = 0; i < 3; i++) {
        trial.contender().write(held);
      }

      assertThat(trial.contender().reminders(id)).isEqualTo(3);
      assertWrittenTimes(variant, trial.contender().revision(id), 3);
    }
  }

  @ParameterizedTest
  @MethodSource("variantsOnEveryBackend")
  void aWriteOverAStaleHeldInvoiceIsRefused(Variant variant, Backend backend) {
    try (Trial trial = Trial.open(variant.label(), backend.name())) {
      String id = trial.fill(1)[0];
      Object held = trial.contender().findById(id);
      trial.contender().readModifyWrite(id);

      assertThatThrownBy(() -> trial.contender().write(held)).isInstanceOf(RuntimeException.class);
      assertThat(trial.contender().reminders(id)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("variantsOnEveryBackend")
  void sixteenWritersOfTheirOwnDocumentsLoseNoWrite(Variant variant, Backend backend) throws Exception {
    int writers = CollectionWritesBenchmark.MAX_THREADS;
    // More writes than a writer holds documents, so that each writes some of its documents twice.
    int perWriter = Writers.PER_THREAD + 8;
    try (Trial trial = Trial.open(variant.label(), backend.name())) {
      String[] ids = trial.fill(writers * Writers.PER_THREAD);
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(writers);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          Writers.Slice slice = Writers.slice(trial.contender(), ids, w);
          done.add(threads.submit(() -> {
            start.await();
            for (int i = 0; i < perWriter; i++) {
              slice.writeNext(trial.contender());
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        threads.shutdown();
      }

      assertThat(Writers.storedWrites(trial.contender(), ids)).isEqualTo((long) writers * perWriter);
      assertThat(trial.contender().reminders(ids[0])).isEqualTo(2);
      assertThat(trial.contender().reminders(ids[Writers.PER_THREAD - 1])).isEqualTo(1);
    }
  }

  /** The limit does the runtime's whole job: its writes take their places in the runtime's changes feed. */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void theRuntimesChangesFeedHandsOutEveryWriteOfTheJdbcLimitInOrder(Backend backend) {
    try (Trial jdbc = Trial.open("jdbc", backend.name())) {
      String[] ids = jdbc.fill(3);
      jdbc.contender().readModifyWrite(ids[0]);
      String inserted = UuidV7.next();
      jdbc.contender().insert(inserted, 3);

      try (Database db = Pocketto.connect(jdbc.url())) {
        ChangeBatch<SalesInvoice> batch = SalesInvoice.in(db).changes(Checkpoint.START, 10);

        assertThat(batch.changes()).extracting(Change::id).containsExactly(ids[1], ids[2], ids[0], inserted);
        assertThat(batch.changes().get(2).revision()).isEqualTo(jdbc.contender().revision(ids[0])).startsWith("2-");
        assertThat(batch.hasMore()).isFalse();
      }
    }
  }

  @Test
  void jdbcRunsExactlyTheStatementsPockettoSends() throws SQLException {
    try (Trial pocketto = Trial.open("pocketto", "H2_MEM");
        Connection c = DriverManager.getConnection(pocketto.url());
        Statement s = c.createStatement()) {
      s.execute("SET QUERY_STATISTICS TRUE");
      String id = UuidV7.next();
      pocketto.contender().insert(id, 1);
      pocketto.contender().readModifyWrite(id);
      pocketto.contender().latestOfCustomer(Invoices.customer(1));

      List<String> sent = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
        while (rs.next()) {
          sent.add(rs.getString(1));
        }
      }
      RuntimeStatements h2 = RuntimeStatements.H2;
      assertThat(sent).contains(h2.insert(), h2.selectById(), h2.update(), h2.selectLatestOfCustomer());
    }
  }

  /**
   * The PostgreSQL set, as the driver sends it to be parsed while Pocketto runs (the driver's log of each
   * {@code Parse} message, with the placeholders numbered as {@code $1, $2, ...}).
   */
  @Test
  void jdbcRunsExactlyTheStatementsPockettoSendsToPostgres() {
    List<String> parsed = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Logger driver = java.util.logging.Logger.getLogger("org.postgresql");
    java.util.logging.Level level = driver.getLevel();
    java.util.logging.Handler handler = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        // " FE=> Parse(stmt=S_1,query=\"SELECT ...\",oids={...})"
        String message = record.getMessage();
        int start = message == null || !message.contains("FE=> Parse(") ? -1 : message.indexOf(",query=\"");
        int end = message == null ? -1 : message.lastIndexOf("\",oids={");
        if (start >= 0 && end > start) {
          parsed.add(message.substring(start + ",query=\"".length(), end));
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    driver.setLevel(java.util.logging.Level.FINEST);
    driver.addHandler(handler);
    try (Trial pocketto = Trial.open("pocketto", "POSTGRES")) {
      String id = UuidV7.next();
      pocketto.contender().insert(id, 1);
      pocketto.contender().readModifyWrite(id);
      pocketto.contender().latestOfCustomer(Invoices.customer(1));
    } finally {
      driver.removeHandler(handler);
      driver.setLevel(level);
    }

    RuntimeStatements postgres = RuntimeStatements.POSTGRES;
    assertThat(parsed).contains(numbered(postgres.insert()), numbered(postgres.selectById()),
        numbered(postgres.update()), numbered(postgres.selectLatestOfCustomer()));
  }

  /** {@code sql} with its {@code ?} placeholders numbered, as the PostgreSQL driver sends it. */
  private static String numbered(String sql) {
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (char ch : sql.toCharArray()) {
      if (ch == '?') {
        out.append('$').append(++n);
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  @Test
  void everyVariantHasTheSameColumnsSaveThePeersVersionInPlaceOfTheRevision() throws SQLException {
    List<String> pocketto = columns("pocketto");
    List<String> hibernateExpected = new ArrayList<>(pocketto);
    hibernateExpected.set(pocketto.indexOf("_rev CHARACTER VARYING"), "_version BIGINT");

    assertThat(pocketto).contains("_rev CHARACTER VARYING", "lines CHARACTER VARYING", "total CHARACTER VARYING");
    assertThat(columns("jdbc")).isEqualTo(pocketto);
    assertThat(columns("hibernate")).isEqualTo(hibernateExpected);
    assertThat(columns("jooq")).isEqualTo(hibernateExpected);
  }

  private static List<String> columns(String variant) throws SQLException {
    return catalog(variant, "SELECT COLUMN_NAME || ' ' || DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS "
        + "WHERE TABLE_NAME = 'sales_invoices' ORDER BY ORDINAL_POSITION");
  }

  /** The first column of a query of the information schema, on a fresh H2 database of {@code variant}. */
  private static List<String> catalog(String variant, String query) throws SQLException {
    try (Trial trial = Trial.open(variant, "H2_MEM"); Connection c = DriverManager.getConnection(trial.url());
        ResultSet rs = c.createStatement().executeQuery(query)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      return rows;
    }
  }


  @Test
  void everyVariantStoresTheSameLineItemsJson() throws SQLException {
    List<String> stored = new ArrayList<>();
    String id = UuidV7.next();
    for (Variant variant : Variant.values()) {
      try (Trial trial = Trial.open(variant.label(), "H2_MEM"); Connection c = DriverManager.getConnection(trial.url())) {
        trial.contender().insert(id, 5);
        try (ResultSet rs = c.createStatement().executeQuery(
            "SELECT \"lines\" FROM \"sales_invoices\" WHERE \"_id\" = '" + id + "'")) {
          rs.next();
          stored.add(rs.getString(1));
        }
      }
    }

    assertThat(stored.get(0)).startsWith("[{\"description\":\"Consulting, day rate\",\"quantity\":1,\"unitPrice\":120.00}");
    assertThat(stored).containsOnly(stored.get(0));
  }

  @Test
  void theInvoiceHasThreeLineItemsAddingUpToItsTotal() {
    List<InvoiceLine> lines = Invoices.lines(4);

    assertThat(lines).hasSize(3);
    assertThat(Invoices.total(lines)).isEqualByComparingTo(lines.get(0).amount().add(lines.get(1).amount())
        .add(lines.get(2).amount()));
  }

  @ParameterizedTest
  @MethodSource("variantsOnEveryBackend")
  void everyVariantFindsTheSameLatestInvoicesOfACustomerInTheSameOrder(Variant variant, Backend backend) {
    // Enough invoices that customer 5 has more than the limit: 2,500 / 97 customers = 25 or 26 each.
    String[] ids = LATEST_IDS;
    int customer = 5;
    List<String> expected = java.util.stream.IntStream.range(0, ids.length)
        .filter(n -> n % Invoices.CUSTOMERS == customer)
        .boxed()
        .sorted(java.util.Comparator.comparing(Invoices::issuedOn).reversed().thenComparing(n -> ids[n]))
        .limit(Contender.QUERY_LIMIT)
        .map(n -> ids[n])
        .toList();
    try (Trial trial = Trial.open(variant.label(), backend.name())) {
      trial.contender().insertAll(ids);

      List<?> latest = trial.contender().latestOfCustomer(Invoices.customer(customer));

      assertThat(latest).hasSize(Contender.QUERY_LIMIT);
      assertThat(latest.stream().map(ContendersTest::idOf).toList()).isEqualTo(expected);
      assertThat(numberAndLines(latest.get(0)).get(1)).as("lines decoded").isInstanceOf(List.class);
    }
  }

  /** The same 2,500 ids for every variant, so that their results can be compared id by id. */
  private static final String[] LATEST_IDS = java.util.stream.IntStream.range(0, 2_500)
      .mapToObj(i -> UuidV7.next()).toArray(String[]::new);

  private static String idOf(Object invoice) {
    if (invoice instanceof SalesInvoice p) {
      return p.getId();
    }
    if (invoice instanceof InvoiceRow row) {
      return row.id;
    }
    return ((HibernateInvoice) invoice).getId();
  }

  @Test
  void everyVariantHasTheRuntimesIndexes() throws SQLException {
    List<String> pocketto = indexes("pocketto");

    assertThat(pocketto).contains("sales_invoices_customer_issued_on__id_idx");
    assertThat(indexes("jdbc")).isEqualTo(pocketto);
    assertThat(indexes("hibernate")).isEqualTo(pocketto);
    assertThat(indexes("jooq")).isEqualTo(pocketto);
  }

  private static List<String> indexes(String variant) throws SQLException {
    return catalog(variant, "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES "
        + "WHERE TABLE_NAME = 'sales_invoices' AND INDEX_NAME NOT LIKE 'PRIMARY_KEY%' ORDER BY INDEX_NAME");
  }

}
