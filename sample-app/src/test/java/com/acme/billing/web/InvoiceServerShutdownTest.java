package com.acme.billing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Closing the server lets requests in flight finish before it stops. */
class InvoiceServerShutdownTest {

  @Test
  void closeWaitsForARequestInFlightAndThenRefusesConnections() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean closed = new AtomicBoolean();
    AtomicBoolean closedWhileHandling = new AtomicBoolean();
    try (Database db = Pocketto.connect("jdbc:h2:mem:shutdown-" + UUID.randomUUID())) {
      InvoiceServer server = InvoiceServer.start(db, "127.0.0.1", 0, config ->
          config.routes.get("/api/slow", ctx -> {
            inHandler.countDown();
            release.await();
            closedWhileHandling.set(closed.get());
            ctx.result("finished");
          }));
      int port = server.port();
      ApiClient client = new ApiClient(port);
      CompletableFuture<ApiClient.Response> inFlight = CompletableFuture.supplyAsync(() -> client.get("/api/slow"));
      assertThat(inHandler.await(30, TimeUnit.SECONDS)).isTrue();

      CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
        server.close();
        closed.set(true);
      });
      awaitRefusingConnections(port);
      assertThat(closing).as("still waiting for the request in flight").isNotDone();
      release.countDown();

      ApiClient.Response response = inFlight.get(30, TimeUnit.SECONDS);
      closing.get(30, TimeUnit.SECONDS);
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.text()).isEqualTo("finished");
      assertThat(closedWhileHandling).isFalse();
      assertThatThrownBy(() -> client.get("/api/invoices")).isInstanceOf(UncheckedIOException.class);
    }
  }

  /** Graceful shutdown begins by closing the listening socket; wait (bounded) until it has. */
  private static void awaitRefusingConnections(int port) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      } catch (IOException refused) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the server kept accepting connections after close() began");
  }
}
