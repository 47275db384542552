package io.pocketto.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.bench.model.SalesInvoice;
import io.pocketto.sync.Remote;
import io.pocketto.sync.Replication;
import io.pocketto.sync.SyncProtocolException;
import io.pocketto.sync.SyncResult;
import io.pocketto.sync.SyncServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Replication over loopback HTTP: the initial pull of 100,000 invoices into an empty client, then steady
 * push (the client edits 10,000) and pull (the master edits 10,000). Master and client are H2 files in a
 * temporary directory; the server is the JDK's HTTP server mounting {@link SyncServer} as the sample app
 * does. Prints documents per second for each phase; the targets are pull at least 20,000 docs/s, push
 * at least 5,000 docs/s, the initial sync of 100,000 under 10 s.
 *
 * <p>Each phase also prints the CPU time the whole process spent in it (client, server and JVM threads
 * together), which a busy machine inflates less than the wall-clock time.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.pocketto.bench.ReplicationBenchmark [invoices] [edits] [batch size]</pre>
 */
public final class ReplicationBenchmark {
  private ReplicationBenchmark() {}

  /** Runs the three phases and prints their figures. */
  public static void main(String[] args) throws Exception {
    int invoices = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int edits = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    Path dir = Files.createTempDirectory("pocketto-replication-bench");
    try {
      try (Database master = Pocketto.connect("jdbc:h2:file:" + dir.resolve("master").toAbsolutePath());
          Database client = Pocketto.connect("jdbc:h2:file:" + dir.resolve("client").toAbsolutePath())) {
        fill(master, invoices);
        SyncServer server = SyncServer.of(master, SalesInvoice.class);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        http.setExecutor(threads);
        http.createContext("/api/sync/", exchange -> answer(server, exchange));
        http.start();
        try (Replication replication = Replication.of(client,
                Remote.http(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/api/sync")))
            .models(SalesInvoice.class).batchSize(batchSize).build()) {
          long start = System.nanoTime();
          cpuMark = cpu();
          SyncResult initial = replication.syncOnce();
          report("initial sync (pull)", initial.pulled(), start);

          List<SalesInvoice> mine = SalesInvoice.in(client).query().limit(edits).list();
          for (SalesInvoice invoice : mine) {
            invoice.setReminders(invoice.getReminders() + 1);
            invoice.save();
          }
          start = System.nanoTime();
          cpuMark = cpu();
          SyncResult pushed = replication.syncOnce();
          report("steady push", pushed.pushed(), start);

          List<SalesInvoice> theirs = SalesInvoice.in(master).query().limit(edits).list();
          for (SalesInvoice invoice : theirs) {
            invoice.setCustomer(invoice.getCustomer() + " (moved)");
            invoice.save();
          }
          start = System.nanoTime();
          cpuMark = cpu();
          SyncResult pulled = replication.syncOnce();
          report("steady pull", pulled.pulled(), start);
        } finally {
          http.stop(0);
          threads.shutdown(); // its threads would keep the JVM alive
        }
      }
    } finally {
      Backend.deleteTree(dir); // a run leaves more than a gigabyte of database files
    }
  }

  private static void fill(Database master, int invoices) {
    long start = System.nanoTime();
    cpuMark = cpu();
    for (int from = 0; from < invoices; from += 1_000) {
      int first = from;
      master.bundle(tx -> {
        for (int n = first; n < Math.min(invoices, first + 1_000); n++) {
          invoice(n).saveTo(master);
        }
      });
    }
    report("master filled", invoices, start);
  }

  /** Invoice {@code n} of the master, {@code inv-<n>}, not saved yet. */
  static SalesInvoice invoice(int n) {
    return Invoices.salesInvoice("inv-" + n, n);
  }

  /** The process's CPU time when the phase being timed started. */
  private static long cpuMark;

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void report(String phase, int docs, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double cpuSeconds = (cpu() - cpuMark) / 1e9;
    System.out.printf("%-20s %,9d docs in %6.2f s = %,9.0f docs/s   (CPU %6.2f s = %,9.0f docs per CPU-s)%n", phase, docs,
        seconds, docs / seconds, cpuSeconds, docs / cpuSeconds);
  }

  private static void answer(SyncServer server, HttpExchange exchange) throws IOException {
    String[] parts = exchange.getRequestURI().getPath().split("/");
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    int status = 200;
    String out;
    try {
      out = "push".equals(parts[4]) ? server.push(parts[3], body) : server.pull(parts[3], body);
    } catch (SyncProtocolException e) {
      status = e.status();
      out = "{\"message\":\"" + e.getMessage().replace("\"", "'") + "\"}";
    }
    byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(bytes);
    }
  }
}
