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

  HttpRemote(URI base, Duration timeout) {
    if (base == null || base.getScheme() == null || !base.getScheme().startsWith("http")) {
      throw new IllegalArgumentException("the remote must be an http(s) URI such as http://localhost:8080/api/sync, was " + base);
    }
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.timeout = timeout;
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
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
        .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RemoteUnavailableException(operation + " of " + collection + " at " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteUnavailableException(operation + " of " + collection + " at " + uri + " was interrupted", e);
    }
    int status = response.statusCode();
    if (status >= 500 || status == 408 || status == 429) {
      throw new RemoteUnavailableException(operation + " of " + collection + " at " + uri + " answered " + status
          + ": " + shorten(response.body()), null);
    }
    if (status != 200) {
      throw new SyncProtocolException(status >= 400 && status < 500 ? status : 400, operation + " of " + collection
          + " at " + uri + " was refused with " + status + ": " + message(response.body()));
    }
    return WireJson.object(response.body());
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
