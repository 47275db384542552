package com.acme.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One real server per test class, on a free port, over a fresh in-memory database. Each test works on
 * invoices of its own (unique ids and customers), so tests do not see each other's data.
 */
abstract class ApiTestSupport {
  static Database db;
  static InvoiceServer server;
  static ApiClient client;

  @BeforeAll
  static void startServer() {
    db = Pocketto.connect("jdbc:h2:mem:api-" + UUID.randomUUID());
    server = InvoiceServer.start(db, "127.0.0.1", 0);
    client = new ApiClient(server.port());
  }

  @AfterAll
  static void stopServer() {
    server.close();
    db.close();
  }

  /** A customer name no other test uses. */
  static String uniqueCustomer(String name) {
    return name + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The JSON body of an invoice with one line of 3 x 120.00. */
  static String invoiceJson(String id, String number, String customer) {
    return """
        {%s"number": "%s", "customer": "%s", "issuedOn": "2026-11-25",
         "lines": [{"description": "Consulting", "quantity": 3, "unitPrice": 120.00}]}"""
        .formatted(id == null ? "" : "\"id\": \"" + id + "\", ", number, customer);
  }

  /** Creates an invoice through the API and returns it as stored. */
  static JsonNode create(String number, String customer) {
    String id = "inv-" + UUID.randomUUID();
    ApiClient.Response created = client.post("/api/invoices", invoiceJson(id, number, customer));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json();
  }

  static String path(JsonNode invoice) {
    return "/api/invoices/" + PathSegment.encode(invoice.get("id").asText());
  }

  static String rev(JsonNode invoice) {
    return invoice.get("_rev").asText();
  }

  static String quoted(String rev) {
    return "\"" + rev + "\"";
  }

  /** The height of a revision, {@code 3} for {@code 3-abc...}. */
  static int height(String rev) {
    return Integer.parseInt(rev.substring(0, rev.indexOf('-')));
  }
}
