package io.pocketto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.internal.ApiAccess;
import io.pocketto.Change;
import io.pocketto.ChangeBatch;
import io.pocketto.Checkpoint;
import io.pocketto.Database;
import io.pocketto.it.model.ContactV1;
import io.pocketto.it.model.SalesInvoice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The public changes feed: {@code SalesInvoice.in(db).changes(checkpoint, limit)}. */
class ChangesFeedTest extends BackendTest {

  private static SalesInvoice saved(String id, String number) {
    return Invoices.newInvoice(id, number).save();
  }

  /** Reads the whole feed from {@code from}, batch by batch, and returns the changes in order. */
  private static List<Change<SalesInvoice>> readAll(Database db, Checkpoint from, int batchSize) {
    List<Change<SalesInvoice>> all = new ArrayList<>();
    Checkpoint at = from;
    ChangeBatch<SalesInvoice> batch;
    do {
      batch = SalesInvoice.in(db).changes(at, batchSize);
      assertThat(batch.changes()).hasSizeLessThanOrEqualTo(batchSize);
      all.addAll(batch.changes());
      at = batch.checkpoint();
    } while (batch.hasMore());
    return all;
  }

  @Test
  void aChangeCarriesTheStoredRecordAtItsLatestRevision() {
    SalesInvoice one = saved("1", "INV-001");
    one.setCustomer("Acme");
    one.save();

    List<Change<SalesInvoice>> changes = SalesInvoice.in(db).changes(Checkpoint.START, 10).changes();

    assertThat(changes).hasSize(1);
    Change<SalesInvoice> change = changes.get(0);
    assertThat(change.id()).isEqualTo("1");
    assertThat(change.revision()).isEqualTo(one.meta().rev()).startsWith("2-");
    assertThat(change.deleted()).isFalse();
    assertThat(change.document().getCustomer()).isEqualTo("Acme");
    assertThat(change.document().meta().rev()).isEqualTo(one.meta().rev());
    assertThat(change.document().isDirty()).isFalse();
  }

  @Test
  void aTombstoneIsAChangeWithItsFieldsAndTheDeletedFlag() {
    SalesInvoice one = saved("1", "INV-001");
    one.delete();

    Change<SalesInvoice> change = SalesInvoice.in(db).changes(Checkpoint.START, 10).changes().get(0);

    assertThat(change.deleted()).isTrue();
    assertThat(change.revision()).isEqualTo(one.meta().rev()).startsWith("2-");
    assertThat(change.document().getNumber()).isEqualTo("INV-001");
  }

  @Test
  void readingFromStartToTheEndVisitsEveryLiveDocumentAndTombstoneOnce() {
    for (int i = 0; i < 25; i++) {
      saved("doc-" + i, "INV-" + i);
    }
    for (int i = 0; i < 25; i += 3) {
      SalesInvoice.find("doc-" + i).orElseThrow().delete();
    }
    for (int i = 1; i < 25; i += 3) {
      SalesInvoice edited = SalesInvoice.find("doc-" + i).orElseThrow();
      edited.setCustomer("edited");
      edited.save();
    }

    List<Change<SalesInvoice>> all = readAll(db, Checkpoint.START, 4);

    assertThat(all).extracting(Change::id).doesNotHaveDuplicates().hasSize(25);
    assertThat(all).filteredOn(Change::deleted).hasSize(9);
    for (Change<SalesInvoice> c : all) {
      String stored = query(db, "SELECT \"_rev\" FROM \"sales_invoices\" WHERE \"_id\" = ?", c.id()).get(0).get("_rev").toString();
      assertThat(c.revision()).as(c.id()).isEqualTo(stored);
    }
  }

  @Test
  void aBatchStopsAtItsLimitAndSaysWhetherMoreIsThere() {
    saved("a", "1");
    saved("b", "2");
    saved("c", "3");

    ChangeBatch<SalesInvoice> first = SalesInvoice.in(db).changes(Checkpoint.START, 2);
    ChangeBatch<SalesInvoice> rest = SalesInvoice.in(db).changes(first.checkpoint(), 2);
    ChangeBatch<SalesInvoice> none = SalesInvoice.in(db).changes(rest.checkpoint(), 2);

    assertThat(first.changes()).extracting(Change::id).containsExactly("a", "b");
    assertThat(first.hasMore()).isTrue();
    assertThat(rest.changes()).extracting(Change::id).containsExactly("c");
    assertThat(rest.hasMore()).isFalse();
    assertThat(none.changes()).isEmpty();
    assertThat(none.checkpoint()).as("nothing read, nothing moved").isEqualTo(rest.checkpoint());
  }

  @Test
  void anEditMovesItsDocumentBehindTheCheckpointOfAReaderWhoSawIt() {
    SalesInvoice a = saved("a", "1");
    saved("b", "2");
    Checkpoint seenBoth = SalesInvoice.in(db).changes(Checkpoint.START, 10).checkpoint();

    a.setCustomer("Acme");
    a.save();

    List<Change<SalesInvoice>> after = SalesInvoice.in(db).changes(seenBoth, 10).changes();
    assertThat(after).extracting(Change::id).containsExactly("a");
    assertThat(after.get(0).revision()).isEqualTo(a.meta().rev());
  }

  @Test
  void aCheckpointRoundTripsThroughItsText() {
    saved("a", "1");
    saved("b", "2");
    Checkpoint afterA = SalesInvoice.in(db).changes(Checkpoint.START, 1).checkpoint();

    Checkpoint parsed = Checkpoint.parse(afterA.toString());

    assertThat(parsed).isEqualTo(afterA);
    assertThat(parsed.toString()).isEqualTo(afterA.toString());
    assertThat(SalesInvoice.in(db).changes(parsed, 10).changes()).extracting(Change::id).containsExactly("b");
    assertThat(Checkpoint.parse(Checkpoint.START.toString())).isSameAs(Checkpoint.START);
  }

  @Test
  void aCheckpointOfAnotherCollectionIsRefused() {
    saved("a", "1");
    ContactV1 contact = new ContactV1();
    contact.setId("c");
    contact.save();
    Checkpoint ofContacts = ContactV1.in(db).changes(Checkpoint.START, 10).checkpoint();

    assertThatThrownBy(() -> SalesInvoice.in(db).changes(ofContacts, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("collection 'contacts'").hasMessageContaining("not of 'sales_invoices'");
  }

  @Test
  void aCheckpointOfAnotherDatabaseIsRefused() {
    saved("a", "1");
    Checkpoint ofThisOne = SalesInvoice.in(db).changes(Checkpoint.START, 10).checkpoint();
    Database other = open();
    Invoices.newInvoice("a", "1").saveTo(other);

    assertThat(other.id()).isNotEqualTo(db.id());
    assertThatThrownBy(() -> SalesInvoice.in(other).changes(ofThisOne, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("belongs to database " + db.id()).hasMessageContaining("not to " + other.id());
  }

  @Test
  void aMalformedCheckpointIsRefusedWithWhatOneLooksLike() {
    for (String text : List.of("", "12", "cp1.", "cp1.!!!", "cp1.YQ", Checkpoint.START + "x")) {
      assertThatThrownBy(() -> Checkpoint.parse(text)).as(text)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a Pocketto checkpoint");
    }
    assertThatThrownBy(() -> SalesInvoice.in(db).changes(null, 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Checkpoint.START");
    assertThatThrownBy(() -> SalesInvoice.in(db).changes(Checkpoint.START, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit must be at least 1");
  }

  @Test
  void theDatabaseIdIsKeptInTheDatabase() {
    String id = db.id();
    Database again = track(io.pocketto.Pocketto.connect(db.url()));

    assertThat(id).isNotBlank();
    assertThat(again.id()).isEqualTo(id);
  }

  @Test
  void aWaitingReaderReturnsAWriteMadeWhileItWaits() throws Exception {
    saved("a", "1");
    Checkpoint caughtUp = SalesInvoice.in(db).changes(Checkpoint.START, 10).checkpoint();
    CountDownLatch waiting = new CountDownLatch(1);

    CompletableFuture<ChangeBatch<SalesInvoice>> reader = CompletableFuture.supplyAsync(() -> {
      waiting.countDown();
      return SalesInvoice.in(db).changes(caughtUp, 10, Duration.ofSeconds(60));
    });
    assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
    Invoices.newInvoice("b", "2").saveTo(db);

    assertThat(reader.get(60, TimeUnit.SECONDS).changes()).extracting(Change::id).containsExactly("b");
  }

  @Test
  void aWaitThatSeesNothingReturnsAnEmptyBatchAtTheSameCheckpoint() {
    saved("a", "1");
    Checkpoint caughtUp = SalesInvoice.in(db).changes(Checkpoint.START, 10).checkpoint();

    ChangeBatch<SalesInvoice> batch = SalesInvoice.in(db).changes(caughtUp, 10, Duration.ofMillis(50));

    assertThat(batch.changes()).isEmpty();
    assertThat(batch.checkpoint()).isEqualTo(caughtUp);
    assertThat(batch.hasMore()).isFalse();
  }

  @Test
  void anOpenBundleHoldsTheFeedBackAndIsReadInFullOnceItCommits() throws Exception {
    saved("before", "0");
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    CompletableFuture<Void> bundle = CompletableFuture.runAsync(() -> db.bundle(tx -> {
      Invoices.newInvoice("in-bundle-1", "1").saveTo(db);
      Invoices.newInvoice("in-bundle-2", "2").saveTo(db);
      written.countDown();
      await(commit);
    }));
    try {
      assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
      saved("after", "3");

      assertThat(SalesInvoice.in(db).changes(Checkpoint.START, 10).changes()).extracting(Change::id).containsExactly("before");
      assertThat(SalesInvoice.in(db).changesHeldBack()).isEqualTo(1);
    } finally {
      commit.countDown();
    }
    bundle.get(60, TimeUnit.SECONDS);

    assertThat(SalesInvoice.in(db).changes(Checkpoint.START, 10).changes()).extracting(Change::id)
        .containsExactly("before", "in-bundle-1", "in-bundle-2", "after");
    assertThat(SalesInvoice.in(db).changesHeldBack()).isZero();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void storedChangesHandOutTheSameFeedInStoredFormOrAsHeadsOnly() {
    for (int i = 0; i < 7; i++) {
      SalesInvoice invoice = saved("doc-" + i, "INV-" + i);
      invoice.setCustomer("Customer " + i);
      invoice.save();
    }
    SalesInvoice.find("doc-2").orElseThrow().delete();
    List<String> fields = ApiAccess.table(SalesInvoice.in(db)).binding().fields().stream().map(f -> f.name()).toList();
    int number = fields.indexOf("number");
    int customer = fields.indexOf("customer");

    Checkpoint records = Checkpoint.START;
    Checkpoint stored = Checkpoint.START;
    Checkpoint heads = Checkpoint.START;
    int seen = 0;
    ChangeBatch<SalesInvoice> expected;
    do {
      expected = SalesInvoice.in(db).changes(records, 3);
      ChangeBatch<Object[]> withFields = SalesInvoice.in(db).storedChanges(stored, 3, true);
      ChangeBatch<Object[]> headsOnly = SalesInvoice.in(db).storedChanges(heads, 3, false);
      for (ChangeBatch<Object[]> batch : List.of(withFields, headsOnly)) {
        assertThat(batch.changes()).extracting(Change::id)
            .containsExactlyElementsOf(expected.changes().stream().map(Change::id).toList());
        assertThat(batch.changes()).extracting(Change::revision)
            .containsExactlyElementsOf(expected.changes().stream().map(Change::revision).toList());
        assertThat(batch.changes()).extracting(Change::deleted)
            .containsExactlyElementsOf(expected.changes().stream().map(Change::deleted).toList());
        assertThat(batch.changes()).extracting(Change::writer)
            .containsExactlyElementsOf(expected.changes().stream().map(Change::writer).toList());
        assertThat(batch.checkpoint().toString()).isEqualTo(expected.checkpoint().toString());
        assertThat(batch.hasMore()).isEqualTo(expected.hasMore());
      }
      for (int i = 0; i < expected.changes().size(); i++) {
        SalesInvoice document = expected.changes().get(i).document();
        Object[] values = withFields.changes().get(i).document();
        assertThat(values).hasSize(fields.size());
        assertThat(values[number]).isEqualTo(document.getNumber());
        assertThat(values[customer]).isEqualTo(document.getCustomer());
        assertThat(headsOnly.changes().get(i).document()).as("heads only: no fields read").isNull();
      }
      seen += expected.changes().size();
      records = expected.checkpoint();
      stored = withFields.checkpoint();
      heads = headsOnly.checkpoint();
    } while (expected.hasMore());
    assertThat(seen).isEqualTo(7);
  }
}
