package io.pocketto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.Change;
import io.pocketto.ChangeBatch;
import io.pocketto.Checkpoint;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.it.model.SalesInvoice;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint is kept as text across restarts: of the application (H2 in a file) and of the database
 * server (PostgreSQL). Reading on from it after the restart gives exactly what was written since.
 */
class ChangesFeedRestartTest {
  @TempDir
  Path dir;

  @Test
  void aCheckpointOfAnH2FileSurvivesARestartOfTheApplication() {
    String url = "jdbc:h2:file:" + dir.resolve("billing").toAbsolutePath();
    String kept;
    try (Database db = Pocketto.connect(url)) {
      write(db, "before-1", "before-2");
      kept = readAll(db, Checkpoint.START, new ArrayList<>()).toString();
    }

    try (Database db = Pocketto.connect(url)) {
      write(db, "after-1");
      SalesInvoice edited = SalesInvoice.in(db).find("before-1").orElseThrow();
      edited.setCustomer("edited after the restart");
      edited.save();

      List<String> since = new ArrayList<>();
      readAll(db, Checkpoint.parse(kept), since);
      assertThat(since).containsExactly("after-1", "before-1");
    }
  }

  @Test
  void aCheckpointOfPostgresSurvivesARestartOfTheServer() throws IOException {
    int port = freePort();
    Path data = dir.resolve("pgdata");
    String kept;
    String url = "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    try (EmbeddedPostgres server = start(data, port); Database db = Pocketto.connect(url)) {
      write(db, "before-1", "before-2");
      kept = readAll(db, Checkpoint.START, new ArrayList<>()).toString();
    }

    try (EmbeddedPostgres server = start(data, port); Database db = Pocketto.connect(url)) {
      write(db, "after-1");
      SalesInvoice edited = SalesInvoice.in(db).find("before-2").orElseThrow();
      edited.delete();

      List<String> since = new ArrayList<>();
      readAll(db, Checkpoint.parse(kept), since);
      assertThat(since).containsExactly("after-1", "before-2");
      assertThat(SalesInvoice.in(db).changes(Checkpoint.START, 10).changes()).extracting(Change::id)
          .containsExactly("before-1", "after-1", "before-2");
    }
  }

  @Test
  void h2UrlsThatLetOtherProcessesWriteAreRefusedWithTheReason() {
    for (String url : List.of("jdbc:h2:tcp://localhost:9092/./billing", "jdbc:h2:ssl://localhost/./billing",
        "jdbc:h2:file:" + dir.resolve("shared").toAbsolutePath() + ";AUTO_SERVER=TRUE")) {
      assertThatThrownBy(() -> Pocketto.connect(url)).as(url)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not open H2 databases that other processes write to")
          .hasMessageContaining("use PostgreSQL for several processes");
    }
  }

  private static EmbeddedPostgres start(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
        .setServerConfig("autovacuum", "off").start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void write(Database db, String... ids) {
    for (String id : ids) {
      Invoices.newInvoice(id, "INV-" + id).saveTo(db);
    }
  }

  /** Reads the feed from {@code from} to its end, adding each id to {@code ids}; returns the last checkpoint. */
  private static Checkpoint readAll(Database db, Checkpoint from, List<String> ids) {
    Checkpoint at = from;
    ChangeBatch<SalesInvoice> batch;
    do {
      batch = SalesInvoice.in(db).changes(at, 2);
      batch.changes().forEach(c -> ids.add(c.id()));
      at = batch.checkpoint();
    } while (batch.hasMore());
    return at;
  }
}
