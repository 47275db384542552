package io.pocketto.it.reliability;

import io.pocketto.Database;
import io.pocketto.ModelStore;
import io.pocketto.Pocketto;
import java.io.PrintStream;
import java.util.Random;

/**
 * The child process of {@link CrashSafetyTest}: writes to an H2 file database until it is killed, and
 * prints {@code ACK <id> <revision> <parent revision or ->} for each write as soon as {@code save()}
 * returned, that is, once the write is acknowledged to the application.
 */
public final class CrashWriter {
  /** The documents the writer cycles through. */
  static final int DOCUMENTS = 8;

  private CrashWriter() {}

  /** Arguments: the JDBC URL, then a seed. */
  public static void main(String[] args) {
    PrintStream out = System.out;
    Random random = new Random(Long.parseLong(args[1]));
    Database db = Pocketto.connect(args[0]);
    ModelStore<Tally> tallies = Tally.in(db);
    Tally[] docs = new Tally[DOCUMENTS];
    for (int d = 0; d < DOCUMENTS; d++) {
      String id = "doc-" + d;
      docs[d] = tallies.find(id).orElseGet(() -> {
        Tally t = new Tally();
        t.setId(id);
        return t;
      });
    }
    while (true) {
      Tally doc = docs[random.nextInt(DOCUMENTS)];
      String parent = doc.meta().rev();
      doc.setCount(doc.getCount() + 1);
      // Rows of very different sizes, so that a torn write would show in the body.
      doc.setNote("n".repeat(random.nextInt(3_000)) + doc.getCount());
      tallies.save(doc);
      out.println("ACK " + doc.getId() + " " + doc.meta().rev() + " " + (parent == null ? "-" : parent));
      out.flush();
    }
  }
}
