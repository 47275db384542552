package io.pocketto.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.internal.ApiAccess;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.it.BackendTest;
import io.pocketto.it.model.SalesInvoice;
import io.pocketto.sync.Authenticator;
import io.pocketto.sync.Credentials;
import io.pocketto.sync.Remote;
import io.pocketto.sync.Replication;
import io.pocketto.sync.SyncProtocolException;
import io.pocketto.sync.SyncServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * Replication tests: the master is this test's database on each backend ({@link #db}); clients are H2
 * files of their own. Subclasses choose how a client reaches the server: in process, or over HTTP.
 */
abstract class SyncTestBase extends BackendTest {
  protected final List<Replication> replications = new ArrayList<>();
  private final List<HttpServer> httpServers = new ArrayList<>();

  /** The server of the master database. */
  protected SyncServer server() {
    return SyncServer.of(db, SalesInvoice.class);
  }

  /** How a client reaches {@code server}; in process unless a subclass says otherwise. */
  protected Remote remoteFor(SyncServer server) {
    return Remote.direct(server);
  }

  /** A new client database, an H2 file. */
  protected Database newClient(String name) {
    return track(Pocketto.connect("jdbc:h2:file:" + scratchDir.resolve(name + "-" + UUID.randomUUID()).toAbsolutePath()));
  }

  protected Replication replicate(Database client, Remote remote) {
    return keep(Replication.of(client, remote).models(SalesInvoice.class).build());
  }

  protected Replication keep(Replication replication) {
    replications.add(replication);
    return replication;
  }

  @AfterEach
  final void stopReplications() {
    replications.forEach(Replication::close);
    httpServers.forEach(s -> {
      s.stop(0);
      ((java.util.concurrent.ExecutorService) s.getExecutor()).shutdownNow();
    });
  }

  /** The server's pull and push mounted on a JDK HTTP server on a free loopback port, as the sample app mounts them. */
  protected Remote http(SyncServer server) {
    return Remote.http(serve(server));
  }

  /** {@link #http(SyncServer)} with credentials. */
  protected Remote http(SyncServer server, Credentials credentials) {
    return Remote.http(serve(server), credentials);
  }

  /** Mounts the server's pull and push on a JDK HTTP server; the base URI. */
  protected URI serve(SyncServer server) {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.createContext("/api/sync/", exchange -> answer(server, exchange));
      // Several threads, so that one slow or oversized request never holds up another client.
      http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
      http.start();
      httpServers.add(http);
      return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/api/sync");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void answer(SyncServer server, HttpExchange exchange) throws IOException {
    String[] parts = exchange.getRequestURI().getPath().split("/");
    int status = 200;
    String out;
    try {
      // The body's size is checked before it is read, as a web framework's request size limit does.
      String length = exchange.getRequestHeaders().getFirst("Content-Length");
      if (length != null && Long.parseLong(length) > server.maxBodyBytes()) {
        exchange.getRequestBody().close();
        throw new SyncProtocolException(413, "the request body is larger than " + server.maxBodyBytes() + " bytes");
      }
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String collection = parts[3];
      Authenticator.Headers headers = name -> exchange.getRequestHeaders().getFirst(name);
      out = switch (parts[4]) {
        case "pull" -> server.pull(collection, headers, body);
        case "push" -> server.push(collection, headers, body);
        default -> throw new SyncProtocolException(404, "no such operation");
      };
    } catch (SyncProtocolException e) {
      status = e.status();
      out = io.pocketto.internal.Json.MAPPER.createObjectNode().put("status", e.status()).put("message", e.getMessage()).toString();
    } catch (RuntimeException e) {
      status = 500;
      out = "{\"status\":500}";
    }
    byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(bytes);
    }
  }

  /** Saves invoice {@code id} (number INV-{@code id}) of a customer on the master. */
  protected SalesInvoice invoice(String id, String customer, String total) {
    SalesInvoice invoice = new SalesInvoice();
    invoice.setId(id);
    invoice.setNumber("INV-" + id);
    invoice.setCustomer(customer);
    invoice.setTotal(new java.math.BigDecimal(total));
    return invoice.saveTo(db);
  }

  /** The invoice as stored in {@code database}, tombstones included. */
  protected static SalesInvoice stored(Database database, String id) {
    return ApiAccess.table(SalesInvoice.in(database)).findIncludingDeleted(id).orElseThrow(() -> new AssertionError(id + " is not in " + database));
  }

  /** Asserts that every database holds the invoice at one revision with the same fields. */
  protected static void assertConverged(String id, Database... databases) {
    SalesInvoice first = stored(databases[0], id);
    for (Database other : databases) {
      SalesInvoice here = stored(other, id);
      assertThat(here.meta().rev()).as("revision of %s in %s", id, other).isEqualTo(first.meta().rev());
      assertThat(here.getNumber()).as("number in %s", other).isEqualTo(first.getNumber());
      assertThat(here.getCustomer()).as("customer in %s", other).isEqualTo(first.getCustomer());
      assertThat(here.getTotal()).as("total in %s", other)
          .usingComparator(java.util.Comparator.nullsFirst(java.util.Comparator.<java.math.BigDecimal>naturalOrder()))
          .isEqualTo(first.getTotal());
      assertThat(here.isDirty()).isFalse();
    }
  }
}
