package dev.headroom.results;

import dev.headroom.api.v1alpha1.Latency;
import dev.headroom.plan.Durations;
import org.HdrHistogram.Histogram;

/** Reads the status {@link Latency} figures from a merged histogram of microseconds. */
final class Latencies {

  private Latencies() {}

  /** The figures, or null when nothing was recorded. */
  static Latency of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return null;
    }
    return new Latency(
        text(Metric.MIN, h), text(Metric.MEAN, h), text(Metric.P50, h), text(Metric.P90, h),
        text(Metric.P95, h), text(Metric.P99, h), text(Metric.P999, h), text(Metric.MAX, h));
  }

  static String text(Metric metric, Histogram h) {
    return Durations.formatMicros(metric.micros(h));
  }
}
