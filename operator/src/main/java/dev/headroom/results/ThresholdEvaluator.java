package dev.headroom.results;

import dev.headroom.api.v1alpha1.Threshold;
import dev.headroom.api.v1alpha1.ThresholdResult;
import dev.headroom.plan.Durations;
import java.util.Map;
import java.util.Optional;

/**
 * Checks one threshold against what was measured. A latency passes when the merged figure, as
 * shown with three significant digits, is at most {@code max}; {@code errorRate} when the failed
 * share is at most {@code max} (a percentage or a fraction); {@code rps} when the achieved rate is
 * at least {@code min}.
 *
 * <p>Validation rejects unknown metrics, unknown request names and malformed limits before a run;
 * should one get here anyway, the threshold fails without an actual value instead of throwing. So
 * does a threshold over a slice that saw no traffic: nothing shows the gate was met.
 */
public final class ThresholdEvaluator {

  private ThresholdEvaluator() {}

  /**
   * @param total the whole measured run
   * @param byRequest the same per request name, for thresholds with {@code request}
   */
  public static ThresholdResult evaluate(
      Threshold threshold, Measured total, Map<String, Measured> byRequest) {
    return evaluate(threshold, total, byRequest, Map.of());
  }

  /**
   * @param byScenario per scenario, its journeys as measured (started as requests, failed as
   *     errors, completed durations as latencies), for thresholds with {@code scenario}
   */
  public static ThresholdResult evaluate(
      Threshold threshold, Measured total, Map<String, Measured> byRequest, Map<String, Measured> byScenario) {
    Optional<Metric> metric = Metric.named(threshold.metric());
    String limit = metric.map(m -> m.isFloor() ? threshold.min() : threshold.max()).orElse(null);
    Measured scope = threshold.scenario() != null ? byScenario.get(threshold.scenario())
        : threshold.request() == null ? total : byRequest.get(threshold.request());
    if (metric.isEmpty() || scope == null || limit == null) {
      return result(threshold, limit, null, false);
    }
    try {
      return evaluate(threshold, metric.get(), limit, scope);
    } catch (IllegalArgumentException malformedLimit) {
      return result(threshold, limit, null, false);
    }
  }

  private static ThresholdResult evaluate(
      Threshold threshold, Metric metric, String limit, Measured scope) {
    if (metric == Metric.RPS) {
      double min = Double.parseDouble(limit.trim());
      double rps = scope.rps();
      return result(threshold, limit, Rates.text(rps), scope.requests() > 0 && rps >= min);
    }
    if (metric == Metric.ERROR_RATE) {
      double max = Percent.parse(limit);
      if (scope.requests() == 0) {
        return result(threshold, limit, null, false);
      }
      return result(
          threshold, limit, Percent.format(scope.errorRate()), scope.errorRate() <= max);
    }
    long maxNanos = Durations.parse(limit).toNanos();
    if (scope.latency().getTotalCount() == 0) {
      return result(threshold, limit, null, false);
    }
    // Judge the figure as shown, three significant digits: the histogram resolves no finer, and
    // "p99 500ms > 500ms" would be a verdict no reader could check.
    String actual = Durations.formatMicros(metric.micros(scope.latency()));
    return result(threshold, limit, actual, Durations.parse(actual).toNanos() <= maxNanos);
  }

  private static ThresholdResult result(
      Threshold t, String limit, String actual, boolean passed) {
    return new ThresholdResult(t.metric(), t.request(), limit, actual, passed, t.scenario());
  }
}
