package io.pocketto.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pocketto.internal.ApiAccess;
import io.pocketto.ConflictException;
import io.pocketto.Database;
import io.pocketto.DocumentNotFoundException;
import io.pocketto.ModelStore;
import io.pocketto.Revision;
import io.pocketto.it.Backend;
import io.pocketto.internal.RevisionHasher;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random sequences of create, edit, save, delete and reload on two handles to one document, checked
 * step by step against a model of revisions a few lines long.
 *
 * <p>Each run draws a new seed and prints it. A divergence fails with the seed of the failing sequence
 * and that sequence cut down to the fewest steps that still fail. Replay exactly that sequence with
 * {@code ./mvnw -pl integration-tests -am verify -Dtest=RevisionModelTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dpocketto.seed=SEED}; {@code -Dpocketto.sequences=N} runs more sequences than the default.
 */
class RevisionModelTest {
  /** The system property that replays one sequence. */
  static final String SEED_PROPERTY = "pocketto.seed";
  /** The system property that sets how many sequences a run checks per backend. */
  static final String SEQUENCES_PROPERTY = "pocketto.sequences";
  /** 300 sequences of up to 30 steps: about 4,500 steps per backend, a few seconds. */
  private static final int DEFAULT_SEQUENCES = 300;
  private static final int MAX_STEPS = 30;

  private static final Map<Backend, Database> DATABASES = new EnumMap<>(Backend.class);
  private static final AtomicInteger DOCUMENTS = new AtomicInteger();
  private static final List<String> VALUES = List.of("", "a", "b", "'; --");

  /** One step on handle 0 or 1. */
  sealed interface Op permits Create, Edit, Save, Delete, Reload {
    int handle();
  }

  /** The handle becomes a new, unsaved record with the document's id. */
  record Create(int handle, String note) implements Op {}

  /** Sets the note of the handle, if it holds a record. */
  record Edit(int handle, String note) implements Op {}

  /** Saves the handle; stale when the other handle wrote since this one loaded. */
  record Save(int handle) implements Op {}

  /** Deletes the handle's document. */
  record Delete(int handle) implements Op {}

  /** Reloads the handle from the database. */
  record Reload(int handle) implements Op {}

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"H2_MEMORY", "POSTGRES"})
  void twoHandlesFollowTheRevisionModel(Backend backend) {
    String replay = System.getProperty(SEED_PROPERTY);
    if (replay != null && !replay.isBlank()) {
      System.out.printf("revision model on %s: replaying seed %s%n", backend, replay.strip());
      check(backend, Long.parseLong(replay.strip()));
      return;
    }
    long runSeed = ThreadLocalRandom.current().nextLong();
    int sequences = Integer.getInteger(SEQUENCES_PROPERTY, DEFAULT_SEQUENCES);
    System.out.printf("revision model on %s: %d sequences from run seed %d%n", backend, sequences, runSeed);
    SplittableRandom seeds = new SplittableRandom(runSeed);
    for (int i = 0; i < sequences; i++) {
      check(backend, seeds.nextLong());
    }
  }

  /** Runs the sequence of {@code seed}; on a divergence, fails with the seed and the shortest failing sequence. */
  private static void check(Backend backend, long seed) {
    List<Op> operations = operations(new SplittableRandom(seed));
    AssertionError failure = failureOf(backend, operations);
    if (failure == null) {
      return;
    }
    List<Op> shortest = shrink(backend, operations);
    AssertionError shortFailure = Objects.requireNonNullElse(failureOf(backend, shortest), failure);
    AssertionError reported = new AssertionError("revision model diverged on " + backend + " with seed " + seed
        + " (replay: -D" + SEED_PROPERTY + "=" + seed + "); shortest failing sequence " + shortest + ": "
        + shortFailure.getMessage(), shortFailure);
    reported.addSuppressed(failure);
    throw reported;
  }

  /** 1 to 30 steps, weighted towards edits and saves so that conflicts and clean saves both happen. */
  static List<Op> operations(SplittableRandom random) {
    int size = 1 + random.nextInt(MAX_STEPS);
    List<Op> ops = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int handle = random.nextInt(2);
      int kind = random.nextInt(14);
      if (kind < 2) {
        ops.add(new Create(handle, VALUES.get(random.nextInt(VALUES.size()))));
      } else if (kind < 6) {
        ops.add(new Edit(handle, VALUES.get(random.nextInt(VALUES.size()))));
      } else if (kind < 11) {
        ops.add(new Save(handle));
      } else if (kind < 12) {
        ops.add(new Delete(handle));
      } else {
        ops.add(new Reload(handle));
      }
    }
    return ops;
  }

  /** Removes one step at a time, as long as what is left still fails, until no single removal does. */
  private static List<Op> shrink(Backend backend, List<Op> operations) {
    List<Op> shortest = new ArrayList<>(operations);
    boolean shorter = true;
    while (shorter) {
      shorter = false;
      for (int i = shortest.size() - 1; i >= 0; i--) {
        List<Op> candidate = new ArrayList<>(shortest);
        candidate.remove(i);
        if (!candidate.isEmpty() && failureOf(backend, candidate) != null) {
          shortest = candidate;
          shorter = true;
        }
      }
    }
    return shortest;
  }

  /** Runs {@code operations} on a new document; the model's first divergence, or null. */
  private static AssertionError failureOf(Backend backend, List<Op> operations) {
    try {
      run(backend, operations);
      return null;
    } catch (AssertionError e) {
      return e;
    }
  }

  @AfterAll
  static void closeDatabases() {
    DATABASES.values().forEach(Database::close);
    DATABASES.clear();
  }

  private static synchronized Database database(Backend backend) {
    return DATABASES.computeIfAbsent(backend, b -> b.open(null));
  }

  /** What the database holds: no row, or a revision (live or tombstone) with its parent and note. */
  private static final class Stored {
    boolean exists;
    boolean deleted;
    String rev;
    String parent;
    String note;
  }

  /** What a handle holds: a record, its revision (null before its first save), and its note as loaded. */
  private static final class Handle {
    Tally record;
    String rev;
    boolean deleted;
    String note;
    String loadedNote;

    boolean dirty() {
      return !Objects.equals(note, loadedNote);
    }
  }

  private static void run(Backend backend, List<Op> operations) {
    ModelStore<Tally> store = Tally.in(database(backend));
    String id = "doc-" + DOCUMENTS.incrementAndGet();
    Stored stored = new Stored();
    Handle[] handles = {new Handle(), new Handle()};
    int step = 0;
    for (Op op : operations) {
      step++;
      Handle h = handles[op.handle()];
      String where = "step " + step + " " + op + " in " + operations;
      if (op instanceof Create c) {
        h.record = new Tally();
        h.record.setId(id);
        h.record.setNote(c.note());
        h.rev = null;
        h.deleted = false;
        h.note = c.note();
        h.loadedNote = null;
      } else if (op instanceof Edit e) {
        if (h.record != null) {
          h.record.setNote(e.note());
          h.note = e.note();
        }
      } else if (op instanceof Save) {
        save(store, stored, h, where);
      } else if (op instanceof Delete) {
        delete(store, stored, h, where);
      } else {
        reload(store, stored, h, where);
      }
      check(store, id, stored, handles, where);
    }
  }

  private static void save(ModelStore<Tally> store, Stored stored, Handle h, String where) {
    if (h.record == null) {
      return;
    }
    Throwable thrown = catchThrowable(() -> store.save(h.record));
    if (h.rev != null && h.deleted) {
      // Only recreate() or a new record brings a deleted document back.
      assertThat(thrown).as("a deleted record is not revived by save: " + where)
          .isInstanceOf(DocumentNotFoundException.class);
      return;
    }
    boolean writes = h.rev == null || h.dirty();
    if (!writes) {
      assertThat(thrown).as("a clean save writes nothing: " + where).isNull();
      return;
    }
    // A new record may take the id of a tombstone; otherwise it must build on the stored revision.
    String expected = h.rev == null ? (stored.exists && stored.deleted ? stored.rev : null) : h.rev;
    boolean accepted = h.rev == null ? !stored.exists || stored.deleted : Objects.equals(h.rev, stored.rev);
    if (!accepted) {
      assertConflict(thrown, h.rev, stored, where);
      return;
    }
    assertThat(thrown).as("accepted save: " + where).isNull();
    accept(stored, h, expected, false, where);
  }

  private static void delete(ModelStore<Tally> store, Stored stored, Handle h, String where) {
    if (h.record == null) {
      return;
    }
    Throwable thrown = catchThrowable(() -> store.delete(h.record));
    if (h.rev == null) {
      assertThat(thrown).as(where).isInstanceOf(IllegalStateException.class);
      return;
    }
    if (h.deleted) {
      assertThat(thrown).as("deleting a deleted record does nothing: " + where).isNull();
      return;
    }
    if (!h.rev.equals(stored.rev)) {
      assertConflict(thrown, h.rev, stored, where);
      return;
    }
    assertThat(thrown).as("accepted delete: " + where).isNull();
    accept(stored, h, h.rev, true, where);
  }

  private static void reload(ModelStore<Tally> store, Stored stored, Handle h, String where) {
    if (h.record == null) {
      return;
    }
    Throwable thrown = catchThrowable(() -> store.reload(h.record));
    if (h.rev == null) {
      assertThat(thrown).as(where).isInstanceOf(IllegalStateException.class);
    } else if (stored.deleted) {
      assertThat(thrown).as(where).isInstanceOf(DocumentNotFoundException.class);
    } else {
      assertThat(thrown).as(where).isNull();
      h.rev = stored.rev;
      h.deleted = false;
      h.note = stored.note;
      h.loadedNote = stored.note;
    }
  }

  /** An accepted write on top of {@code parent}: one higher, and now what the database and the handle hold. */
  private static void accept(Stored stored, Handle h, String parent, boolean deleted, String where) {
    String rev = h.record.meta().rev();
    long parentHeight = parent == null ? 0 : Revision.parse(parent).height();
    assertThat(Revision.parse(rev).height()).as("height after " + where).isEqualTo(parentHeight + 1);
    stored.exists = true;
    stored.deleted = deleted;
    stored.rev = rev;
    stored.parent = parent;
    stored.note = h.note;
    h.rev = rev;
    h.deleted = deleted;
    h.loadedNote = h.note;
  }

  private static void assertConflict(Throwable thrown, String expected, Stored stored, String where) {
    assertThat(thrown).as("409 expected: " + where).isInstanceOf(ConflictException.class);
    ConflictException conflict = (ConflictException) thrown;
    assertThat(conflict.expectedRevision()).as(where).isEqualTo(expected);
    assertThat(conflict.revision()).as(where).isEqualTo(stored.rev);
  }

  /** The handles and the database agree with the model after every step. */
  private static void check(ModelStore<Tally> store, String id, Stored stored, Handle[] handles, String where) {
    for (Handle h : handles) {
      if (h.record != null) {
        assertThat(h.record.meta().rev()).as("handle revision after " + where).isEqualTo(h.rev);
        assertThat(h.record.getNote()).as("handle note after " + where).isEqualTo(h.note);
        if (h.rev != null && !h.deleted) {
          assertThat(h.record.isDirty()).as("handle dirty after " + where).isEqualTo(h.dirty());
        }
      }
    }
    assertThat(ApiAccess.table(store).currentRevision(id)).as("stored revision after " + where).isEqualTo(stored.rev);
    Optional<Tally> found = store.find(id);
    assertThat(found.isPresent()).as("document live after " + where).isEqualTo(stored.exists && !stored.deleted);
    if (found.isPresent()) {
      Tally live = found.get();
      assertThat(live.getNote()).as("stored note after " + where).isEqualTo(stored.note);
      assertThat(RevisionHasher.revisionOf(Tally.BINDING, live, stored.parent))
          .as("stored row matches its revision after " + where).isEqualTo(stored.rev);
    }
  }
}
