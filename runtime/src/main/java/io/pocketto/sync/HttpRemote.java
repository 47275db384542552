package io.pocketto.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** {@link Remote#http}: JSON over HTTP with the JDK's client. */
final class HttpRemote implements Remote {
  private final URI base;
  private final Duration timeout;
  private final HttpClient client;
  private final Credentials credentials;

  HttpRemote(URI base, Duration timeout, Credentials credentials) {
    if (base == null || base.getScheme() == null || !base.getScheme().startsWith("http")) {
      throw new IllegalArgumentException("the remote must be an http(s) URI such as http://localhost:8080/api/sync, was " + base);
    }
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.timeout = timeout;
    this.credentials = credentials;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public ObjectNode pull(String collection, ObjectNode request) {
    return post(collection, "pull", request);
  }

  @Override
  public ObjectNode push(String collection, ObjectNode request) {
    return post(collection, "push", request);
  }

  private ObjectNode post(String collection, String operation, ObjectNode body) {
    URI uri = URI.create(base + "/" + URLEncoder.encode(collection, StandardCharsets.UTF_8) + "/" + operation);
    String text = body.toString();
    String token = credentials == null ? null : credentials.token();
    HttpResponse<String> response = send(uri, text, token, operation, collection);
    if (response.statusCode() == 401 && token != null) {
      // An expired token: one new one, one more try; a second 401 is reported, not retried.
      String fresh = credentials.refresh(token);
      if (fresh != null && !fresh.equals(token)) {
        response = send(uri, text, fresh, operation, collection);
      }
    }
    int status = response.statusCode();
    if (status >= 500 || status == 408 || status == 429) {
      throw new RemoteUnavailableException(operation + " of " + collection + " at " + uri + " answered " + status
          + ": " + shorten(response.body()), null);
    }
    if (status == 401) {
      throw new SyncAuthenticationException(operation + " of " + collection + " at " + uri + " was refused with 401: "
          + message(response.body()));
    }
    if (status != 200) {
      throw new SyncProtocolException(status >= 400 && status < 500 ? status : 400, operation + " of " + collection
          + " at " + uri + " was refused with " + status + ": " + message(response.body()));
    }
    return WireJson.object(response.body());
  }

  private HttpResponse<String> send(URI uri, String body, String token, String operation, String collection) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RemoteUnavailableException(operation + " of " + collection + " at " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteUnavailableException(operation + " of " + collection + " at " + uri + " was interrupted", e);
    }
  }

  /** The {@code message} of a JSON error body, else the body itself. */
  private static String message(String body) {
    try {
      JsonNode node = WireJson.object(body).get("message");
      if (node != null && node.isTextual()) {
        return node.textValue();
      }
    } catch (SyncProtocolException notJson) {
      // Not JSON: show the text.
    }
    return shorten(body);
  }

  private static String shorten(String body) {
    return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }

  @Override
  public String toString() {
    return "Remote.http(" + base + ")";
  }
}
