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
    String text = request.toString();
    return WireJson.object(signed(headers -> server.pull(collection, headers, text)));
  }

  @Override
  public ObjectNode push(String collection, ObjectNode request) {
    String text = request.toString();
    return WireJson.object(signed(headers -> server.push(collection, headers, text)));
  }

  /** Runs a request with the credentials' token; after a 401, once more with a refreshed one, as over HTTP. */
  private String signed(java.util.function.Function<Authenticator.Headers, String> call) {
    if (credentials == null) {
      return call.apply(Authenticator.Headers.NONE);
    }
    String token = credentials.token();
    try {
      return call.apply(bearer(token));
    } catch (SyncAuthenticationException refused) {
      String fresh = token == null ? null : credentials.refresh(token);
      if (fresh == null || fresh.equals(token)) {
        throw refused;
      }
      return call.apply(bearer(fresh));
    }
  }

  private static Authenticator.Headers bearer(String token) {
    String authorization = token == null ? null : "Bearer " + token;
    return name -> "Authorization".equalsIgnoreCase(name) ? authorization : null;
  }

  @Override
  public String toString() {
    return "Remote.direct(" + server + ")";
  }
}
