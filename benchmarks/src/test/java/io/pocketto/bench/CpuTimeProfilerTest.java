package io.pocketto.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The parsing of {@code /proc/self/stat} is tested on fixed lines: how much CPU time the machine grants
 * this JVM depends on what else runs, so no assertion here measures it.
 */
class CpuTimeProfilerTest {
  /** A real line (from a JVM, pid 4242) with utime 1234 ticks and stime 56 ticks. */
  private static final String STAT = "4242 (java) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1234 56 0 0 20 0"
      + " 31 0 987654 7654321098 45678 18446744073709551615 1 1 0 0 0 0 0 4096 16387 0 0 0 17 1 0 0 0 0 0";

  @Test
  void userTimeIsTheFourteenthFieldInClockTicksOfTenMilliseconds() {
    assertEquals(1234 * 10_000_000L, CpuTimeProfiler.userNanos(STAT));
  }

  @Test
  void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
    String stat = STAT.replace("(java)", "(my (odd) cmd) 7)");
    assertEquals(1234 * 10_000_000L, CpuTimeProfiler.userNanos(stat));
  }

  @Test
  void zeroTicksIsZeroNanoseconds() {
    String stat = STAT.replace(" 1234 56 ", " 0 56 ");
    assertEquals(0, CpuTimeProfiler.userNanos(stat));
  }

  @Test
  void theLiveReadingIsAValidNonDecreasingCount() {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "user time comes from Linux's /proc");
    long first = CpuTimeProfiler.userNanos();
    long second = CpuTimeProfiler.userNanos();
    assertTrue(first >= 0, "user time " + first);
    assertTrue(second >= first, "user time went back from " + first + " to " + second);
    assertEquals(0, first % 10_000_000L, "a whole number of clock ticks: " + first);
  }
}
