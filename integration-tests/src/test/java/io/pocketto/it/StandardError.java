package io.pocketto.it;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What the runtime's logger (slf4j-simple, which writes to {@code System.err}) prints, for tests of log lines. */
public final class StandardError {
  private StandardError() {}

  /** What was printed to {@code System.err} while {@code work} ran. */
  public static String capturedWhile(Runnable work) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      work.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
