package com.acme.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad requests get a JSON error that says what is wrong, never a 500 or a stack trace. */
class InvoiceBadInputApiTest extends ApiTestSupport {

  @Test
  void malformedJsonIs400SayingWhere() {
    ApiClient.Response response = client.post("/api/invoices", "{\"number\": \"INV-1\",");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("name").asText()).isEqualTo("bad_request");
    assertThat(response.json().get("message").asText()).startsWith("malformed JSON at line 1");
    assertThat(response.text()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void bodyThatIsNotAnObjectIs400() {
    ApiClient.Response response = client.post("/api/invoices", "[1, 2]");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("message").asText()).contains("must be a JSON object");
  }

  @Test
  void unknownFieldIs400NamingIt() {
    ApiClient.Response response = client.post("/api/invoices", "{\"number\": \"INV-1\", \"customer\": \"A\", \"colour\": \"red\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo("colour");
    assertThat(response.json().get("message").asText()).contains("unknown field 'colour'", "customer");
  }

  @Test
  void unknownFieldOfALineIs400NamingIt() {
    ApiClient.Response response = client.post("/api/invoices", """
        {"number": "INV-1", "customer": "A", "lines": [{"description": "x", "qty": 1, "unitPrice": 1}]}""");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo("lines[0].qty");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "number   | 42                                                              | number",
      "customer | true                                                            | customer",
      "status   | \"OPEN\"                                                        | status",
      "issuedOn | \"25/11/2026\"                                                  | issuedOn",
      "lines    | {}                                                              | lines",
      "lines    | [{\"description\": \"x\", \"quantity\": \"3\", \"unitPrice\": 1}] | lines[0].quantity",
      "lines    | [{\"description\": \"x\", \"quantity\": 1.5, \"unitPrice\": 1}]   | lines[0].quantity",
      "lines    | [{\"description\": \"x\", \"quantity\": 1, \"unitPrice\": \"1\"}] | lines[0].unitPrice",
      "lines    | [{\"description\": \"x\", \"quantity\": 0, \"unitPrice\": 1}]     | lines[0].quantity",
      "total    | 1                                                               | total",
  })
  void wrongTypeOrValueIs400NamingTheField(String field, String value, String named) {
    JsonNode created = create("INV-1", "Acme");

    ApiClient.Response response = client.send("PATCH", path(created), "{\"" + field + "\": " + value + "}",
        "If-Match", quoted(rev(created)));

    assertThat(response.status()).as(response.text()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo(named);
    assertThat(response.json().get("message").asText()).contains(named);
    assertThat(client.get(path(created)).json()).isEqualTo(created);
  }

  @Test
  void missingRequiredFieldIs400NamingIt() {
    ApiClient.Response response = client.post("/api/invoices", "{\"number\": \"INV-1\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo("customer");
  }

  @Test
  void invalidRevisionInTheBodyIs400() {
    JsonNode created = create("INV-1", "Acme");

    ApiClient.Response response = client.send("PATCH", path(created), "{\"_rev\": \"10-y\", \"number\": \"X\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo("_rev");
    assertThat(response.json().get("message").asText()).contains("invalid revision '10-y'");
  }

  @Test
  void invalidRevisionInIfMatchIs400() {
    JsonNode created = create("INV-1", "Acme");

    ApiClient.Response response = client.send("PATCH", path(created), "{\"number\": \"X\"}", "If-Match", "\"abc\"");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo("If-Match");
  }

  @Test
  void ifMatchAndARevInTheBodyThatDisagreeAre400() {
    JsonNode created = create("INV-1", "Acme");
    String other = "9-0123456789abcdef0123456789abcdef";

    ApiClient.Response response = client.send("PATCH", path(created),
        "{\"_rev\": \"" + other + "\", \"number\": \"X\"}", "If-Match", quoted(rev(created)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("message").asText()).contains(rev(created), other);
  }

  @Test
  void revisionOnACreateIs400() {
    ApiClient.Response response = client.post("/api/invoices",
        "{\"_rev\": \"1-0123456789abcdef0123456789abcdef\", \"number\": \"INV-1\", \"customer\": \"A\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo("_rev");
  }

  @Test
  void oversizedBodyIs413() {
    String huge = "{\"number\": \"" + "x".repeat(InvoiceServer.MAX_BODY_BYTES) + "\", \"customer\": \"A\"}";

    ApiClient.Response response = client.post("/api/invoices", huge);

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.json().get("name").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void oversizedBodyOfUnannouncedLengthIs413() {
    byte[] huge = ("{\"number\": \"" + "x".repeat(InvoiceServer.MAX_BODY_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);

    ApiClient.Response response = client.sendStreamed("POST", "/api/invoices", () -> new ByteArrayInputStream(huge));

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.json().get("message").asText()).contains(String.valueOf(InvoiceServer.MAX_BODY_BYTES));
  }

  @Test
  void unknownIdIs404ForEveryMethod() {
    String path = "/api/invoices/no-such-invoice";
    String rev = quoted("1-0123456789abcdef0123456789abcdef");

    assertThat(client.get(path).status()).isEqualTo(404);
    assertThat(client.send("PUT", path, invoiceJson(null, "INV-1", "A"), "If-Match", rev).status()).isEqualTo(404);
    assertThat(client.send("PATCH", path, "{\"number\": \"X\"}", "If-Match", rev).status()).isEqualTo(404);
    assertThat(client.send("DELETE", path, null, "If-Match", rev).status()).isEqualTo(404);
    ApiClient.Response merge = client.post(path + "/merge",
        "{\"_rev\": \"1-0123456789abcdef0123456789abcdef\", \"changes\": {\"number\": \"X\"}, \"_before_update\": {\"number\": \"Y\"}}");
    assertThat(merge.status()).isEqualTo(404);
    assertThat(merge.json().get("name").asText()).isEqualTo("not_found");
  }

  @Test
  void unknownRouteIsAJson404() {
    ApiClient.Response response = client.get("/api/customers");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("error").asBoolean()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "status=OPEN, status",
      "from=yesterday, from",
      "from=2026-02-01&to=2026-01-01, from",
      "page=0, page",
      "size=1000, size",
      "limit=5, limit",
      "after=not-a-cursor, after",
      "after=e30.AAAA, after",
      "page=2&after=, page",
      "after=&after=, after",
  })
  void badListParametersAre400NamingThem(String query, String named) {
    ApiClient.Response response = client.get("/api/invoices?" + query);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo(named);
  }

  @Test
  void aCursorFromOtherFiltersIs400NamingAfter() {
    String customer = uniqueCustomer("Cursor");
    create("INV-1", customer);
    create("INV-2", customer);
    String next = client.get("/api/invoices?size=1&after=").json().get("next").asText();

    ApiClient.Response sameFilters = client.get("/api/invoices?size=1&after=" + next);
    ApiClient.Response otherFilters = client.get("/api/invoices?size=1&status=PAID&after=" + next);

    assertThat(sameFilters.status()).as(sameFilters.text()).isEqualTo(200);
    assertThat(otherFilters.status()).isEqualTo(400);
    assertThat(otherFilters.json().get("field").asText()).isEqualTo("after");
    assertThat(otherFilters.json().get("message").asText()).contains("issued for another query");
  }

  /** A lone surrogate, as a client writes it in JSON: the escape of half a UTF-16 pair. */
  private static final String LONE = "\\ud800";

  static Stream<Arguments> loneSurrogates() {
    String line = "[{\"description\": \"x" + LONE + "\", \"quantity\": 1, \"unitPrice\": 1}]";
    return Stream.of(
        Arguments.of("POST", "{\"number\": \"" + LONE + "\", \"customer\": \"A\"}", "number"),
        Arguments.of("POST", "{\"number\": \"N\", \"customer\": \"" + LONE + "\"}", "customer"),
        Arguments.of("POST", "{\"number\": \"N\", \"customer\": \"A\", \"lines\": " + line + "}", "lines[0].description"),
        Arguments.of("PUT", "{\"number\": \"N\", \"customer\": \"" + LONE + "B\"}", "customer"),
        Arguments.of("PATCH", "{\"number\": \"" + LONE + "\"}", "number"),
        Arguments.of("PATCH", "{\"lines\": " + line + "}", "lines[0].description"),
        Arguments.of("MERGE", "{\"changes\": {\"customer\": \"" + LONE + "\"}, \"_before_update\": {\"customer\": \"Acme\"}}",
            "changes.customer"),
        Arguments.of("MERGE", "{\"changes\": {\"lines\": " + line + "}, \"_before_update\": {\"lines\": []}}",
            "changes.lines[0].description"));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("loneSurrogates")
  void aLoneSurrogateIs400NamingTheFieldAndChangesNothing(String method, String body, String named) {
    JsonNode created = create("INV-1", "Acme");

    ApiClient.Response response = sendTo(created, method, body);

    assertThat(response.status()).as(response.text()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo(named);
    assertThat(response.json().get("message").asText()).contains("unpaired UTF-16 surrogate");
    assertThat(client.get(path(created)).json()).isEqualTo(created);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "POST, 1e100001", "POST, 1e-100001", "POST, 1e999999999", "POST, 1E+2147483647", "POST, 1E-2147483648",
      "PATCH, 1e100001", "PATCH, 1e-100001", "PATCH, 1e999999999", "PATCH, 1E+2147483647", "PATCH, 1E-2147483648",
  })
  void anExtremeDecimalIs400NamingTheUnitPrice(String method, String value) {
    JsonNode created = create("INV-1", "Acme");
    String line = "[{\"description\": \"x\", \"quantity\": 1, \"unitPrice\": " + value + "}]";
    String body = method.equals("POST") ? "{\"number\": \"N\", \"customer\": \"A\", \"lines\": " + line + "}"
        : "{\"lines\": " + line + "}";

    ApiClient.Response response = sendTo(created, method, body);

    assertThat(response.status()).as(response.text()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo("lines[0].unitPrice");
    assertThat(response.json().get("message").asText()).contains("15 digits before the decimal point and 6 after");
    assertThat(client.get(path(created)).json()).isEqualTo(created);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"999999999999999.999999", "0.000001", "1.50000000000", "0"})
  void aDecimalWithinTheLimitsIsStoredExactly(String value) {
    ApiClient.Response response = client.post("/api/invoices",
        "{\"number\": \"N\", \"customer\": \"A\", \"lines\": [{\"description\": \"x\", \"quantity\": 1, \"unitPrice\": "
            + value + "}]}");

    assertThat(response.status()).as(response.text()).isEqualTo(201);
    JsonNode line = response.json().get("lines").get(0);
    assertThat(line.get("unitPrice").decimalValue()).isEqualByComparingTo(value);
    assertThat(client.get(response.header("Location")).json().get("lines").get(0).get("unitPrice").decimalValue())
        .isEqualByComparingTo(value);
  }

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource(delimiter = '|', value = {
      "POST  | text/plain",
      "POST  | application/x-www-form-urlencoded",
      "PUT   | text/html; charset=utf-8",
      "PATCH | application/xml",
      "PATCH | application/json; charset=iso-8859-1",
      "MERGE | multipart/form-data; boundary=x",
  })
  void aBodyThatIsNotDeclaredAsJsonIs415(String method, String contentType) {
    JsonNode created = create("INV-1", "Acme");
    String body = switch (method) {
      case "MERGE" -> "{\"_rev\": \"" + rev(created) + "\", \"changes\": {\"number\": \"X\"}, \"_before_update\": {\"number\": \"INV-1\"}}";
      case "POST" -> invoiceJson(null, "INV-2", "B");
      default -> invoiceJson(null, "INV-2", "B").replace("{", "{\"_rev\": \"" + rev(created) + "\", ");
    };
    String target = method.equals("POST") ? "/api/invoices" : method.equals("MERGE") ? path(created) + "/merge" : path(created);

    ApiClient.Response response = client.sendAs(method.equals("MERGE") ? "POST" : method, target, body, contentType);

    assertThat(response.status()).as(response.text()).isEqualTo(415);
    assertThat(response.json().get("name").asText()).isEqualTo("unsupported_media_type");
    assertThat(response.json().get("message").asText()).contains("application/json");
    assertThat(client.get(path(created)).json()).isEqualTo(created);
  }

  @Test
  void aBodyWithoutContentTypeIs415() {
    ApiClient.Response response = client.sendAs("POST", "/api/invoices", invoiceJson(null, "INV-1", "A"), null);

    assertThat(response.status()).as(response.text()).isEqualTo(415);
    assertThat(response.json().get("message").asText()).contains("no Content-Type");
  }

  @Test
  void jsonWithACharsetOrAVendorTypeIsAccepted() {
    assertThat(client.sendAs("POST", "/api/invoices", invoiceJson(null, "INV-1", "A"), "application/json; charset=UTF-8")
        .status()).isEqualTo(201);
    assertThat(client.sendAs("POST", "/api/invoices", invoiceJson(null, "INV-2", "A"), "application/merge-patch+json")
        .status()).isEqualTo(201);
  }

  @Test
  void trailingTextAfterTheObjectIs400() {
    ApiClient.Response response = client.post("/api/invoices", invoiceJson(null, "INV-1", "A") + " x");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("message").asText()).startsWith("malformed JSON");
  }

  /** Sends {@code body} to the invoice's URL, or to the collection for POST; MERGE adds the invoice's revision. */
  private static ApiClient.Response sendTo(JsonNode invoice, String method, String body) {
    return switch (method) {
      case "POST" -> client.post("/api/invoices", body);
      case "MERGE" -> client.post(path(invoice) + "/merge", body.replaceFirst("\\{", "{\"_rev\": \"" + rev(invoice) + "\", "));
      default -> client.send(method, path(invoice), body, "If-Match", quoted(rev(invoice)));
    };
  }
}
