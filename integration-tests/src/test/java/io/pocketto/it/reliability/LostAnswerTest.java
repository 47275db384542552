package io.pocketto.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.Change;
import io.pocketto.ChangeEvent;
import io.pocketto.Checkpoint;
import io.pocketto.ConflictException;
import io.pocketto.Database;
import io.pocketto.OutcomeUnknownException;
import io.pocketto.Pocketto;
import io.pocketto.RetryPolicy;
import io.pocketto.it.PostgresServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once writes: PostgreSQL commits a write, and its answer never reaches the application (a
 * {@link WireProxy} drops it and closes the connection). The library must find out that the write
 * happened and report it once, as if answered: never as a conflict with itself, never written twice.
 *
 * <p>H2 runs in this process (Pocketto refuses its server modes), so no answer can be lost between the
 * two; this suite is PostgreSQL's.
 */
class LostAnswerTest {
  private WireProxy proxy;
  private Database db;
  private Database direct;
  private final List<ChangeEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() throws Exception {
    String url = PostgresServer.freshUrl();
    proxy = new WireProxy(PostgresServer.port());
    String viaProxy = url.replace("localhost:" + PostgresServer.port() + "/", "127.0.0.1:" + proxy.port() + "/")
        + "&sslmode=disable&gssEncMode=disable";
    db = Pocketto.connect(viaProxy);
    direct = Pocketto.connect(url);
    // Both create or check the table now: DDL run inside a fault's hook would wait for the cut connection.
    Tally.in(db).count();
    Tally.in(direct).count();
    Tally.in(db).onChange(events::add);
  }

  @AfterEach
  void close() throws Exception {
    db.close();
    direct.close();
    proxy.close();
  }

  private Tally stored(String id) {
    return Tally.in(direct).find(id).orElseThrow();
  }

  private static Tally tally(String id) {
    Tally t = new Tally();
    t.setId(id);
    return t;
  }

  private List<Change<Tally>> feed() {
    return Tally.in(direct).changes(Checkpoint.START, 1_000).changes();
  }

  @Test
  void aSaveWhoseAnswerIsLostReturnsOnceWithItsRevisionAndOneEvent() {
    Tally t = tally("t").saveTo(db);
    events.clear();
    t.setCount(1);

    proxy.dropNextCommittedAnswer(null);
    t.save();

    assertThat(proxy.answersDropped()).isEqualTo(1);
    assertThat(t.meta().rev()).startsWith("2-").isEqualTo(stored("t").meta().rev());
    assertThat(t.isDirty()).isFalse();
    assertThat(stored("t").getCount()).isEqualTo(1);
    assertThat(events).extracting(ChangeEvent::revision).containsExactly(t.meta().rev());
    assertThat(feed()).singleElement().extracting(Change::revision).isEqualTo(t.meta().rev());
  }

  @Test
  void aCreateWhoseAnswerIsLostIsNotAConflictWithItself() {
    Tally t = tally("new");

    proxy.dropNextCommittedAnswer(null);
    t.saveTo(db);

    assertThat(proxy.answersDropped()).isEqualTo(1);
    assertThat(t.meta().rev()).startsWith("1-").isEqualTo(stored("new").meta().rev());
    assertThat(events).extracting(ChangeEvent::revision).containsExactly(t.meta().rev());
  }

  @Test
  void aDeleteWhoseAnswerIsLostDeletesOnce() {
    Tally t = tally("gone").saveTo(db);
    events.clear();

    proxy.dropNextCommittedAnswer(null);
    t.delete();

    assertThat(proxy.answersDropped()).isEqualTo(1);
    assertThat(Tally.in(direct).find("gone")).isEmpty();
    assertThat(t.meta().rev()).startsWith("2-");
    assertThat(events).singleElement().satisfies(e -> assertThat(e.deleted()).isTrue());
    assertThat(feed()).singleElement().satisfies(c -> assertThat(c.deleted()).isTrue());
  }

  @Test
  void anIncrementalModifyWhoseAnswerIsLostAppliesItsMutationOnce() {
    Tally t = tally("counter").saveTo(db);
    events.clear();

    proxy.dropNextCommittedAnswer(null);
    t.incrementalModify(r -> r.setCount(r.getCount() + 1));

    assertThat(proxy.answersDropped()).isEqualTo(1);
    assertThat(stored("counter").getCount()).isEqualTo(1);
    assertThat(stored("counter").meta().rev()).startsWith("2-");
    assertThat(events).hasSize(1);
  }

  @Test
  void aBundleWhoseCommitAnswerIsLostCommitsOnce() {
    Tally a = tally("a").saveTo(db);
    Tally b = tally("b").saveTo(db);
    events.clear();

    proxy.dropNextCommittedAnswer(null);
    db.bundle(tx -> {
      a.setCount(1);
      a.save();
      b.setCount(1);
      b.save();
    });

    assertThat(proxy.answersDropped()).isEqualTo(1);
    assertThat(stored("a").getCount()).isEqualTo(1);
    assertThat(stored("b").getCount()).isEqualTo(1);
    assertThat(a.meta().rev()).startsWith("2-").isEqualTo(stored("a").meta().rev());
    assertThat(b.meta().rev()).startsWith("2-").isEqualTo(stored("b").meta().rev());
    assertThat(events).extracting(ChangeEvent::id).containsExactly("a", "b");
  }

  @Test
  void aWriteCutBeforeTheServerSawItIsWrittenOnceByTheRetry() {
    Tally t = tally("t").saveTo(db);
    events.clear();
    t.setCount(7);

    proxy.cutBeforeNextExecute(null);
    t.save();

    assertThat(proxy.faultPending()).isFalse();
    assertThat(stored("t").getCount()).isEqualTo(7);
    assertThat(stored("t").meta().rev()).startsWith("2-").isEqualTo(t.meta().rev());
    assertThat(events).hasSize(1);
  }

  @Test
  void aGenuineConflictDuringTheRetryIsStillTheSeeds409() {
    Tally t = tally("t").saveTo(db);
    t.setCount(1);
    String[] theirs = new String[1];

    proxy.cutBeforeNextExecute(() -> {
      Tally other = stored("t");
      other.setNote("saved by someone else first");
      other.save();
      theirs[0] = other.meta().rev();
    });

    assertThatThrownBy(t::save).isInstanceOfSatisfying(ConflictException.class, e -> {
      assertThat(e.revision()).isEqualTo(theirs[0]);
      assertThat(e.toJson()).contains("\"status\":409", "\"revision\":\"" + theirs[0] + "\"");
    });
    assertThat(t.meta().rev()).startsWith("1-");
    assertThat(t.isDirty()).isTrue();
  }

  @Test
  void aWriteOverwrittenRightAfterItsLostAnswerIsStillRecognisedAsDone() {
    Tally t = tally("t").saveTo(db);
    t.setCount(1);

    proxy.dropNextCommittedAnswer(() -> {
      Tally next = stored("t");
      next.setNote("written on top of the lost one");
      next.save();
    });
    t.save();

    assertThat(t.meta().rev()).startsWith("2-");
    assertThat(stored("t").meta().rev()).startsWith("3-");
    assertThat(stored("t").getCount()).isEqualTo(1);
  }

  @Test
  void anUnreachableDatabaseGivesOutcomeUnknownAndSavingAgainSettlesItOnce() {
    db.setRetryPolicy(RetryPolicy.defaults().withMaxAttempts(3).withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)));
    Tally t = tally("t").saveTo(db);
    events.clear();
    t.setCount(1);

    proxy.dropNextCommittedAnswer(proxy::refuseAll);
    assertThatThrownBy(t::save).isInstanceOfSatisfying(OutcomeUnknownException.class, e -> {
      assertThat(e.id()).isEqualTo("t");
      assertThat(e.attemptedRevision()).startsWith("2-").isEqualTo(stored("t").meta().rev());
      assertThat(e.status()).isEqualTo(503);
      assertThat(e).isNotInstanceOf(ConflictException.class);
    });
    assertThat(events).isEmpty();

    proxy.heal();
    t.save();

    assertThat(t.meta().rev()).isEqualTo(stored("t").meta().rev());
    assertThat(events).extracting(ChangeEvent::revision).containsExactly(t.meta().rev());
    assertThat(feed()).hasSize(1);
  }

  @Test
  void anotherRecordWithTheSameChangeFromTheSameRevisionStillGetsItsConflict() {
    tally("t").saveTo(db);
    Tally first = Tally.in(db).find("t").orElseThrow();
    Tally second = Tally.in(db).find("t").orElseThrow();
    first.setCount(first.getCount() + 1);
    second.setCount(second.getCount() + 1);

    first.save();

    assertThatThrownBy(second::save).as("two increments from one revision: the second must re-apply its own")
        .isInstanceOf(ConflictException.class);
    second.reload();
    second.setCount(second.getCount() + 1);
    second.save();
    assertThat(stored("t").getCount()).isEqualTo(2);
  }

  @Test
  void aLostWriteWhoseTwinWasWrittenByAnotherWriterMeanwhileIsAConflictNotADoneWrite() {
    tally("t").saveTo(db);
    Tally mine = Tally.in(db).find("t").orElseThrow();
    mine.setCount(mine.getCount() + 1);

    proxy.cutBeforeNextExecute(() -> {
      Tally twin = stored("t");
      twin.setCount(twin.getCount() + 1);
      twin.save();
    });

    assertThatThrownBy(mine::save).isInstanceOfSatisfying(ConflictException.class,
        e -> assertThat(e.revision()).startsWith("2-"));
    mine.reload();
    mine.setCount(mine.getCount() + 1);
    mine.save();
    assertThat(stored("t").getCount()).as("both increments count").isEqualTo(2);
  }

  @Test
  void retrySaveOfACopyWithTheSameChangeFromTheSameRevisionSucceedsWithoutWritingAgain() {
    tally("t").saveTo(db);
    Tally first = Tally.in(db).find("t").orElseThrow();
    Tally repeated = Tally.in(db).find("t").orElseThrow();
    events.clear();
    first.setCount(5);
    repeated.setCount(5);

    first.save();
    Tally.in(db).retrySave(repeated);

    assertThat(repeated.meta().rev()).isEqualTo(first.meta().rev()).isEqualTo(stored("t").meta().rev()).startsWith("2-");
    assertThat(repeated.isDirty()).isFalse();
    assertThat(events).as("one write, one event").hasSize(1);
    repeated.setCount(6);
    repeated.save();
    assertThat(stored("t").getCount()).isEqualTo(6);
  }

  @Test
  void retrySaveWithADifferentChangeAtThatHeightIsStillTheSeeds409() {
    tally("t").saveTo(db);
    Tally first = Tally.in(db).find("t").orElseThrow();
    Tally other = Tally.in(db).find("t").orElseThrow();
    first.setCount(5);
    other.setCount(6);

    first.save();

    assertThatThrownBy(() -> Tally.in(db).retrySave(other)).isInstanceOfSatisfying(ConflictException.class,
        e -> assertThat(e.revision()).isEqualTo(first.meta().rev()));
  }

  @Test
  void manyWritesWithEveryThirdAnswerLostEndExactlyCountedWithNoConflict() {
    Tally t = tally("t").saveTo(db);
    int conflicts = 0;
    for (int i = 1; i <= 60; i++) {
      if (i % 3 == 0) {
        proxy.dropNextCommittedAnswer(null);
      }
      t.setCount(i);
      try {
        t.save();
      } catch (ConflictException e) {
        conflicts++;
      }
    }
    for (int i = 0; i < 30; i++) {
      if (i % 3 == 0) {
        proxy.dropNextCommittedAnswer(null);
      }
      tally("created-" + i).saveTo(db);
    }

    System.out.printf("lost answers injected: %d, saves that returned: 90, conflicts reported: %d%n",
        proxy.answersDropped(), conflicts);
    assertThat(proxy.answersDropped()).isEqualTo(30);
    assertThat(conflicts).isZero();
    assertThat(stored("t").getCount()).isEqualTo(60);
    assertThat(stored("t").meta().rev()).startsWith("61-");
    assertThat(Tally.in(direct).count()).isEqualTo(31);
  }
}
