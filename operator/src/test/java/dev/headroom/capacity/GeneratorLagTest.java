package dev.headroom.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.Threshold;
import dev.headroom.report.HistogramCodec;
import dev.headroom.results.Measured;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class GeneratorLagTest {

  private static Threshold clause(String metric, String max) {
    return new Threshold(metric, null, max, null);
  }

  /** {@code fast} samples at 10 ms and {@code slow} at {@code slowUs}. */
  private static Measured latencies(long fast, long slow, long slowUs) {
    Histogram h = HistogramCodec.newHistogram();
    h.recordValueWithCount(10_000, fast);
    if (slow > 0) {
      h.recordValueWithCount(slowUs, slow);
    }
    return new Measured(fast + slow, 0, 1000, h);
  }

  private static Histogram lags(long lagUs, long count) {
    Histogram h = HistogramCodec.newHistogram();
    h.recordValueWithCount(lagUs, count);
    return h;
  }

  @Test
  void aQuantileFailedByMoreSamplesThanTheLagsTailCanHideIsTheTargets() {
    // 5% of samples at 1 s with a 13 ms lag: 5% over 100 ms + 26 ms, beyond the 1% a p99 allows and the 2% lag tail.
    assertTrue(GeneratorLag.targetFailed(clause("p99", "100ms"), latencies(950, 50, 1_000_000), lags(13_000, 1000)));
    // 2.5%: within what a lag tail of 2% plus the 1% allowed could hide.
    assertFalse(GeneratorLag.targetFailed(clause("p99", "100ms"), latencies(975, 25, 1_000_000), lags(13_000, 1000)));
  }

  @Test
  void aBreachWithinTwiceTheLagIsNotProvablyTheTargets() {
    // Every sample 150 ms, a 30 ms lag: 150 - 2 * 30 = 90 ms, within a 100 ms p50.
    assertFalse(GeneratorLag.targetFailed(clause("p50", "100ms"), latencies(0, 1000, 150_000), lags(30_000, 1000)));
    assertTrue(GeneratorLag.targetFailed(clause("p50", "100ms"), latencies(0, 1000, 150_000), lags(20_000, 1000)));
  }

  @Test
  void meanAndMaxTakeTwiceTheLagsMeanAndMaxOff() {
    assertTrue(GeneratorLag.targetFailed(clause("mean", "100ms"), latencies(0, 100, 150_000), lags(20_000, 100)));
    assertFalse(GeneratorLag.targetFailed(clause("mean", "100ms"), latencies(0, 100, 150_000), lags(30_000, 100)));
    assertTrue(GeneratorLag.targetFailed(clause("max", "1s"), latencies(99, 1, 2_000_000), lags(400_000, 100)));
    assertFalse(GeneratorLag.targetFailed(clause("max", "1s"), latencies(99, 1, 2_000_000), lags(600_000, 100)));
  }

  @Test
  void errorsUnknownLagsAndNothingMeasuredAreNeverProvablyTheTargets() {
    assertFalse(GeneratorLag.targetFailed(clause("errorRate", "1%"), latencies(0, 1000, 1_000_000), lags(1, 1)));
    assertFalse(GeneratorLag.targetFailed(clause("p99", "100ms"), latencies(0, 1000, 1_000_000), null));
    assertFalse(GeneratorLag.targetFailed(clause("p99", "100ms"), latencies(0, 0, 0), lags(1, 1)));
  }

  @Test
  void shareAboveCountsSamplesPastTheValue() {
    Histogram h = latencies(90, 10, 500_000).latency();
    assertEquals(0.1, GeneratorLag.shareAbove(h, 100_000), 1e-9);
    assertEquals(0, GeneratorLag.shareAbove(HistogramCodec.newHistogram(), 1), 1e-9);
  }
}
