package io.pocketto.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;

/**
 * The master a {@link Replication} talks to: pull and push of one collection, as JSON messages (their
 * shapes are in {@code docs/SYNC.md}). {@link #direct} reaches a {@link SyncServer} in the same process,
 * {@link #http} one behind HTTP. A remote that cannot be reached throws {@link
 * RemoteUnavailableException}; one that refuses a request throws {@link SyncProtocolException}.
 * Implementations must be thread-safe.
 */
public interface Remote {

  /**
   * The documents changed after a checkpoint: {@code {"checkpoint": null | "...", "limit": 100}} gives
   * {@code {"documents": [...], "checkpoint": "...", "hasMore": false}}.
   */
  ObjectNode pull(String collection, ObjectNode request);

  /**
   * Writes rows on the master: {@code {"clientId": "...", "rows": [{"id", "assumedMasterRev",
   * "newDocumentState"}]}} gives {@code {"conflicts": [{"id", "error", "master"}]}}.
   */
  ObjectNode push(String collection, ObjectNode request);

  /** A server in this process. Messages still go through their JSON text, as over HTTP. */
  static Remote direct(SyncServer server) {
    if (server == null) {
      throw new IllegalArgumentException("server must not be null");
    }
    return new DirectRemote(server, null);
  }

  /**
   * A server at {@code base}, e.g. {@code http://localhost:8080/api/sync}: pull is {@code POST
   * base/{collection}/pull}, push {@code POST base/{collection}/push}, through the JDK's HttpClient,
   * with a 30 second timeout per request.
   */
  static Remote http(URI base) {
    return new HttpRemote(base, Duration.ofSeconds(30), null);
  }

  /**
   * {@link #http(URI)} signing every request with {@code credentials} ({@code Authorization: Bearer ...}).
   * A 401 asks the credentials for a new token and tries once more; a second 401 is a
   * {@link SyncAuthenticationException}, on which a {@link Replication} pauses.
   */
  static Remote http(URI base, Credentials credentials) {
    if (credentials == null) {
      throw new IllegalArgumentException("credentials must not be null; use Remote.http(base) for a server without authentication");
    }
    return new HttpRemote(base, Duration.ofSeconds(30), credentials);
  }

  /** {@link #direct(SyncServer)} signing every request with {@code credentials}, as over HTTP. */
  static Remote direct(SyncServer server, Credentials credentials) {
    if (server == null || credentials == null) {
      throw new IllegalArgumentException("server and credentials must not be null");
    }
    return new DirectRemote(server, credentials);
  }
}
