package com.acme.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Stale writes over HTTP: 412 for a failed If-Match, the seed's 409 for a stale {@code _rev}, 428 for
 * no revision, two clients racing, and the field-by-field merge of a stale edit.
 */
class InvoiceConflictApiTest extends ApiTestSupport {

  @Test
  void staleIfMatchIs412WithTheConflictJsonAndTheCurrentInvoice() {
    JsonNode created = create("INV-001", "Acme");
    JsonNode moved = client.send("PATCH", path(created), "{\"number\": \"INV-002\"}", "If-Match",
        quoted(rev(created))).json();

    ApiClient.Response stale = client.send("PATCH", path(created), "{\"number\": \"INV-003\"}", "If-Match",
        quoted(rev(created)));

    assertThat(stale.status()).isEqualTo(412);
    JsonNode body = stale.json();
    assertThat(body.get("name").asText()).isEqualTo("conflict");
    assertThat(body.get("revision").asText()).isEqualTo(rev(moved));
    assertThat(body.get("current")).isEqualTo(moved);
    assertThat(stale.header("ETag")).isEqualTo(quoted(rev(moved)));
    assertThat(client.get(path(created)).json().get("number").asText()).isEqualTo("INV-002");
  }

  @Test
  void staleRevInTheBodyIs409WithExactlyTheSeedBodyPlusTheCurrentInvoice() {
    JsonNode created = create("INV-001", "Acme");
    JsonNode moved = client.send("PATCH", path(created), "{\"number\": \"INV-002\"}", "If-Match",
        quoted(rev(created))).json();

    ApiClient.Response stale = client.send("PUT", path(created),
        invoiceJson(null, "INV-003", "Acme").replaceFirst("\\{", "{\"_rev\": \"" + rev(created) + "\", "));

    assertThat(stale.status()).isEqualTo(409);
    JsonNode body = stale.json();
    List<String> keys = new ArrayList<>();
    body.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("name", "message", "status", "error", "reason", "revision", "current");
    JsonNode seed = body.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) seed).remove("current");
    assertThat(seed).isEqualTo(ApiClient.object("""
        {"name": "conflict", "message": "Document update conflict", "status": 409, "error": true,
         "reason": "Document update conflict", "revision": "%s"}""".formatted(rev(moved))));
    assertThat(body.get("current")).isEqualTo(moved);
  }

  @Test
  void updateWithoutARevisionIs428() {
    JsonNode created = create("INV-001", "Acme");

    ApiClient.Response put = client.send("PUT", path(created), invoiceJson(null, "INV-009", "Acme"));
    ApiClient.Response patch = client.send("PATCH", path(created), "{\"number\": \"INV-009\"}");

    assertThat(put.status()).isEqualTo(428);
    assertThat(patch.status()).isEqualTo(428);
    assertThat(patch.json().get("message").asText()).contains("If-Match", "_rev");
    assertThat(client.get(path(created)).json()).isEqualTo(created);
  }

  @Test
  void deleteWithoutARevisionIs428() {
    JsonNode created = create("INV-001", "Acme");

    ApiClient.Response response = client.send("DELETE", path(created), null);

    assertThat(response.status()).isEqualTo(428);
    assertThat(client.get(path(created)).status()).isEqualTo(200);
  }

  @Test
  void deleteWithAStaleIfMatchIs412AndDeletesNothing() {
    JsonNode created = create("INV-001", "Acme");
    JsonNode moved = client.send("PATCH", path(created), "{\"status\": \"SENT\"}", "If-Match",
        quoted(rev(created))).json();

    ApiClient.Response response = client.send("DELETE", path(created), null, "If-Match", quoted(rev(created)));

    assertThat(response.status()).isEqualTo(412);
    assertThat(response.json().get("current")).isEqualTo(moved);
    assertThat(client.get(path(created)).status()).isEqualTo(200);
  }

  @Test
  void deleteWithAStaleRevParameterIs409() {
    JsonNode created = create("INV-001", "Acme");
    JsonNode moved = client.send("PATCH", path(created), "{\"status\": \"SENT\"}", "If-Match",
        quoted(rev(created))).json();

    ApiClient.Response response = client.send("DELETE", path(created) + "?rev=" + rev(created), null);

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().get("revision").asText()).isEqualTo(rev(moved));
  }

  @Test
  void postWithAnIdInUseIs409WithTheStoredInvoice() {
    JsonNode created = create("INV-001", "Acme");

    ApiClient.Response again = client.post("/api/invoices",
        invoiceJson(created.get("id").asText(), "INV-001", "Someone else"));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("name").asText()).isEqualTo("conflict");
    assertThat(again.json().get("revision").asText()).isEqualTo(rev(created));
    assertThat(again.json().get("current")).isEqualTo(created);
  }

  @Test
  void twoClientsRacingOnOneInvoiceLeaveExactlyOneWinner() throws Exception {
    ApiClient otherClient = new ApiClient(server.port());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        JsonNode created = create("INV-RACE", "Nobody yet");
        String base = quoted(rev(created));
        CountDownLatch start = new CountDownLatch(1);
        Future<ApiClient.Response> a = pool.submit(() -> {
          start.await();
          return client.send("PATCH", path(created), "{\"customer\": \"Client A\"}", "If-Match", base);
        });
        Future<ApiClient.Response> b = pool.submit(() -> {
          start.await();
          return otherClient.send("PATCH", path(created), "{\"customer\": \"Client B\"}", "If-Match", base);
        });
        start.countDown();
        ApiClient.Response first = a.get();
        ApiClient.Response second = b.get();

        ApiClient.Response winner = first.status() == 200 ? first : second;
        ApiClient.Response loser = winner == first ? second : first;
        assertThat(List.of(winner.status(), loser.status())).containsExactly(200, 412);
        JsonNode stored = client.get(path(created)).json();
        assertThat(stored).isEqualTo(winner.json());
        assertThat(height(rev(stored))).isEqualTo(2);
        assertThat(loser.json().get("revision").asText()).isEqualTo(rev(stored));
        assertThat(loser.json().get("current")).isEqualTo(stored);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void mergeAppliesTheClientsChangeOnTopOfAnotherWritersChange() {
    JsonNode created = create("INV-001", "Acme");
    JsonNode theirs = client.send("PATCH", path(created), "{\"customer\": \"Acme Holdings\"}", "If-Match",
        quoted(rev(created))).json();

    ApiClient.Response merged = client.post(path(created) + "/merge", """
        {"_rev": "%s", "changes": {"number": "INV-001-A"}, "_before_update": {"number": "INV-001"}}"""
        .formatted(rev(created)));

    assertThat(merged.status()).as(merged.text()).isEqualTo(200);
    JsonNode stored = client.get(path(created)).json();
    assertThat(stored).isEqualTo(merged.json());
    assertThat(stored.get("number").asText()).isEqualTo("INV-001-A");
    assertThat(stored.get("customer").asText()).isEqualTo("Acme Holdings");
    assertThat(height(rev(stored))).isEqualTo(height(rev(theirs)) + 1);
    assertThat(merged.header("ETag")).isEqualTo(quoted(rev(stored)));
  }

  @Test
  void mergeOfLinesRecomputesTheTotal() {
    JsonNode created = create("INV-001", "Acme");
    client.send("PATCH", path(created), "{\"status\": \"SENT\"}", "If-Match", quoted(rev(created)));

    ApiClient.Response merged = client.post(path(created) + "/merge", """
        {"_rev": "%s", "changes": {"lines": [{"description": "Consulting", "quantity": 5, "unitPrice": 120}]},
         "_before_update": {"lines": %s}}""".formatted(rev(created), created.get("lines")));

    assertThat(merged.status()).as(merged.text()).isEqualTo(200);
    assertThat(merged.json().get("total").decimalValue()).isEqualByComparingTo("600");
    assertThat(merged.json().get("status").asText()).isEqualTo("SENT");
  }

  @Test
  void mergeOfAFieldBothSidesChangedIs409NamingIt() {
    JsonNode created = create("INV-001", "Acme");
    JsonNode theirs = client.send("PATCH", path(created), "{\"customer\": \"Acme Holdings\"}", "If-Match",
        quoted(rev(created))).json();

    ApiClient.Response refused = client.post(path(created) + "/merge", """
        {"_rev": "%s", "changes": {"customer": "Acme Group", "number": "INV-001-A"},
         "_before_update": {"customer": "Acme", "number": "INV-001"}}""".formatted(rev(created)));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("name").asText()).isEqualTo("conflict");
    assertThat(refused.json().get("revision").asText()).isEqualTo(rev(theirs));
    assertThat(refused.json().get("conflictingFields")).containsExactly(com.fasterxml.jackson.databind.node.TextNode.valueOf("customer"));
    assertThat(refused.json().get("current")).isEqualTo(theirs);
    assertThat(client.get(path(created)).json()).as("nothing written").isEqualTo(theirs);
  }

  @Test
  void mergeAtTheCurrentRevisionIsAPlainUpdate() {
    JsonNode created = create("INV-001", "Acme");

    ApiClient.Response merged = client.post(path(created) + "/merge", """
        {"_rev": "%s", "changes": {"status": "SENT"}, "_before_update": {"status": "DRAFT"}}"""
        .formatted(rev(created)));

    assertThat(merged.status()).isEqualTo(200);
    assertThat(merged.json().get("status").asText()).isEqualTo("SENT");
    assertThat(height(rev(merged.json()))).isEqualTo(2);
  }

  @Test
  void mergeWithoutTheBaseValuesOfTheChangedFieldsIs400() {
    JsonNode created = create("INV-001", "Acme");

    ApiClient.Response response = client.post(path(created) + "/merge", """
        {"_rev": "%s", "changes": {"number": "INV-002"}, "_before_update": {}}""".formatted(rev(created)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo("_before_update");
    assertThat(response.json().get("message").asText()).contains("'number'");
  }

  @Test
  void mergeWithoutARevisionIs428() {
    JsonNode created = create("INV-001", "Acme");

    ApiClient.Response response = client.post(path(created) + "/merge", """
        {"changes": {"number": "INV-002"}, "_before_update": {"number": "INV-001"}}""");

    assertThat(response.status()).isEqualTo(428);
  }

  @Test
  void theSamePutSentTwiceAnswers200BothTimesWithTheSameEtag() {
    JsonNode created = create("INV-001", "Acme");
    String body = invoiceJson(null, "INV-002", "Acme Holdings");

    ApiClient.Response first = client.send("PUT", path(created), body, "If-Match", quoted(rev(created)));
    ApiClient.Response again = client.send("PUT", path(created), body, "If-Match", quoted(rev(created)));

    assertThat(first.status()).isEqualTo(200);
    assertThat(again.status()).as("the change already succeeded; its answer was lost (RFC 9110 13.1.1)").isEqualTo(200);
    assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(rev(client.get(path(created)).json())).startsWith("2-").isEqualTo(rev(first.json()));
  }

  @Test
  void theSamePatchSentTwiceAnswers200AndWritesOnce() {
    JsonNode created = create("INV-001", "Acme");

    ApiClient.Response first = client.send("PATCH", path(created), "{\"status\": \"SENT\"}", "If-Match",
        quoted(rev(created)));
    ApiClient.Response again = client.send("PATCH", path(created), "{\"status\": \"SENT\"}", "If-Match",
        quoted(rev(created)));

    assertThat(first.status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
    assertThat(rev(client.get(path(created)).json())).startsWith("2-");
  }

  @Test
  void aPutWithTheSameBaseButAnotherBodyIsStill412() {
    JsonNode created = create("INV-001", "Acme");
    client.send("PUT", path(created), invoiceJson(null, "INV-002", "Acme"), "If-Match", quoted(rev(created)));

    ApiClient.Response other = client.send("PUT", path(created), invoiceJson(null, "INV-003", "Acme"), "If-Match",
        quoted(rev(created)));

    assertThat(other.status()).isEqualTo(412);
    assertThat(other.json().get("name").asText()).isEqualTo("conflict");
    assertThat(client.get(path(created)).json().get("number").asText()).isEqualTo("INV-002");
  }

  @Test
  void theSameDeleteSentTwiceAnswers200BothTimesWithTheSameTombstone() {
    JsonNode created = create("INV-001", "Acme");

    ApiClient.Response first = client.send("DELETE", path(created), null, "If-Match", quoted(rev(created)));
    ApiClient.Response again = client.send("DELETE", path(created), null, "If-Match", quoted(rev(created)));

    assertThat(first.status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(first.json().get("_deleted").asBoolean()).isTrue();
  }

  @Test
  void aDeleteFromAnOlderRevisionOfADeletedInvoiceIsStill404() {
    JsonNode created = create("INV-001", "Acme");
    JsonNode moved = client.send("PATCH", path(created), "{\"status\": \"SENT\"}", "If-Match",
        quoted(rev(created))).json();
    client.send("DELETE", path(created), null, "If-Match", quoted(rev(moved)));

    ApiClient.Response stale = client.send("DELETE", path(created), null, "If-Match", quoted(rev(created)));

    assertThat(stale.status()).isEqualTo(404);
  }

  @Test
  void theSameMergeSentTwiceAnswers200BothTimesWithTheSameEtag() {
    JsonNode created = create("INV-001", "Acme");
    client.send("PATCH", path(created), "{\"status\": \"SENT\"}", "If-Match", quoted(rev(created)));
    String merge = "{\"_rev\": \"" + rev(created) + "\", \"changes\": {\"customer\": \"Acme Holdings\"},"
        + " \"_before_update\": {\"customer\": \"Acme\"}}";

    ApiClient.Response first = client.send("POST", path(created) + "/merge", merge);
    ApiClient.Response again = client.send("POST", path(created) + "/merge", merge);

    assertThat(first.status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
    assertThat(rev(client.get(path(created)).json())).startsWith("3-");
  }
}
