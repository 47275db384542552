package com.acme.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.billing.SalesInvoice;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * "Alice is editing" over HTTP: the {@code X-User} header names who writes, a lock on an invoice refuses
 * everyone else's writes with 423 until its holder releases it, and a request's writer ends with it.
 */
class EditingLockApiTest extends ApiTestSupport {

  private static ApiClient.Response as(String user, String method, String path, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = EditingLocks.USER_HEADER;
    all[1] = user;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return client.send(method, path, body, all);
  }

  private static String storedWriter(JsonNode invoice) {
    return SalesInvoice.in(db).find(invoice.get("id").asText()).orElseThrow().meta().writer();
  }

  @Test
  void whileAliceHoldsTheLockBobsWritesAndLocksAre423AndEveryoneSeesHer() {
    JsonNode invoice = create("INV-001", uniqueCustomer("Acme"));
    String lock = path(invoice) + "/lock";

    ApiClient.Response taken = as("Alice", "POST", lock, null);
    assertThat(taken.status()).as(taken.text()).isEqualTo(200);
    assertThat(taken.json().get("holder").asText()).isEqualTo("Alice");

    ApiClient.Response shown = client.get(lock);
    assertThat(shown.json().get("holder").asText()).isEqualTo("Alice");
    assertThat(shown.json().get("expires").asText()).isEqualTo(taken.json().get("expires").asText());

    ApiClient.Response bobsPatch = as("Bob", "PATCH", path(invoice), "{\"number\": \"INV-BOB\"}", "If-Match",
        quoted(rev(invoice)));
    assertThat(bobsPatch.status()).isEqualTo(423);
    assertThat(bobsPatch.json().get("name").asText()).isEqualTo("locked");
    assertThat(bobsPatch.json().get("holder").asText()).isEqualTo("Alice");
    assertThat(as("Bob", "DELETE", path(invoice) + "?rev=" + rev(invoice), null).status()).isEqualTo(423);
    assertThat(as("Bob", "POST", lock, null).status()).isEqualTo(423);
    assertThat(as("Bob", "DELETE", lock, null).status()).isEqualTo(423);
    assertThat(client.get(path(invoice)).json().get("number").asText()).isEqualTo("INV-001");

    ApiClient.Response alicesPatch = as("Alice", "PATCH", path(invoice), "{\"number\": \"INV-ALICE\"}", "If-Match",
        quoted(rev(invoice)));
    assertThat(alicesPatch.status()).as(alicesPatch.text()).isEqualTo(200);
    assertThat(storedWriter(invoice)).isEqualTo("Alice");
    assertThat(as("Alice", "DELETE", lock, null).status()).isEqualTo(204);
    assertThat(client.get(lock).json().get("holder").isNull()).isTrue();

    ApiClient.Response bobsTurn = as("Bob", "PATCH", path(invoice), "{\"customer\": \"Bob Ltd\"}", "If-Match",
        quoted(rev(alicesPatch.json())));
    assertThat(bobsTurn.status()).as(bobsTurn.text()).isEqualTo(200);
    assertThat(storedWriter(invoice)).isEqualTo("Bob");
  }

  @Test
  void aRequestsWriterEndsWithItEvenWhenItFails() {
    JsonNode invoice = create("INV-002", uniqueCustomer("Acme"));
    as("Alice", "POST", path(invoice) + "/lock", null);
    assertThat(as("Bob", "PATCH", path(invoice), "{\"number\": \"X\"}", "If-Match", quoted(rev(invoice))).status())
        .isEqualTo(423);
    as("Alice", "DELETE", path(invoice) + "/lock", null);

    // Sent many times, so that each of the server's threads would show a writer left behind by Bob.
    JsonNode last = invoice;
    for (int i = 0; i < 20; i++) {
      ApiClient.Response anonymous = client.send("PATCH", path(invoice), "{\"number\": \"N-" + i + "\"}", "If-Match",
          quoted(rev(last)));
      assertThat(anonymous.status()).as(anonymous.text()).isEqualTo(200);
      last = anonymous.json();
      assertThat(storedWriter(invoice)).isEqualTo(db.writer());
    }
  }

  @Test
  void anInvalidUserIsA400NamingTheHeader() {
    JsonNode invoice = create("INV-003", uniqueCustomer("Acme"));

    ApiClient.Response refused = as("x".repeat(300), "POST", path(invoice) + "/lock", null);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("field").asText()).isEqualTo("X-User");
    assertThat(refused.json().get("message").asText()).contains("300 characters long");
  }
}
