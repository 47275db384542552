package io.pocketto.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.Revision;
import io.pocketto.internal.RevisionHasher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writes to an H2 file database and is killed with SIGKILL at a random moment, ten times
 * over on the same file. After each kill the file must open and hold every acknowledged write or a
 * later one, and every row must be whole: its revision is the hash of its body on top of its parent.
 *
 * <p>The parent of a stored revision is known without storing it: the child is the only writer, so a
 * document's row holds either its last acknowledged revision (whose parent the child printed) or the
 * one write that was in flight when it died, whose parent is that last acknowledged revision.
 */
class CrashSafetyTest {
  private static final int KILLS = 10;

  @TempDir
  Path dir;

  /** A stored revision and the revision it was written on top of ({@code null} for a first write). */
  record Link(String revision, String parent) {}

  @Test
  void everyAcknowledgedWriteSurvivesSigkillAndNoRowIsTorn() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("crash").toAbsolutePath();
    Random random = new Random(20_241_125L);
    Map<String, Link> known = new HashMap<>();
    int acknowledged = 0;
    for (int cycle = 1; cycle <= KILLS; cycle++) {
      List<String[]> acks = runAndKill(url, random.nextLong(), 50 + random.nextInt(400));
      assertThat(acks).as("cycle %d: acknowledged writes before the kill", cycle).isNotEmpty();
      acknowledged += acks.size();
      for (String[] ack : acks) {
        known.put(ack[1], new Link(ack[2], ack[3].equals("-") ? null : ack[3]));
      }
      try (Database db = Pocketto.connect(url)) {
        for (Tally stored : Tally.in(db).all()) {
          known.put(stored.getId(), check(cycle, stored, known.get(stored.getId())));
        }
        assertThat(Tally.in(db).count()).as("cycle %d: every acknowledged document is stored", cycle)
            .isGreaterThanOrEqualTo(known.size());
      }
    }
    System.out.printf("crash safety: %d kills, %d acknowledged writes checked%n", KILLS, acknowledged);
  }

  /** Checks one stored row against what was acknowledged of it; returns what is now known of it. */
  private static Link check(int cycle, Tally stored, Link acked) {
    String id = stored.getId();
    String rev = stored.meta().rev();
    if (acked != null && rev.equals(acked.revision())) {
      assertThat(RevisionHasher.revisionOf(Tally.BINDING, stored, acked.parent()))
          .as("cycle %d: %s at %s is whole", cycle, id, rev).isEqualTo(rev);
      return acked;
    }
    // Not the last acknowledged revision: it may only be the one write in flight, on top of it.
    String parent = acked == null ? null : acked.revision();
    long parentHeight = parent == null ? 0 : Revision.parse(parent).height();
    assertThat(Revision.parse(rev).height())
        .as("cycle %d: %s holds %s, but %s was acknowledged", cycle, id, rev, parent).isEqualTo(parentHeight + 1);
    assertThat(RevisionHasher.revisionOf(Tally.BINDING, stored, parent))
        .as("cycle %d: %s at %s is whole", cycle, id, rev).isEqualTo(rev);
    return new Link(rev, parent);
  }

  /** Starts a writer, kills it {@code delayMillis} after its first acknowledged write, and returns its acknowledgements. */
  private static List<String[]> runAndKill(String url, long seed, int delayMillis) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), url, Long.toString(seed))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    List<String[]> acks = new ArrayList<>();
    CountDownLatch writing = new CountDownLatch(1);
    AtomicReference<IOException> readFailure = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith("ACK ")) {
            String[] parts = line.split(" ");
            // A line cut by the kill was never acknowledged.
            if (parts.length == 4 && Revision.isValid(parts[2])) {
              synchronized (acks) {
                acks.add(parts);
              }
              writing.countDown();
            }
          }
        }
      } catch (IOException e) {
        readFailure.set(e);
      }
    }, "crash-writer-stdout");
    reader.start();
    try {
      assertThat(writing.await(60, TimeUnit.SECONDS)).as("the writer acknowledged a first write").isTrue();
      Thread.sleep(delayMillis);
    } finally {
      // Through the handle: Process.destroyForcibly() also closes our end of the pipe, and the
      // acknowledgements still in it would be lost.
      child.toHandle().destroyForcibly();
      child.waitFor(60, TimeUnit.SECONDS);
    }
    reader.join(TimeUnit.SECONDS.toMillis(60));
    assertThat(reader.isAlive()).as("the writer's output was read to its end").isFalse();
    assertThat(readFailure.get()).as("reading the writer's output").isNull();
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    synchronized (acks) {
      return new ArrayList<>(acks);
    }
  }
}
