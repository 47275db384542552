package io.pocketto.spring.boot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo application started for real on a random port and driven over HTTP, as a client would: the
 * starter's Database on the application's DataSource, the repository bean, the 409 answer, a race of two
 * clients for one revision, a {@code @Transactional} service rolled back, and Actuator's health.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoApplicationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ExecutorService CLIENTS = Executors.newFixedThreadPool(2);

  @LocalServerPort
  int port;

  @Autowired
  Database database;

  @Autowired
  AccountRepository accounts;

  @Autowired
  MeterRegistry meters;

  private final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  static void stopClients() {
    CLIENTS.shutdownNow();
  }

  private record Answer(int status, JsonNode body, String text) {}

  private Answer send(String method, String path, Object body) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .header("Content-Type", "application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
      return new Answer(response.statusCode(), json, response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode create(String owner, int balance) {
    Answer created = send("POST", "/accounts",
        java.util.Map.of("id", owner + "-" + UUID.randomUUID(), "owner", owner, "balance", balance));
    assertThat(created.status()).isEqualTo(201);
    return created.body();
  }

  private static String rev(JsonNode account) {
    return account.get("_meta").get("_rev").asText();
  }

  @Test
  void theStarterOpensTheDefaultDatabaseOnTheApplicationsDataSource() {
    assertThat(Pocketto.defaultDatabase()).isSameAs(database);
    assertThat(database.dialectName()).isEqualTo("H2");
    assertThat(database.url()).startsWith("jdbc:h2:mem:pocketto-demo");
    assertThat(database.retryPolicy().maxAttempts()).as("pocketto.retry.max-attempts").isEqualTo(7);
    assertThat(database.writer()).as("pocketto.writer").isEqualTo("demo-service");
  }

  @Test
  void aCreatedAccountIsReadBackThroughTheRepositoryBean() {
    JsonNode created = create("ada", 100);

    Answer read = send("GET", "/accounts/" + created.get("id").asText(), null);

    assertThat(read.status()).isEqualTo(200);
    assertThat(rev(read.body())).isEqualTo(rev(created)).startsWith("1-");
    assertThat(read.body().get("balance").decimalValue()).isEqualByComparingTo("100");
    assertThat(accounts.findByOwner("ada")).extracting(Account::getId).contains(created.get("id").asText());
  }

  @Test
  void aStaleRevisionIsAnswered409WithTheSeedsBody() {
    JsonNode created = create("bob", 10);
    String id = created.get("id").asText();
    Answer first = send("PUT", "/accounts/" + id, java.util.Map.of("_rev", rev(created), "balance", 20));
    assertThat(first.status()).isEqualTo(200);

    Answer stale = send("PUT", "/accounts/" + id, java.util.Map.of("_rev", rev(created), "balance", 30));

    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.text()).isEqualTo("{\"name\":\"conflict\",\"message\":\"Document update conflict\",\"status\":409,"
        + "\"error\":true,\"reason\":\"Document update conflict\",\"revision\":\"" + rev(first.body()) + "\"}");
  }

  @Test
  void twoClientsRacingForOneRevisionGetOne200AndOne409() throws Exception {
    for (int round = 0; round < 20; round++) {
      JsonNode created = create("race", 0);
      String id = created.get("id").asText();
      CyclicBarrier start = new CyclicBarrier(2);
      List<Future<Answer>> answers = new ArrayList<>();
      for (int client = 1; client <= 2; client++) {
        int balance = client;
        answers.add(CLIENTS.submit(() -> {
          start.await();
          return send("PUT", "/accounts/" + id, java.util.Map.of("_rev", rev(created), "balance", balance));
        }));
      }
      Answer a = answers.get(0).get();
      Answer b = answers.get(1).get();

      assertThat(List.of(a.status(), b.status())).as("round " + round).containsExactlyInAnyOrder(200, 409);
      Answer winner = a.status() == 200 ? a : b;
      Answer loser = a.status() == 200 ? b : a;
      JsonNode stored = send("GET", "/accounts/" + id, null).body();
      assertThat(rev(stored)).isEqualTo(rev(winner.body())).startsWith("2-");
      assertThat(stored.get("balance").decimalValue()).isEqualByComparingTo(winner.body().get("balance").decimalValue());
      assertThat(loser.body().get("revision").asText()).isEqualTo(rev(stored));
    }
  }

  private Answer transfer(JsonNode from, JsonNode to, String amount) {
    return send("POST", "/transfers", java.util.Map.of("from", from.get("id").asText(), "fromRev", rev(from),
        "to", to.get("id").asText(), "toRev", rev(to), "amount", amount));
  }

  private JsonNode stored(JsonNode account) {
    return send("GET", "/accounts/" + account.get("id").asText(), null).body();
  }

  @Test
  void aTransactionalServiceMethodThatFailsLeavesBothAccountsUnchanged() {
    JsonNode from = create("carol", 100);
    JsonNode to = create("dave", 0);

    Answer refused = transfer(from, to, "150");

    assertThat(refused.status()).isEqualTo(422);
    assertThat(rev(stored(from))).isEqualTo(rev(from));
    JsonNode toAfter = stored(to);
    assertThat(rev(toAfter)).as("the credit was written, then rolled back").isEqualTo(rev(to));
    assertThat(toAfter.get("balance").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
  }

  @Test
  void aTransactionalServiceMethodThatSucceedsCommitsBothAccounts() {
    JsonNode from = create("erin", 100);
    JsonNode to = create("frank", 0);

    Answer done = transfer(from, to, "30");

    assertThat(done.status()).isEqualTo(204);
    JsonNode fromAfter = stored(from);
    assertThat(fromAfter.get("balance").decimalValue()).isEqualByComparingTo("70");
    assertThat(stored(to).get("balance").decimalValue()).isEqualByComparingTo("30");
    assertThat(rev(fromAfter)).startsWith("2-");
  }

  @Test
  void writesAndConflictsAreMeteredInTheApplicationsRegistry() {
    JsonNode created = create("gina", 1);
    double conflictsBefore = meters.counter("pocketto.conflicts", "collection", "accounts").count();
    long writesBefore = meters.timer("pocketto.writes", "collection", "accounts").count();

    send("PUT", "/accounts/" + created.get("id").asText(), java.util.Map.of("_rev", rev(created), "balance", 2));
    Answer stale = send("PUT", "/accounts/" + created.get("id").asText(), java.util.Map.of("_rev", rev(created), "balance", 3));

    assertThat(stale.status()).isEqualTo(409);
    assertThat(meters.timer("pocketto.writes", "collection", "accounts").count()).isEqualTo(writesBefore + 1);
    // The controller saw this conflict before the database did: only a refused write counts as one.
    assertThat(meters.counter("pocketto.conflicts", "collection", "accounts").count()).isEqualTo(conflictsBefore);
  }

  @Test
  void actuatorReportsPockettoHealth() {
    Answer health = send("GET", "/actuator/health", null);

    assertThat(health.status()).isEqualTo(200);
    JsonNode pocketto = health.body().get("components").get("pocketto");
    assertThat(pocketto.get("status").asText()).isEqualTo("UP");
    assertThat(pocketto.get("details").get("dialect").asText()).isEqualTo("H2");
  }
}
