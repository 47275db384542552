package com.acme.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.billing.SalesInvoice;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Reading, creating, replacing, patching, deleting and listing invoices over HTTP. */
class InvoiceCrudApiTest extends ApiTestSupport {

  @Test
  void postCreatesTheInvoiceWithTheGivenIdAndTheTotalOfItsLines() {
    ApiClient.Response response = client.post("/api/invoices", invoiceJson("inv-post-1", "INV-001", "Acme Pte Ltd"));

    assertThat(response.status()).isEqualTo(201);
    JsonNode invoice = response.json();
    assertThat(invoice.get("id").asText()).isEqualTo("inv-post-1");
    assertThat(height(rev(invoice))).isEqualTo(1);
    assertThat(invoice.get("total").decimalValue()).isEqualByComparingTo("360.00");
    assertThat(invoice.get("status").asText()).isEqualTo("DRAFT");
    assertThat(response.header("Location")).isEqualTo("/api/invoices/inv-post-1");
    assertThat(response.header("ETag")).isEqualTo(quoted(rev(invoice)));
    assertThat(SalesInvoice.in(db).find("inv-post-1")).get()
        .extracting(SalesInvoice::getCustomer).isEqualTo("Acme Pte Ltd");
  }

  @Test
  void postWithoutAnIdGetsOneAssigned() {
    ApiClient.Response response = client.post("/api/invoices", invoiceJson(null, "INV-002", "Acme"));

    assertThat(response.status()).isEqualTo(201);
    String id = response.json().get("id").asText();
    assertThat(id).isNotBlank();
    assertThat(response.header("Location")).isEqualTo("/api/invoices/" + id);
  }

  @Test
  void getReturnsTheInvoiceWithItsRevisionAsETag() {
    JsonNode created = create("INV-010", "Acme");

    ApiClient.Response response = client.get(path(created));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json()).isEqualTo(created);
    assertThat(response.json().get("_rev").asText()).isEqualTo(rev(created));
    assertThat(response.header("ETag")).isEqualTo(quoted(rev(created)));
  }

  @Test
  void putWithTheCurrentIfMatchReplacesEveryField() {
    JsonNode created = create("INV-020", "Acme");
    client.send("PATCH", path(created), "{\"status\": \"SENT\"}", "If-Match", quoted(rev(created)));
    JsonNode sent = client.get(path(created)).json();

    ApiClient.Response response = client.send("PUT", path(created), """
        {"number": "INV-020", "customer": "Globex", "lines": [{"description": "Audit", "quantity": 1, "unitPrice": 99.5}]}""",
        "If-Match", quoted(rev(sent)));

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    JsonNode replaced = response.json();
    assertThat(replaced.get("customer").asText()).isEqualTo("Globex");
    assertThat(replaced.get("total").decimalValue()).isEqualByComparingTo("99.5");
    assertThat(replaced.get("status").asText()).as("left out, so back to the default").isEqualTo("DRAFT");
    assertThat(replaced.get("issuedOn").isNull()).isTrue();
    assertThat(height(rev(replaced))).isEqualTo(3);
    assertThat(response.header("ETag")).isEqualTo(quoted(rev(replaced)));
  }

  @Test
  void patchWithTheCurrentRevInTheBodyChangesOnlyTheNamedFields() {
    JsonNode created = create("INV-030", "Acme");

    ApiClient.Response response = client.send("PATCH", path(created),
        "{\"_rev\": \"" + rev(created) + "\", \"status\": \"PAID\"}");

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    JsonNode patched = response.json();
    assertThat(patched.get("status").asText()).isEqualTo("PAID");
    assertThat(patched.get("number").asText()).isEqualTo("INV-030");
    assertThat(patched.get("lines")).isEqualTo(created.get("lines"));
    assertThat(height(rev(patched))).isEqualTo(2);
  }

  @Test
  void patchThatChangesNothingKeepsTheRevision() {
    JsonNode created = create("INV-031", "Acme");

    ApiClient.Response response = client.send("PATCH", path(created), "{\"number\": \"INV-031\"}",
        "If-Match", quoted(rev(created)));

    assertThat(response.status()).isEqualTo(200);
    assertThat(rev(response.json())).isEqualTo(rev(created));
  }

  @Test
  void deleteWithTheCurrentRevisionWritesATombstone() {
    JsonNode created = create("INV-040", "Acme");

    ApiClient.Response response = client.send("DELETE", path(created), null, "If-Match", quoted(rev(created)));

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.json().get("_deleted").asBoolean()).isTrue();
    String tombstone = rev(response.json());
    assertThat(height(tombstone)).isEqualTo(2);
    assertThat(client.get(path(created)).status()).isEqualTo(404);
    List<SalesInvoice> deleted = SalesInvoice.in(db).query().onlyDeleted()
        .where(SalesInvoice.NUMBER.eq("INV-040")).list();
    assertThat(deleted).singleElement().satisfies(row -> assertThat(row.meta().rev()).isEqualTo(tombstone));
  }

  @Test
  void deleteTakesTheRevisionAsAQueryParameterToo() {
    JsonNode created = create("INV-041", "Acme");

    ApiClient.Response response = client.send("DELETE", path(created) + "?rev=" + rev(created), null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(client.get(path(created)).status()).isEqualTo(404);
  }

  @Test
  void postOverATombstoneCreatesTheInvoiceAgain() {
    JsonNode created = create("INV-042", "Acme");
    client.send("DELETE", path(created), null, "If-Match", quoted(rev(created)));

    ApiClient.Response again = client.post("/api/invoices",
        invoiceJson(created.get("id").asText(), "INV-042", "Acme"));

    assertThat(again.status()).as(again.text()).isEqualTo(201);
    assertThat(height(rev(again.json()))).as("continues the tombstone's history").isEqualTo(3);
  }

  @Test
  void listFiltersByCustomerStatusAndDateRangeAndCountsTheTotal() {
    String customer = uniqueCustomer("Initech");
    JsonNode early = create("INV-100", customer);
    JsonNode late = create("INV-101", customer);
    JsonNode paid = create("INV-102", customer);
    create("INV-103", uniqueCustomer("Other"));
    client.send("PATCH", path(late), "{\"issuedOn\": \"2026-12-20\"}", "If-Match", quoted(rev(late)));
    client.send("PATCH", path(early), "{\"issuedOn\": \"2026-01-05\"}", "If-Match", quoted(rev(early)));
    client.send("PATCH", path(paid), "{\"status\": \"PAID\"}", "If-Match", quoted(rev(paid)));
    String byCustomer = "/api/invoices?customer=" + customer.substring(8).toUpperCase().replace(" ", "%20");

    JsonNode all = client.get(byCustomer).json();
    JsonNode draftsInDecember = client.get(byCustomer + "&status=DRAFT&from=2026-12-01&to=2026-12-31").json();
    JsonNode paidOnes = client.get(byCustomer + "&status=PAID").json();

    assertThat(numbers(all)).containsExactly("INV-101", "INV-102", "INV-100");
    assertThat(all.get("total").asLong()).isEqualTo(3);
    assertThat(numbers(draftsInDecember)).containsExactly("INV-101");
    assertThat(draftsInDecember.get("total").asLong()).isEqualTo(1);
    assertThat(numbers(paidOnes)).containsExactly("INV-102");
  }

  @Test
  void listPagesAndCountsEveryMatchInTheTotal() {
    String query = listedTwoAPage(customerWithFiveInvoices("Paging", "INV-2"));

    JsonNode first = client.get(query + "&page=1").json();
    JsonNode third = client.get(query + "&page=3").json();

    assertThat(numbers(first)).containsExactly("INV-21", "INV-22");
    assertThat(numbers(third)).containsExactly("INV-25");
    assertThat(first.get("total").asLong()).isEqualTo(5);
    assertThat(third.get("totalPages").asLong()).isEqualTo(3);
    assertThat(third.get("page").asInt()).isEqualTo(3);
  }

  @Test
  void listContinuesByCursorThroughEveryMatchWithoutCountingAndAnInsertBeforeThePositionShiftsNothing() {
    String customer = customerWithFiveInvoices("Slicing", "INV-3");
    String query = listedTwoAPage(customer) + "&after=";

    JsonNode first = client.get(query).json();
    create("INV-30", customer);
    JsonNode second = client.get(query + first.get("next").asText()).json();
    JsonNode third = client.get(query + second.get("next").asText()).json();

    assertThat(numbers(first)).containsExactly("INV-31", "INV-32");
    assertThat(numbers(second)).as("INV-30 sorts before the position").containsExactly("INV-33", "INV-34");
    assertThat(numbers(third)).containsExactly("INV-35");
    assertThat(third.get("next").isNull()).as("the last slice").isTrue();
    assertThat(first.get("size").asInt()).isEqualTo(2);
    assertThat(first.has("total")).as("a slice counts nothing").isFalse();
  }

  @Test
  void totalIsComputedFromTheLinesWhenLeftOut() {
    ApiClient.Response response = client.post("/api/invoices", """
        {"number": "INV-050", "customer": "Acme", "lines": [
          {"description": "A", "quantity": 2, "unitPrice": 0.1}, {"description": "B", "quantity": 1, "unitPrice": 0.2}]}""");

    assertThat(response.json().get("total").decimalValue()).isEqualByComparingTo(new BigDecimal("0.4"));
  }

  @Test
  void rootServesThePageWithEverythingItNeedsFromThisServer() {
    ApiClient.Response page = client.get("/");
    ApiClient.Response script = client.get("/app.js");
    ApiClient.Response styles = client.get("/app.css");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.text()).contains("<script src=\"app.js\"></script>", "href=\"app.css\"");
    assertThat(script.status()).isEqualTo(200);
    assertThat(styles.status()).isEqualTo(200);
    assertThat(page.text() + script.text() + styles.text()).as("offline: nothing loaded from elsewhere")
        .doesNotContain("http://", "https://", "//cdn");
  }

  /** A new customer with invoices {@code <prefix>1} to {@code <prefix>5}, created in that order. */
  private static String customerWithFiveInvoices(String name, String prefix) {
    String customer = uniqueCustomer(name);
    for (int i = 1; i <= 5; i++) {
      create(prefix + i, customer);
    }
    return customer;
  }

  /** The list of {@code customer}'s invoices, two a page. */
  private static String listedTwoAPage(String customer) {
    return "/api/invoices?customer=" + customer.replace(" ", "%20") + "&size=2";
  }

  private static List<String> numbers(JsonNode page) {
    return StreamSupport.stream(page.get("items").spliterator(), false)
        .map(item -> item.get("number").asText()).toList();
  }

  @Test
  void amountsAreWrittenWithTheirCentsAndEveryDecimalTheyHave() {
    ApiClient.Response created = client.post("/api/invoices", """
        {"number": "INV-CENTS", "customer": "Cents Ltd",
         "lines": [{"description": "a", "quantity": 6, "unitPrice": 10},
                   {"description": "b", "quantity": 1, "unitPrice": 1e3},
                   {"description": "c", "quantity": 3, "unitPrice": 0.125}]}""");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    for (JsonNode invoice : List.of(created.json(), client.get(created.header("Location")).json())) {
      assertThat(invoice.get("lines").get(0).get("unitPrice").toString()).isEqualTo("10.00");
      assertThat(invoice.get("lines").get(1).get("unitPrice").toString()).isEqualTo("1000.00");
      assertThat(invoice.get("lines").get(2).get("unitPrice").toString()).isEqualTo("0.125");
      assertThat(invoice.get("total").toString()).isEqualTo("1060.375");
    }
  }
}
