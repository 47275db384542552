package io.pocketto.it.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pocketto.Change;
import io.pocketto.ChangeEvent;
import io.pocketto.Checkpoint;
import io.pocketto.ConflictException;
import io.pocketto.ConflictHandler;
import io.pocketto.Database;
import io.pocketto.Lock;
import io.pocketto.LockedException;
import io.pocketto.WriterScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who wrote what (CLASP's {@code meta.writer}): every accepted revision records its writer, and meta,
 * events, the changes feed and conflicts name it. On the seed's scenario: alice and bob load invoice 1.
 */
class WriterIdentityTest extends ToolkitTest {
  private final List<ChangeEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void seed() {
    db.setWriter("alice");
    Invoice invoice = new Invoice();
    invoice.setId("1");
    invoice.setNumber("INV-001");
    invoice.setCustomer("Acme");
    invoice.saveTo(db);
    Invoice.in(db).onChange(events::add);
  }

  private Invoice load() {
    return Invoice.in(db).find("1").orElseThrow();
  }

  /** Runs {@code work} as {@code writer} on this thread. */
  private void as(String writer, Runnable work) {
    try (WriterScope scope = db.as(writer)) {
      work.run();
    }
  }

  /**
   * The seed's scenario: alice (client A) and bob (client B) load invoice 1, bob saves a new number first,
   * and alice has changed the number too; returns alice's record, now stale.
   */
  private Invoice bobSavesFirst() {
    Invoice clientA = load();
    as("bob", () -> {
      Invoice clientB = load();
      clientB.setNumber("INV-BOB");
      clientB.save();
    });
    clientA.setNumber("INV-ALICE");
    return clientA;
  }

  private String storedWriterColumn() throws Exception {
    try (Connection c = backend.jdbc(db);
        PreparedStatement ps = c.prepareStatement("SELECT \"_writer\" FROM \"invoices\" WHERE \"_id\" = '1'");
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  @Test
  void theDefaultWriterIsTheSameForEveryDatabaseOfTheProcessAndNamesHostAndPid() {
    Database other = backend.open(scratchDir);
    try {
      assertThat(other.writer()).endsWith("/" + ProcessHandle.current().pid()).hasSizeGreaterThan(2);
      Database third = backend.open(scratchDir);
      try {
        assertThat(third.writer()).isEqualTo(other.writer());
      } finally {
        third.close();
      }
    } finally {
      other.close();
    }
  }

  @Test
  void everyRevisionRecordsItsWriterInTheRowAndInMeta() throws Exception {
    Invoice invoice = load();
    assertThat(invoice.meta().writer()).isEqualTo("alice");
    assertThat(storedWriterColumn()).isEqualTo("alice");

    as("bob", () -> {
      invoice.setCustomer("Beta");
      invoice.save();
    });

    assertThat(invoice.meta().writer()).isEqualTo("bob");
    assertThat(load().meta().writer()).isEqualTo("bob");
    assertThat(storedWriterColumn()).isEqualTo("bob");
    assertThat(Invoice.in(db).query().list()).singleElement()
        .satisfies(i -> assertThat(i.meta().writer()).isEqualTo("bob"));
  }

  @Test
  void theWriterStaysOutOfTheSeedsJson() throws Exception {
    JsonNode meta = new ObjectMapper().readTree(load().toJson()).get("_meta");

    assertThat(meta.fieldNames()).toIterable().containsExactly("_rev", "_before_update", "_dirty");
  }

  @Test
  void aWriterScopeCoversItsOwnThreadUntilClosedAndNests() throws Exception {
    AtomicReference<String> otherThread = new AtomicReference<>();
    try (WriterScope bob = db.as("bob")) {
      assertThat(db.writer()).isEqualTo("bob");
      Thread t = new Thread(() -> otherThread.set(db.writer()));
      t.start();
      t.join();
      try (WriterScope carol = db.as("carol")) {
        assertThat(db.writer()).isEqualTo("carol");
      }
      assertThat(db.writer()).isEqualTo("bob");
    }
    assertThat(otherThread.get()).isEqualTo("alice");
    assertThat(db.writer()).isEqualTo("alice");
  }

  @Test
  void anInvalidWriterIsRefusedNamingTheWriter() {
    assertThatThrownBy(() -> db.setWriter("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("writer must not be empty");
    assertThatThrownBy(() -> db.as("bo\0b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("writer must not contain NUL (at index 2)");
    assertThatThrownBy(() -> db.setWriter("x".repeat(256))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("writer is 256 characters long; the maximum is 255");
    assertThat(db.writer()).isEqualTo("alice");
  }

  @Test
  void eventsNameTheWriterAndWhomAWriteOverwrote() {
    Invoice mine = load();
    mine.setNumber("INV-002");
    mine.save();
    as("bob", () -> {
      Invoice his = load();
      his.setCustomer("Beta");
      his.save();
    });

    assertThat(events).hasSize(2);
    ChangeEvent own = events.get(0);
    assertThat(own.writer()).isEqualTo("alice");
    assertThat(own.previousWriter()).isEqualTo("alice");
    assertThat(own.overwrote()).isNull();
    ChangeEvent bobs = events.get(1);
    assertThat(bobs.writer()).isEqualTo("bob");
    assertThat(bobs.previousWriter()).isEqualTo("alice");
    assertThat(bobs.overwrote()).isEqualTo("alice");
  }

  @Test
  void lastWriteWinsSaysWhoseValueItOverwrote() {
    Invoice clientA = bobSavesFirst();

    clientA.save(ConflictHandler.LAST_WRITE_WINS);

    ChangeEvent resolved = events.get(events.size() - 1);
    assertThat(resolved.conflictResolved()).isTrue();
    assertThat(resolved.writer()).isEqualTo("alice");
    assertThat(resolved.overwrote()).isEqualTo("bob");
    assertThat(load().getNumber()).isEqualTo("INV-ALICE");
  }

  @Test
  void aConflictNamesTheWinningWriterBesideTheSeedsSixKeys() throws Exception {
    Invoice clientA = bobSavesFirst();

    ConflictException e = catchThrowableOfType(ConflictException.class, clientA::save);

    assertThat(e.winningWriter()).isEqualTo("bob");
    JsonNode seed = new ObjectMapper().readTree(e.toJson());
    assertThat(seed.fieldNames()).toIterable()
        .containsExactly("name", "message", "status", "error", "reason", "revision");
    JsonNode withWriter = new ObjectMapper().readTree(e.toJsonWithWriter());
    assertThat(withWriter.fieldNames()).toIterable()
        .containsExactly("name", "message", "status", "error", "reason", "revision", "writer");
    assertThat(withWriter.get("writer").asText()).isEqualTo("bob");
    assertThat(withWriter.get("revision").asText()).isEqualTo(e.revision());
  }

  @Test
  void creatingATakenIdAndAnUnresolvableMergeNameTheWinningWriterToo() {
    Invoice duplicate = new Invoice();
    duplicate.setId("1");
    as("bob", () -> {
      ConflictException create = catchThrowableOfType(ConflictException.class, () -> duplicate.saveTo(db));
      assertThat(create.winningWriter()).isEqualTo("alice");
    });

    Invoice clientA = bobSavesFirst();
    ConflictException merge = catchThrowableOfType(ConflictException.class, () -> clientA.save(ConflictHandler.FIELD_MERGE));
    assertThat(merge.conflictingFields()).containsExactly("number");
    assertThat(merge.winningWriter()).isEqualTo("bob");
  }

  @Test
  void theChangesFeedCarriesTheWriterOfEachLatestRevision() {
    as("bob", () -> {
      Invoice second = new Invoice();
      second.setId("2");
      second.saveTo(db);
    });

    List<Change<Invoice>> changes = Invoice.in(db).changes(Checkpoint.START, 10).changes();

    List<String> writers = new ArrayList<>();
    changes.forEach(c -> writers.add(c.id() + "=" + c.writer()));
    assertThat(writers).containsExactly("1=alice", "2=bob");
    assertThat(changes.get(1).document().meta().writer()).isEqualTo("bob");
  }

  @Test
  void aBundlesWritesRecordTheWriterOfTheirThread() {
    Invoice invoice = load();
    as("bob", () -> db.bundle(tx -> {
      invoice.setCustomer("Beta");
      invoice.save();
      invoice.delete();
    }));

    assertThat(events).extracting(ChangeEvent::writer).containsExactly("bob", "bob");
    assertThat(events.get(0).overwrote()).isEqualTo("alice");
    assertThat(events.get(1).overwrote()).isNull();
    assertThat(invoice.meta().writer()).isEqualTo("bob");
  }

  @Test
  void aStaleWriteOnADeletedDocumentSaysSoAndNamesWhoDeletedIt() {
    Invoice clientA = load();
    as("bob", () -> load().delete());

    clientA.setNumber("INV-ALICE");
    ConflictException e = catchThrowableOfType(ConflictException.class, clientA::save);

    assertThat(e.deleted()).isTrue();
    assertThat(e.winningWriter()).isEqualTo("bob");
    assertThat(e.revision()).startsWith("2-");
    assertThat(clientA.meta().rev()).startsWith("1-");
  }

  @Test
  void aRepeatedWriteIsFoundToBeItsOwnBeforeALockIsDescribed() {
    Invoice first = load();
    Invoice repeat = load();
    as("bob", () -> {
      first.setNumber("INV-BOB");
      first.save();
    });
    Lock[] carols = new Lock[1];
    as("carol", () -> carols[0] = load().lock(Duration.ofMinutes(1)));

    // The same write again (a request sent twice): already stored, so no 423 and no 409, and it stays bob's.
    as("bob", () -> {
      repeat.setNumber("INV-BOB");
      Invoice.in(db).retrySave(repeat);
    });
    assertThat(repeat.meta().rev()).isEqualTo(first.meta().rev());
    assertThat(repeat.meta().writer()).isEqualTo("bob");
    assertThat(events).extracting(ChangeEvent::writer).containsExactly("bob");

    // A new write of bob's is carol's lock's to refuse.
    as("bob", () -> {
      repeat.setCustomer("Beta");
      LockedException locked = catchThrowableOfType(LockedException.class, repeat::save);
      assertThat(locked.holder()).isEqualTo("carol");
    });
    as("carol", () -> carols[0].release());
    assertThat(load().getCustomer()).isEqualTo("Acme");
  }
}
