package io.pocketto.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@link Remote#direct}: the server's own methods, with each message copied through its JSON text. */
final class DirectRemote implements Remote {
  private final SyncServer server;
  private final Credentials credentials;

  DirectRemote(SyncServer server, Credentials credentials) {
    this.server = server;
    this.credentials = credentials;
  }

  @Override
  public ObjectNode pull(String collection, ObjectNode request) {
    // Through the text, so that nothing in-process (a shared tree, a Java number type) hides what HTTP would lose.
    return WireJson.object(server.pull(collection, headers(), request.toString()));
  }

  @Override
  public ObjectNode push(String collection, ObjectNode request) {
    return WireJson.object(server.push(collection, headers(), request.toString()));
  }

  private Authenticator.Headers headers() {
    if (credentials == null) {
      return Authenticator.Headers.NONE;
    }
    String authorization = "Bearer " + credentials.token();
    return name -> "Authorization".equalsIgnoreCase(name) ? authorization : null;
  }

  @Override
  public String toString() {
    return "Remote.direct(" + server + ")";
  }
}
