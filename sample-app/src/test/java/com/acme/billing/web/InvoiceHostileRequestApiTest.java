package com.acme.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests a browser or an HTTP library would not send: broken framing, protocol errors Jetty answers
 * before the API sees the request, ids that need escaping in a URL, and merges from forged revisions.
 * Each gets a JSON 4xx, and none changes what is stored.
 */
class InvoiceHostileRequestApiTest extends ApiTestSupport {
  private static final String BODY = "{\"number\": \"INV-RAW\", \"customer\": \"Raw Ltd\"}";

  private static RawHttp.Answer raw(String request) {
    return RawHttp.send(server.port(), request);
  }

  private static String post(String framing, String body) {
    return "POST /api/invoices HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + framing + "\r\n" + body;
  }

  private static void assertJsonError(RawHttp.Answer answer, int status, String name) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    JsonNode json = ApiClient.object(answer.body());
    assertThat(json.get("name").asText()).isEqualTo(name);
    assertThat(json.get("status").asInt()).isEqualTo(status);
    assertThat(json.get("error").asBoolean()).isTrue();
    assertThat(answer.body()).doesNotContain("<html", "Exception", "\tat ");
  }

  @Test
  void aChunkSizeThatIsNotHexIs400() {
    RawHttp.Answer answer = raw(post("Transfer-Encoding: chunked\r\n", "ZZ\r\n" + BODY + "\r\n0\r\n\r\n"));

    assertJsonError(answer, 400, "bad_request");
    assertThat(client.get("/api/invoices?customer=Raw").json().get("total").asInt()).isZero();
  }

  @Test
  void aChunkLongerThanItsSizeIs400() {
    RawHttp.Answer answer = raw(post("Transfer-Encoding: chunked\r\n", "5\r\n" + BODY + "\r\n0\r\n\r\n"));

    assertJsonError(answer, 400, "bad_request");
    assertThat(client.get("/api/invoices?customer=Raw").json().get("total").asInt()).isZero();
  }

  @Test
  void aChunkedBodyCutOffBeforeItsEndIs400() {
    RawHttp.Answer answer = raw(post("Transfer-Encoding: chunked\r\n", "40\r\n" + BODY));

    assertJsonError(answer, 400, "bad_request");
    assertThat(ApiClient.object(answer.body()).get("message").asText()).contains("could not be read");
  }

  @Test
  void aBodyShorterThanItsContentLengthIs400() {
    RawHttp.Answer answer = raw(post("Content-Length: " + (BODY.length() + 50) + "\r\n", BODY));

    assertJsonError(answer, 400, "bad_request");
    assertThat(ApiClient.object(answer.body()).get("message").asText()).contains("Content-Length");
    assertThat(client.get("/api/invoices?customer=Raw").json().get("total").asInt()).isZero();
  }

  @Test
  void bothContentLengthAndChunkedIs400() {
    assertJsonError(raw(post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n")), 400, "bad_request");
  }

  @Test
  void anOverlongUriIsAJson414() {
    assertJsonError(raw("GET /api/invoices/" + "x".repeat(70_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"),
        414, "uri_too_long");
  }

  @Test
  void overlongHeadersAreAJson431() {
    assertJsonError(raw("GET /api/invoices HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "y".repeat(70_000) + "\r\n\r\n"),
        431, "headers_too_large");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "GARBAGE\r\n\r\n",
      "GET /api/invoices HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n",
      "GET /api/invoices HTTP/1.1\r\n\r\n",
      "GET /api/invoices/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n",
      "GET /api/invoices/%ED%A0%80 HTTP/1.1\r\nHost: localhost\r\n\r\n",
  })
  void aMalformedRequestIsAJson400(String request) {
    assertJsonError(raw(request), 400, "bad_request");
  }

  @Test
  void jettysOwnServerFailuresSayNothingAboutTheServer() {
    JsonNode json = ApiClient.object(new String(JsonErrorHandler.json(500, "java.lang.IllegalStateException: pool /x"),
        StandardCharsets.UTF_8));

    assertThat(json.get("name").asText()).isEqualTo("internal_error");
    assertThat(json.get("message").asText()).isEqualTo("the server failed; the server log has the details");
  }

  @ParameterizedTest(name = "id \"{0}\"")
  @ValueSource(strings = {"x 1", "a+b", "a/b", "50%", "50%25", "é€😀", "..", ".", "a..b", "?q=1#f"})
  void everyUrlOfAnIdThatNeedsEscapingLeadsBackToThatId(String id) {
    String json = "{\"id\": " + ApiClient.JSON.valueToTree(id) + ", \"number\": \"INV-URL\", \"customer\": \"Url Ltd\"}";

    ApiClient.Response created = client.post("/api/invoices", json);

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String location = created.header("Location");
    assertThat(location).isEqualTo("/api/invoices/" + PathSegment.encode(id)).doesNotContain("+", " ");
    assertThat(client.get(location).json().get("id").asText()).isEqualTo(id);
    String rev = rev(created.json());

    ApiClient.Response patched = client.send("PATCH", location, "{\"number\": \"INV-URL-2\"}", "If-Match", quoted(rev));
    assertThat(patched.status()).as(patched.text()).isEqualTo(200);
    assertThat(patched.json().get("id").asText()).isEqualTo(id);
    ApiClient.Response merged = client.post(location + "/merge", "{\"_rev\": \"" + rev(patched.json())
        + "\", \"changes\": {\"customer\": \"Url 2\"}, \"_before_update\": {\"customer\": \"Url Ltd\"}}");
    assertThat(merged.status()).as(merged.text()).isEqualTo(200);
    assertThat(merged.json().get("id").asText()).isEqualTo(id);
    ApiClient.Response deleted = client.send("DELETE", location + "?rev=" + rev(merged.json()), null);
    assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
    assertThat(deleted.json().get("id").asText()).isEqualTo(id);
    assertThat(client.get(location).status()).isEqualTo(404);
  }

  @Test
  void pathSegmentsEscapeEverythingButUnreservedCharacters() {
    assertThat(PathSegment.encode("x 1")).isEqualTo("x%201");
    assertThat(PathSegment.encode("a+b/c%d")).isEqualTo("a%2Bb%2Fc%25d");
    assertThat(PathSegment.encode("é")).isEqualTo("%C3%A9");
    assertThat(PathSegment.encode("..")).isEqualTo("%2E%2E");
    assertThat(PathSegment.encode(".")).isEqualTo("%2E");
    assertThat(PathSegment.encode("a..b_c-d~e")).isEqualTo("a..b_c-d~e");
  }

  @Test
  void aMergeFromARevisionAboveTheStoredHeightIs400() {
    JsonNode created = create("INV-1", "Acme");
    String future = (height(rev(created)) + 1) + rev(created).substring(rev(created).indexOf('-'));

    assertForgedMergeRefused(created, future);
  }

  @Test
  void aMergeFromAnotherRevisionAtTheStoredHeightIs400() {
    JsonNode created = create("INV-1", "Acme");
    String sameHeight = height(rev(created)) + "-0123456789abcdef0123456789abcdef";

    assertForgedMergeRefused(created, sameHeight);
  }

  @Test
  void aMergeFromAnotherInvoicesCurrentRevisionIs400() {
    JsonNode mine = create("INV-1", "Acme");
    JsonNode other = create("INV-2", "Globex");
    assertThat(height(rev(other))).isEqualTo(height(rev(mine)));

    assertForgedMergeRefused(mine, rev(other));
  }

  @Test
  void aForgedRevisionInIfMatchIsRefusedToo() {
    JsonNode created = create("INV-1", "Acme");
    String future = "9" + rev(created).substring(rev(created).indexOf('-'));

    ApiClient.Response response = client.send("POST", path(created) + "/merge",
        "{\"changes\": {\"number\": \"X\"}, \"_before_update\": {\"number\": \"INV-1\"}}", "If-Match", quoted(future));

    assertThat(response.status()).as(response.text()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo("If-Match");
    assertThat(client.get(path(created)).json()).isEqualTo(created);
  }

  private static void assertForgedMergeRefused(JsonNode invoice, String forged) {
    ApiClient.Response response = client.post(path(invoice) + "/merge", "{\"_rev\": \"" + forged
        + "\", \"changes\": {\"number\": \"FORGED\"}, \"_before_update\": {\"number\": \"INV-1\"}}");

    assertThat(response.status()).as(response.text()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo("_rev");
    assertThat(response.json().get("message").asText()).contains(forged, "was never a revision of invoice", rev(invoice));
    assertThat(client.get(path(invoice)).json()).isEqualTo(invoice);
  }

  @Test
  void theBodyIsReadAsUtf8() {
    byte[] body = "{\"number\": \"INV-é\", \"customer\": \"Zoë\"}".getBytes(StandardCharsets.UTF_8);
    RawHttp.Answer answer = RawHttp.send(server.port(), concat(("POST /api/invoices HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII), body));

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    assertThat(ApiClient.object(answer.body()).get("customer").asText()).isEqualTo("Zoë");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
