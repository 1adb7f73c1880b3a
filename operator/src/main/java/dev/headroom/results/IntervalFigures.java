package dev.headroom.results;

import org.HdrHistogram.Histogram;

/**
 * One line of an interval log, read: its stretch of time and the latency figures a regression and
 * a report need of it, in microseconds. The histogram itself is not kept: decoded at Headroom's
 * range it is about 190 KB, and a run's log has up to 600 lines.
 */
public record IntervalFigures(long startMs, long endMs, long responses, long p50, long p90, long p99, long max) {

  static IntervalFigures of(Histogram h) {
    return new IntervalFigures(h.getStartTimeStamp(), h.getEndTimeStamp(), h.getTotalCount(),
        h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getMaxValue());
  }

  /** This line's {@code metric}: p50, p90, p99 or max. */
  public long micros(Metric metric) {
    return switch (metric) {
      case P50 -> p50;
      case P90 -> p90;
      case P99 -> p99;
      case MAX -> max;
      default -> throw new IllegalArgumentException(metric.key() + " is not kept per interval");
    };
  }
}
