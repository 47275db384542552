package io.pocketto.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CpuTimeProfilerTest {
  @Test
  void userTimeGrowsWithWorkAndStaysWithinTheProcessCpuTime() {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "user time comes from Linux's /proc");
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long userBefore = CpuTimeProfiler.userNanos();
    long cpuBefore = os.getProcessCpuTime();

    long sink = 0;
    long until = System.nanoTime() + 300_000_000L;
    while (System.nanoTime() < until) {
      sink += Long.toString(sink).hashCode();
    }

    long user = CpuTimeProfiler.userNanos() - userBefore;
    long cpu = os.getProcessCpuTime() - cpuBefore;
    // 300 ms of spinning in Java is mostly user time; ticks are 10 ms, so allow a few either way.
    assertTrue(user >= 150_000_000L, "user time grew by " + user + " ns (sink " + sink + ")");
    assertTrue(user <= cpu + 30_000_000L, "user " + user + " ns must fit within process CPU " + cpu + " ns");
  }
}
