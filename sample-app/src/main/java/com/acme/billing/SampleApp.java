package com.acme.billing;

import com.acme.billing.web.InvoiceServer;
import com.acme.billing.web.SyncUsers;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the sales-invoice web app on an embedded H2 file, {@code ./data/billing}, at
 * {@code http://localhost:8080/}. SIGTERM or Ctrl+C stops it gracefully: requests in flight finish,
 * then the database closes.
 *
 * <pre>
 * --db URL      another JDBC URL (or the environment variable BILLING_DB_URL)
 * --port N      another port (or BILLING_PORT); 0 picks a free one
 * --host H      the address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
 * --scenarios   play the seed's conflict scenarios in the console instead, and exit
 * --users FILE  require sign-in for sync: lines of name:password:customer,customer; each user syncs its customers' invoices
 * --replicate-from http://host:port   run as an offline-capable replica of that server ({@link ReplicaApp})
 * </pre>
 */
public final class SampleApp {
  /**
   * The default database. H2 would close a file database in a shutdown hook of its own, possibly before
   * requests in flight finish; {@code DB_CLOSE_ON_EXIT=FALSE} leaves closing it to our hook.
   */
  public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/billing;DB_CLOSE_ON_EXIT=FALSE";
  /** The default port. */
  public static final int DEFAULT_PORT = 8080;

  private static final Logger LOG = LoggerFactory.getLogger(SampleApp.class);

  private SampleApp() {}

  /** Runs the web app, or the scenarios with {@code --scenarios}; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    if (java.util.Arrays.asList(args).contains("--replicate-from")) {
      ReplicaApp.main(args);
      return;
    }
    Options options = Options.parse(args, System.getenv());
    if (options.dbUrl().equals(DEFAULT_DB_URL)) {
      Files.createDirectories(Path.of("data"));
    }
    if (options.scenarios()) {
      try (Database db = Pocketto.connect(options.dbUrl())) {
        new Scenarios(System.out).run(db, "INV-" + System.currentTimeMillis());
      }
      return;
    }
    Database db = Pocketto.connect(options.dbUrl());
    InvoiceServer server;
    try {
      server = InvoiceServer.start(db, options.host(), options.port(),
          options.usersFile() == null ? null : SyncUsers.load(Path.of(options.usersFile())));
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Shutdown requested");
      try {
        server.close();
      } finally {
        db.close();
        LOG.info("Database {} closed. Bye.", db.url());
        stopped.countDown();
      }
    }, "billing-shutdown"));
    LOG.info("Sales invoices: open http://localhost:{}/ (Ctrl+C or SIGTERM stops)", server.port());
    // Keeps the main thread (and so `mvn exec:java`) alive until the hook has closed everything.
    stopped.await();
  }

  /** The command line, with environment variables as fallbacks. */
  record Options(String dbUrl, String host, int port, boolean scenarios, String usersFile) {
    static Options parse(String[] args, Map<String, String> env) {
      Map<String, String> options = CommandLine.parse(args, Set.of("--db", "--host", "--port", "--users"),
          Set.of("--scenarios"), "the options are --db URL, --host H, --port N, --users FILE and --scenarios");
      String dbUrl = options.getOrDefault("--db", env.getOrDefault("BILLING_DB_URL", DEFAULT_DB_URL));
      String host = options.getOrDefault("--host", "127.0.0.1");
      String port = options.getOrDefault("--port", env.getOrDefault("BILLING_PORT", String.valueOf(DEFAULT_PORT)));
      boolean scenarios = options.containsKey("--scenarios");
      String usersFile = options.get("--users");
      try {
        return new Options(dbUrl, host, Integer.parseInt(port), scenarios, usersFile);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("the port must be a number, not '" + port + "'");
      }
    }  }
}
