package io.pocketto.it.sync;

import io.pocketto.sync.Remote;
import io.pocketto.sync.SyncServer;

/** The seed's eventual conflict with the clients talking JSON over HTTP ({@code Remote.http}). */
class EventualConflictOverHttpTest extends EventualConflictTest {
  @Override
  protected Remote remoteFor(SyncServer server) {
    return http(server);
  }
}
