package dev.headroom.capacity;

import dev.headroom.api.v1alpha1.Threshold;
import dev.headroom.plan.Durations;
import dev.headroom.results.Measured;
import dev.headroom.results.Metric;
import org.HdrHistogram.Histogram;

/**
 * Whether a busy generator's lateness can account for a failed latency clause, or the target
 * failed it whatever the generator did.
 *
 * <p>Latency counts from the intended send time, so a request the event loop sent late carries that
 * lag in its latency, and an event loop late to send is as late to read the answer. Every latency
 * is therefore at most the target's own time plus twice the loop's lag. Taking twice the lag's p99
 * off every sample can hide at most the 2% of samples whose send or read lag was beyond it: a
 * quantile clause still failed by more than that after the allowance is the target's failure.
 */
final class GeneratorLag {

  /** Share of samples whose send, or read, lag may exceed the lag's p99. */
  private static final double LAG_TAIL = 0.02;

  private GeneratorLag() {
  }

  /**
   * True when clause {@code t} fails on {@code scope} even with the generator's lag taken out;
   * false when the lag may be what failed it, or when the lag is not known.
   *
   * @param sendLag the window's send lags, microseconds; null when unknown
   */
  static boolean targetFailed(Threshold t, Measured scope, Histogram sendLag) {
    Metric metric = Metric.named(t.metric()).orElseThrow();
    if (!metric.isLatency() || sendLag == null || scope == null || scope.latency().getTotalCount() == 0) {
      return false; // errors under a saturated generator, or nothing measured: not provably the target's
    }
    long limitUs = Durations.parse(t.max()).toNanos() / 1000;
    Histogram latency = scope.latency();
    return switch (metric) {
      case MEAN -> latency.getMean() - 2 * sendLag.getMean() > limitUs;
      case MAX -> latency.getMaxValue() - 2 * sendLag.getMaxValue() > limitUs;
      case MIN -> latency.getMinValue() - 2 * sendLag.getMaxValue() > limitUs;
      default -> {
        long allowanceUs = 2 * sendLag.getValueAtPercentile(99);
        double over = shareAbove(latency, limitUs + allowanceUs);
        yield over - LAG_TAIL > 1 - metric.percentile() / 100;
      }
    };
  }

  /** The share of the histogram's samples above {@code valueUs}. */
  static double shareAbove(Histogram h, long valueUs) {
    long total = h.getTotalCount();
    if (total == 0) {
      return 0;
    }
    return (double) (total - h.getCountBetweenValues(0, valueUs)) / total;
  }

  /** The lag's p99 in words, for the step's note. */
  static String p99Text(Histogram sendLag) {
    return Durations.formatMicros(sendLag.getValueAtPercentile(99));
  }
}
