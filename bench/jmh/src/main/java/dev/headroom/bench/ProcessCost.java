package dev.headroom.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this JVM has spent so far: CPU time of all its threads (event loop, JIT, GC alike), bytes
 * allocated by its live threads, and garbage collections. Two snapshots bound a window.
 */
record ProcessCost(long cpuNanos, long allocatedBytes, long gcCount, long gcMillis) {

  static ProcessCost now() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocated = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      allocated += Math.max(0, bytes);
    }
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new ProcessCost(os.getProcessCpuTime(), allocated, count, millis);
  }

  /** The process's peak resident set ({@code VmHWM}), in KiB; -1 where /proc has no such line. */
  static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux, or a /proc we cannot read: the number is simply absent.
    }
    return -1;
  }
}
