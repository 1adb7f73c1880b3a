package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.api.v1alpha1.Threshold;
import dev.headroom.api.v1alpha1.ThresholdResult;
import dev.headroom.report.HistogramCodec;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ThresholdEvaluatorTest {

  /** 120,000 requests in 2 minutes, 24 failed; p99 41.2ms. */
  private final Measured total = measured(120_000, 24, 120_000, 5_000, 1_500, 41_200);
  /** The slow request of the mix: p95 900ms. */
  private final Measured order = measured(12_000, 4, 120_000, 5_000, 1_200, 900_000);
  private final Map<String, Measured> byRequest = Map.of("browse", total, "order", order);

  private static Measured measured(long requests, long errors, long millis, long fast, long slow, long slowMicros) {
    Histogram h = HistogramCodec.newHistogram();
    h.recordValueWithCount(fast, requests - errors - slow);
    h.recordValueWithCount(slowMicros, slow);
    return new Measured(requests, errors, millis, h);
  }

  private ThresholdResult check(String metric, String request, String max, String min) {
    return ThresholdEvaluator.evaluate(new Threshold(metric, request, max, min), total, byRequest);
  }

  @Test
  void latencyPassesAtOrBelowItsMax() {
    assertEquals(new ThresholdResult("p99", null, "500ms", "41.2ms", true), check("p99", null, "500ms", null));
    assertEquals(new ThresholdResult("p99", null, "40ms", "41.2ms", false), check("p99", null, "40ms", null));
    assertEquals(new ThresholdResult("max", null, "1s", "41.2ms", true), check("max", null, "1s", null));
    // 5ms sits in a histogram bucket reaching 5.003ms: judged as shown, it meets a 5ms limit.
    assertEquals(new ThresholdResult("p50", null, "5ms", "5ms", true), check("p50", null, "5ms", null));
  }

  @Test
  void errorRateTakesAPercentageOrAFraction() {
    assertEquals(new ThresholdResult("errorRate", null, "1%", "0.02%", true), check("errorRate", null, "1%", null));
    assertEquals(new ThresholdResult("errorRate", null, "0.01", "0.02%", true), check("errorRate", null, "0.01", null));
    assertEquals(new ThresholdResult("errorRate", null, "0.01%", "0.02%", false), check("errorRate", null, "0.01%", null));
  }

  @Test
  void rpsMustReachItsMin() {
    assertEquals(new ThresholdResult("rps", null, "900", "1000", true), check("rps", null, null, "900"));
    assertEquals(new ThresholdResult("rps", null, "1200", "1000", false), check("rps", null, null, "1200"));
  }

  @Test
  void aRequestNameLimitsTheThresholdToThatRequest() {
    assertEquals(new ThresholdResult("p95", null, "800ms", "5ms", true), check("p95", null, "800ms", null));
    assertEquals(
        new ThresholdResult("p95", "order", "800ms", "900ms", false), check("p95", "order", "800ms", null));
    assertEquals(
        new ThresholdResult("rps", "order", "90", "100", true), check("rps", "order", null, "90"));
  }

  @Test
  void whatValidationShouldHaveCaughtFailsWithoutThrowing() {
    assertEquals(new ThresholdResult("p42", null, null, null, false), check("p42", null, "1s", null));
    assertEquals(new ThresholdResult("p99", "checkout", "1s", null, false), check("p99", "checkout", "1s", null));
    assertEquals(new ThresholdResult("p99", null, "fast", null, false), check("p99", null, "fast", null));
    assertEquals(new ThresholdResult("errorRate", null, "lots", null, false), check("errorRate", null, "lots", null));
    assertEquals(new ThresholdResult("rps", null, null, null, false), check("rps", null, "900", null));
    assertEquals(new ThresholdResult(null, null, null, null, false), check(null, null, null, null));
  }

  @Test
  void nothingMeasuredMeetsNoThreshold() {
    Measured none = new Measured(0, 0, 60_000, HistogramCodec.newHistogram());
    Map<String, Measured> idle = Map.of("order", none);
    for (Threshold t :
        new Threshold[] {
          new Threshold("p99", null, "1s", null),
          new Threshold("errorRate", null, "1%", null),
          new Threshold("rps", null, null, "0")
        }) {
      assertEquals(false, ThresholdEvaluator.evaluate(t, none, idle).passed(), t.toString());
    }
  }
}
