package dev.headroom.collect;

import dev.headroom.report.IntervalReport;

/** Receives each worker's finished intervals; adding one twice must change nothing. */
@FunctionalInterface
public interface IntervalSink {

  void add(int worker, IntervalReport report);
}
