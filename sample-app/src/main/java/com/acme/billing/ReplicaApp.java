package com.acme.billing;

import com.acme.billing.web.InvoiceServer;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.sync.Remote;
import io.pocketto.sync.Replication;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample app as an offline-capable replica of another one: {@code --replicate-from
 * http://host:port}. It keeps its own H2 file ({@code ./data/replica-<port>} unless {@code --db}
 * names one), serves the same page and API from it whether the server is up or not, and syncs in the
 * background every 2 seconds (backing off while the server is down). {@code GET /api/replica} shows the
 * sync state; {@code POST /api/replica/pause} and {@code /resume} simulate going offline.
 */
public final class ReplicaApp {
  /** How often the replica syncs while the server answers. */
  public static final Duration SYNC_INTERVAL = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaApp.class);

  private ReplicaApp() {}

  /** Runs a replica; the options are {@code --replicate-from URL}, {@code --db URL}, {@code --host H}, {@code --port N}. */
  public static void main(String[] args) throws Exception {
    String from = null;
    String dbUrl = null;
    String host = "127.0.0.1";
    int port = 8081;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--replicate-from" -> from = value(args, ++i, "--replicate-from");
        case "--db" -> dbUrl = value(args, ++i, "--db");
        case "--host" -> host = value(args, ++i, "--host");
        case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
        default -> throw new IllegalArgumentException("unknown option '" + args[i]
            + "'; a replica takes --replicate-from URL, --db URL, --host H and --port N");
      }
    }
    if (from == null) {
      throw new IllegalArgumentException("--replicate-from http://host:port is required");
    }
    if (dbUrl == null) {
      Files.createDirectories(Path.of("data"));
      dbUrl = "jdbc:h2:file:./data/replica-" + port + ";DB_CLOSE_ON_EXIT=FALSE";
    }
    Database db = Pocketto.connect(dbUrl);
    Replication replication = Replication.of(db, Remote.http(URI.create(from.replaceAll("/+$", "") + "/api/sync")))
        .models(SalesInvoice.class)
        .batchSize(100) // a push of 100 invoices stays well under the server's body limit
        .build();
    replication.start(SYNC_INTERVAL);
    InvoiceServer server = InvoiceServer.start(db, host, port, replication);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
        replication.close();
      } finally {
        db.close();
        stopped.countDown();
      }
    }, "replica-shutdown"));
    LOG.info("Replica of {}: open http://localhost:{}/ (sync state at /api/replica)", from, server.port());
    stopped.await();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
