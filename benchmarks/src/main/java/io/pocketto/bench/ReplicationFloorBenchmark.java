package io.pocketto.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.bench.model.SalesInvoice;
import io.pocketto.internal.H2Dialect;
import io.pocketto.sync.Remote;
import io.pocketto.sync.Replication;
import io.pocketto.sync.SyncServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * What H2 itself charges for storing what an initial pull stores, with nothing of Pocketto in the timed
 * part: {@code N} rows inserted with plain JDBC, in JDBC batches of 1,000 with one commit per batch, into
 * an H2 file opened with the runtime's URL settings ({@code WRITE_DELAY=0} and the rest of {@link
 * H2Dialect#prepareUrl}), into the tables the runtime itself created (the client's document table with
 * its indexes, and the replica state table with its covering index). The rows are the ones the
 * replication benchmark pulls: the document rows as the master stores them, the state rows with the
 * pull's JSON of each document as the assumed master body.
 *
 * <p>Variants, alternated over several rounds, each into a new file: the document rows alone; document
 * and state rows (what a pull writes), followed by updates of 10,000 of them with their state rows (what
 * a steady pull writes); document and state rows without the body. If the second cannot reach 20,000
 * rows/s here, no pull into an H2 file can.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.pocketto.bench.ReplicationFloorBenchmark [rows] [rounds]</pre>
 */
public final class ReplicationFloorBenchmark {
  private static final int BATCH = 1_000;
  /** How many documents the steady pull's floor updates, as the replication benchmark's master edits. */
  private static final int UPDATES = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The master the rows are taken from: a named in-memory database, so plain JDBC can read it too. */
  private static final String SOURCE = "jdbc:h2:mem:pocketto-replication-floor-source";

  private ReplicationFloorBenchmark() {}

  /** Prints the DDL the runtime made, then rows per second for each variant and round. */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("pocketto-replication-floor");
    try {
      List<Object[]> rows = new ArrayList<>(n);
      List<String[]> states = new ArrayList<>(n);
      String[] columns;
      try (Database source = Pocketto.connect(SOURCE)) {
        fill(source, n);
        columns = documentRows(source, rows);
        SyncServer server = SyncServer.of(source, SalesInvoice.class);
        String checkpoint = null;
        do {
          JsonNode answer = JSON.readTree(server.pull("sales_invoices", "{\"checkpoint\": "
              + (checkpoint == null ? "null" : JSON.writeValueAsString(checkpoint)) + ", \"limit\": 10000}"));
          for (JsonNode doc : answer.get("documents")) {
            states.add(new String[] {doc.get("id").asText(), doc.get("_rev").asText(), doc.toString()});
          }
          checkpoint = answer.get("hasMore").asBoolean() ? answer.get("checkpoint").asText() : null;
        } while (checkpoint != null);
      }
      System.out.printf("%,d document rows of %d columns, %,d state rows; JSON body %,d chars on average%n", rows.size(),
          columns.length, states.size(), states.stream().mapToLong(s -> s[2].length()).sum() / Math.max(1, states.size()));

      boolean printed = false;
      for (int round = 1; round <= rounds; round++) {
        for (Variant variant : Variant.values()) {
          String url = new H2Dialect().prepareUrl("jdbc:h2:file:" + dir.resolve("floor-" + round + "-" + variant.ordinal()).toAbsolutePath());
          createTables(url, !printed);
          printed = true;
          double[] rate = insert(url, columns, rows, states, variant);
          print(round, variant.label, n, rate);
          if (variant != Variant.STATE_NO_BODY) {
            int edits = Math.min(n, UPDATES);
            boolean withState = variant == Variant.WITH_STATE;
            print(round, "then update " + edits + (withState ? " (doc + state)" : " (doc alone)"), edits,
                update(url, columns, rows, states, edits, withState));
          }
        }
      }
    } finally {
      Backend.deleteTree(dir); // a run leaves more than a gigabyte of database files
    }
  }

  private static void print(int round, String what, int docs, double[] rate) {
    System.out.printf("round %d  %-38s %,9d rows in %6.2f s = %,9.0f docs/s   (CPU %6.2f s = %,9.0f docs per CPU-s)%n",
        round, what, docs, rate[0], docs / rate[0], rate[1], docs / rate[1]);
  }

  /** What is inserted per document. */
  private enum Variant {
    DOCUMENTS("document rows alone"),
    WITH_STATE("document + state rows (with body)"),
    STATE_NO_BODY("document + state rows (no body)");

    final String label;

    Variant(String label) {
      this.label = label;
    }
  }

  /** The master's documents, the same as {@link ReplicationBenchmark} fills. */
  private static void fill(Database db, int n) {
    for (int from = 0; from < n; from += BATCH) {
      int first = from;
      db.bundle(tx -> {
        for (int i = first; i < Math.min(n, first + BATCH); i++) {
          ReplicationBenchmark.invoice(i).saveTo(db);
        }
      });
    }
  }

  /** Reads every stored column of every document row into {@code out}; the column names, in order. */
  private static String[] documentRows(Database db, List<Object[]> out) throws Exception {
    // A second connection to the same named in-memory database: plain JDBC, outside the runtime.
    try (Connection c = DriverManager.getConnection(SOURCE);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM \"sales_invoices\" ORDER BY \"_seq\"")) {
      ResultSetMetaData meta = rs.getMetaData();
      String[] columns = new String[meta.getColumnCount()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = meta.getColumnName(i + 1);
      }
      while (rs.next()) {
        Object[] row = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
          row[i] = rs.getObject(i + 1);
        }
        out.add(row);
      }
      return columns;
    }
  }

  /** Lets the runtime create the client's tables in a new file, as a replication's first use does. */
  private static void createTables(String url, boolean print) throws Exception {
    try (Database client = Pocketto.connect(url); Database none = Pocketto.connect("jdbc:h2:mem:")) {
      SalesInvoice.in(client).count();
      Replication.of(client, Remote.direct(SyncServer.of(none, SalesInvoice.class))).models(SalesInvoice.class).build().close();
    }
    if (print) {
      System.out.println("URL: " + url);
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SCRIPT NODATA")) {
        while (rs.next()) {
          String sql = rs.getString(1);
          if (sql.contains("sales_invoices") || sql.contains("POCKETTO_SYNC_DOCUMENTS") || sql.contains("pocketto_sync_documents")) {
            System.out.println(sql.replaceAll("\\s+", " ") + ";");
          }
        }
      }
    }
  }

  /** Inserts the rows in batches, one commit per batch; the wall-clock and CPU seconds it took. */
  private static double[] insert(String url, String[] columns, List<Object[]> rows, List<String[]> states, Variant variant)
      throws Exception {
    StringJoiner names = new StringJoiner(", ");
    StringJoiner marks = new StringJoiner(", ");
    for (String column : columns) {
      names.add("\"" + column + "\"");
      marks.add("?");
    }
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      long start = System.nanoTime();
      long cpu = cpu();
      try (PreparedStatement docs = c.prepareStatement("INSERT INTO \"sales_invoices\" (" + names + ") VALUES (" + marks + ")");
          PreparedStatement state = c.prepareStatement("INSERT INTO pocketto_sync_documents"
              + " (master_rev, master_deleted, master_body, collection_name, doc_id) VALUES (?, ?, ?, ?, ?)")) {
        for (int from = 0; from < rows.size(); from += BATCH) {
          int to = Math.min(rows.size(), from + BATCH);
          for (int i = from; i < to; i++) {
            Object[] row = rows.get(i);
            for (int k = 0; k < row.length; k++) {
              docs.setObject(k + 1, row[k]);
            }
            docs.addBatch();
          }
          docs.executeBatch();
          if (variant != Variant.DOCUMENTS) {
            for (int i = from; i < to; i++) {
              String[] s = states.get(i);
              state.setString(1, s[1]);
              state.setBoolean(2, false);
              state.setString(3, variant == Variant.WITH_STATE ? s[2] : null);
              state.setString(4, "sales_invoices");
              state.setString(5, s[0]);
              state.addBatch();
            }
            state.executeBatch();
          }
          c.commit();
        }
      }
      return new double[] {(System.nanoTime() - start) / 1e9, (cpu() - cpu) / 1e9};
    }
  }

  /**
   * What a steady pull writes: each document's row again (every column, a new revision and feed
   * position, on condition of the old revision) and, {@code withState}, its state row with the new body, in batches of
   * 1,000 with one commit per batch; the wall-clock and CPU seconds it took.
   */
  private static double[] update(String url, String[] columns, List<Object[]> allRows, List<String[]> allStates, int edits,
      boolean withState) throws Exception {
    // The first documents by id, as the replication benchmark's master edits them (its query's order).
    List<Integer> first = new ArrayList<>();
    for (int i = 0; i < allRows.size(); i++) {
      first.add(i);
    }
    first.sort((a, b) -> allStates.get(a)[0].compareTo(allStates.get(b)[0]));
    List<Object[]> rows = new ArrayList<>(edits);
    List<String[]> states = new ArrayList<>(edits);
    for (int i : first.subList(0, edits)) {
      rows.add(allRows.get(i));
      states.add(allStates.get(i));
    }
    StringJoiner sets = new StringJoiner(", ");
    List<Integer> setColumns = new ArrayList<>();
    int id = -1;
    int rev = -1;
    int seq = -1;
    int customer = -1;
    for (int k = 0; k < columns.length; k++) {
      switch (columns[k]) {
        case "_id" -> id = k;
        case "_rev" -> rev = k;
        case "_seq" -> seq = k;
        case "customer" -> customer = k;
        default -> { }
      }
      if (!columns[k].equals("_id")) {
        sets.add("\"" + columns[k] + "\" = ?");
        setColumns.add(k);
      }
    }
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      long start = System.nanoTime();
      long cpu = cpu();
      try (PreparedStatement docs = c.prepareStatement("UPDATE \"sales_invoices\" SET " + sets + " WHERE \"_id\" = ? AND \"_rev\" = ?");
          PreparedStatement state = c.prepareStatement("UPDATE pocketto_sync_documents SET master_rev = ?, master_deleted = ?, "
              + "master_body = ?, conflict_rev = NULL, conflict_deleted = NULL, conflict_body = NULL, refused_rev = NULL, "
              + "refused_status = NULL, refused_reason = NULL WHERE collection_name = ? AND doc_id = ?")) {
        for (int from = 0; from < rows.size(); from += BATCH) {
          int to = Math.min(rows.size(), from + BATCH);
          for (int i = from; i < to; i++) {
            Object[] row = rows.get(i).clone();
            String oldRev = (String) row[rev];
            row[rev] = "2-" + oldRev.substring(oldRev.indexOf('-') + 1);
            row[seq] = 10_000_000L + i; // after every position of the inserted rows
            row[customer] = row[customer] + " (moved)";
            int p = 1;
            for (int k : setColumns) {
              docs.setObject(p++, row[k]);
            }
            docs.setObject(p++, row[id]);
            docs.setString(p, oldRev);
            docs.addBatch();
          }
          docs.executeBatch();
          for (int i = from; i < (withState ? to : from); i++) {
            String[] s = states.get(i);
            state.setString(1, "2-" + s[1].substring(s[1].indexOf('-') + 1));
            state.setBoolean(2, false);
            state.setString(3, s[2].replace("\"customer\":\"", "\"customer\":\"(moved) "));
            state.setString(4, "sales_invoices");
            state.setString(5, s[0]);
            state.addBatch();
          }
          if (withState) {
            state.executeBatch();
          }
          c.commit();
        }
      }
      return new double[] {(System.nanoTime() - start) / 1e9, (cpu() - cpu) / 1e9};
    }
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
