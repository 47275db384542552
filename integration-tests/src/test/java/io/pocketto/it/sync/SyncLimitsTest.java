package io.pocketto.it.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.internal.ApiAccess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pocketto.Database;
import io.pocketto.it.model.SalesInvoice;
import io.pocketto.sync.Remote;
import io.pocketto.sync.Replication;
import io.pocketto.sync.SyncProtocolException;
import io.pocketto.sync.SyncServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's caps on pull batches, push batches and bodies, over HTTP on each backend. */
class SyncLimitsTest extends SyncTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private SyncServer server;
  private URI base;

  @BeforeEach
  void serveWithSmallLimits() {
    for (int i = 1; i <= 5; i++) {
      SalesInvoice invoice = new SalesInvoice();
      invoice.setId("I" + i);
      invoice.setTotal(BigDecimal.valueOf(i));
      invoice.saveTo(db);
    }
    server = SyncServer.builder(db).model(SalesInvoice.class).maxPullLimit(2).maxPushRows(2).maxBodyBytes(4096).build();
    base = serve(server);
  }

  private record Answer(int status, JsonNode json) {}

  private Answer post(String operation, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/sales_invoices/" + operation))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String rows(int n) {
    StringBuilder b = new StringBuilder("{\"clientId\":\"c\",\"rows\":[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("{\"id\":\"N").append(i)
          .append("\",\"assumedMasterRev\":null,\"newDocumentState\":{\"_rev\":\"1-0123456789abcdef0123456789abcdef\"}}");
    }
    return b.append("]}").toString();
  }

  @Test
  void aPullNeverReturnsMoreThanTheCapAndSaysThereIsMore() {
    Answer answer = post("pull", "{\"checkpoint\":null,\"limit\":100000}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("documents")).hasSize(2);
    assertThat(answer.json().get("hasMore").asBoolean()).isTrue();

    Database client = newClient("capped");
    assertThat(replicate(client, Remote.http(base)).syncOnce().pulled()).as("a replica still gets everything").isEqualTo(5);
  }

  @Test
  void aPullLimitThatIsNotAPositiveWholeNumberIs400() {
    Answer answer = post("pull", "{\"checkpoint\":null,\"limit\":\"all\"}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("message").asText()).contains("'limit' must be a whole number");
  }

  @Test
  void aPushOfMoreRowsThanTheCapIs413AndWritesNothing() {
    Answer answer = post("push", rows(3));

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.json().get("message").asText()).contains("at most 2 rows per push, got 3");
    assertThat(ApiAccess.table(SalesInvoice.in(db)).count()).isEqualTo(5);
  }

  @Test
  void aBodyLargerThanTheCapIs413AndWritesNothing() {
    String big = "{\"clientId\":\"" + "x".repeat(5000) + "\",\"rows\":[]}";

    Answer answer = post("push", big);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.json().get("message").asText()).contains("larger than 4096 bytes");
    // Mounted without a size check of its own, the server still refuses it.
    assertThatThrownBy(() -> server.push("sales_invoices", big)).isInstanceOf(SyncProtocolException.class)
        .satisfies(e -> assertThat(((SyncProtocolException) e).status()).isEqualTo(413));
    assertThat(ApiAccess.table(SalesInvoice.in(db)).count()).isEqualTo(5);
  }

  @Test
  void theServerKeepsServingOthersWhileOversizedRequestsAreRefused() throws Exception {
    ExecutorService hostile = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<Integer>>> floods = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        floods.add(hostile.submit(() -> {
          List<Integer> statuses = new ArrayList<>();
          for (int i = 0; i < 25; i++) {
            statuses.add(post("push", i % 2 == 0 ? rows(50) : "{\"rows\":[],\"pad\":\"" + "y".repeat(8000) + "\"}").status());
          }
          return statuses;
        }));
      }
      Database client = newClient("honest");
      Replication honest = replicate(client, Remote.http(base));
      assertThat(honest.syncOnce().pulled()).isEqualTo(5);
      SalesInvoice edit = stored(client, "I1");
      edit.setTotal(BigDecimal.TEN);
      edit.save();
      assertThat(honest.syncOnce().pushed()).isEqualTo(1);
      for (Future<List<Integer>> flood : floods) {
        assertThat(flood.get()).containsOnly(413);
      }
      assertConverged("I1", db, client);
      assertThat(ApiAccess.table(SalesInvoice.in(db)).count()).isEqualTo(5);
    } finally {
      hostile.shutdown();
    }
  }
}
