package dev.headroom.htmlreport;

import dev.headroom.api.v1alpha1.Latency;
import java.util.function.Function;

/** One figure of a {@link Latency} as a table cell: blank when nothing was measured. */
final class LatencyCell {

  private LatencyCell() {}

  static String of(Latency latency, Function<Latency, String> which) {
    return latency == null ? "" : which.apply(latency);
  }
}
