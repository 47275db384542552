package com.acme.billing;

import com.acme.billing.web.InvoiceJson;
import com.acme.billing.web.InvoiceServer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.sync.Credentials;
import io.pocketto.sync.Remote;
import io.pocketto.sync.RemoteUnavailableException;
import io.pocketto.sync.Replication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample app as an offline-capable replica of another one: {@code --replicate-from
 * http://host:port}. It keeps its own H2 file ({@code ./data/replica-<port>} unless {@code --db}
 * names one), serves the same page and API from it whether the server is up or not, and syncs in the
 * background every 2 seconds (backing off while the server is down). {@code GET /api/replica} shows the
 * sync state; {@code POST /api/replica/pause} and {@code /resume} simulate going offline. With
 * {@code --user NAME --password PW} it signs in to a server started with {@code --users} and holds only
 * that user's customers' invoices; it signs in again when its token expires.
 */
public final class ReplicaApp {
  /** How often the replica syncs while the server answers. */
  public static final Duration SYNC_INTERVAL = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaApp.class);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ReplicaApp() {}

  /**
   * Runs a replica; the options are {@code --replicate-from URL}, {@code --user NAME}, {@code --password PW},
   * {@code --db URL}, {@code --host H}, {@code --port N}.
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = CommandLine.parse(args,
        Set.of("--replicate-from", "--db", "--host", "--port", "--user", "--password"), Set.of(),
        "a replica takes --replicate-from URL, --user NAME, --password PW, --db URL, --host H and --port N");
    String from = options.get("--replicate-from");
    String dbUrl = options.get("--db");
    String host = options.getOrDefault("--host", "127.0.0.1");
    int port = Integer.parseInt(options.getOrDefault("--port", "8081"));
    String user = options.get("--user");
    String password = options.get("--password");
    if (from == null) {
      throw new IllegalArgumentException("--replicate-from http://host:port is required");
    }
    if (dbUrl == null) {
      Files.createDirectories(Path.of("data"));
      dbUrl = "jdbc:h2:file:./data/replica-" + port + ";DB_CLOSE_ON_EXIT=FALSE";
    }
    Database db = Pocketto.connect(dbUrl);
    String server = from.replaceAll("/+$", "");
    URI sync = URI.create(server + "/api/sync");
    String name = user;
    String secret = password;
    Remote remote = user == null ? Remote.http(sync) : Remote.http(sync, Credentials.issuedBy(() -> signIn(server, name, secret)));
    Replication replication = Replication.of(db, remote)
        .models(SalesInvoice.class)
        .batchSize(100) // a push of 100 invoices stays well under the server's body limit
        .build();
    replication.start(SYNC_INTERVAL);
    InvoiceServer web = InvoiceServer.start(db, host, port, replication, user);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        web.close();
        replication.close();
      } finally {
        db.close();
        stopped.countDown();
      }
    }, "replica-shutdown"));
    LOG.info("Replica of {}{}: open http://localhost:{}/ (sync state at /api/replica)", from,
        user == null ? "" : " signed in as " + user, web.port());
    stopped.await();
  }

  /**
   * Signs in to the server ({@code POST /api/sign-in}) for a new token; {@code null} when the server refuses
   * the name or password, so that the replication pauses and reports it.
   */
  public static String signIn(String server, String user, String password) {
    ObjectNode body = InvoiceJson.MAPPER.createObjectNode().put("user", user).put("password", password);
    HttpRequest request = HttpRequest.newBuilder(URI.create(server + "/api/sign-in"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        LOG.warn("Signing in as {} was refused with {}: {}", user, response.statusCode(), response.body());
        return null;
      }
      return InvoiceJson.MAPPER.readTree(response.body()).path("token").asText(null);
    } catch (IOException e) {
      throw new RemoteUnavailableException("signing in at " + server + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteUnavailableException("signing in at " + server + " was interrupted", e);
    }
  }
}
