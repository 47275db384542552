package io.pocketto.it.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pocketto.ConflictException;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.RetriesExhaustedException;
import io.pocketto.RetryPolicy;
import io.pocketto.it.BackendTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Micrometer meters of a database opened with {@code meterRegistry}, counted exactly. */
class MetricsTest extends BackendTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Database measured;

  @BeforeEach
  void openMeasured() {
    measured = track(Pocketto.builder().url(backend.freshUrl(scratchDir)).meterRegistry(registry).connect());
  }

  private double counter(String name) {
    var counter = registry.find(name).tag("collection", "notes").counter();
    return counter == null ? 0 : counter.count();
  }

  private long timed(String name) {
    var timer = registry.find(name).tag("collection", "notes").timer();
    return timer == null ? 0 : timer.count();
  }

  private Note saved(String id, String text) {
    Note note = new Note();
    note.setId(id);
    note.setText(text);
    return note.saveTo(measured);
  }

  /** A copy loaded now, then made stale by a write of another copy. */
  private Note staleCopy(String id) {
    Note stale = Note.in(measured).find(id).orElseThrow();
    Note other = Note.in(measured).find(id).orElseThrow();
    other.setText(other.getText() + "+");
    other.save();
    return stale;
  }

  @Test
  void oneWriteOneConflictAndOneRetryAreCountedOnce() {
    saved("n1", "one");
    assertThat(timed("pocketto.writes")).isEqualTo(1);

    Note stale = staleCopy("n1");                // 2 reads, 1 write
    stale.setText("stale");
    assertThatThrownBy(stale::save).isInstanceOf(ConflictException.class);
    assertThat(counter("pocketto.conflicts")).isEqualTo(1);

    Note retried = staleCopy("n1");              // 2 reads, 1 write
    retried.incrementalModify(n -> n.setText("retried")); // a 409, a retry, a write

    assertThat(timed("pocketto.writes")).isEqualTo(4);
    assertThat(counter("pocketto.conflicts")).isEqualTo(2);
    assertThat(counter("pocketto.retries")).isEqualTo(1);
    assertThat(counter("pocketto.retries.exhausted")).isZero();
    assertThat(timed("pocketto.reads")).isEqualTo(4);
  }

  @Test
  void theChangesFeedsLagIsAGaugeThatIsZeroOnceEveryWriteHasEnded() {
    saved("n1", "one");
    saved("n2", "two");

    assertThat(registry.find("pocketto.changes.held.back").tag("collection", "notes").gauge().value()).isZero();
  }

  @Test
  void exhaustedRetriesAndRolledBackBundlesAreCounted() {
    saved("n1", "one");
    measured.setRetryPolicy(RetryPolicy.defaults().withMaxAttempts(1));
    Note stale = staleCopy("n1");

    assertThatThrownBy(() -> stale.incrementalModify(n -> n.setText("never"))).isInstanceOf(RetriesExhaustedException.class);
    assertThatThrownBy(() -> measured.bundle(tx -> {
      saved("n2", "rolled back");
      throw new IllegalStateException("abandon");
    })).hasMessage("abandon");

    assertThat(counter("pocketto.retries.exhausted")).isEqualTo(1);
    assertThat(counter("pocketto.retries")).isZero();
    assertThat(registry.find("pocketto.bundle.rollbacks").counter().count()).isEqualTo(1);
  }
}
