package dev.headroom.results;

import dev.headroom.api.v1alpha1.ThresholdResult;

/**
 * An evaluated threshold in words, the same in the status message and the terminal table:
 * {@code p99 41.2ms <= 500ms}, {@code order p95 900ms > 800ms}, {@code rps 850 < 900}, {@code shop
 * journeys p99 1.2s <= 2s}.
 */
final class ThresholdText {

  private ThresholdText() {}

  static String of(ThresholdResult r) {
    String subject = (r.scenario() != null ? r.scenario() + " journeys "
        : r.request() == null ? "" : r.request() + " ") + r.metric();
    if (r.actual() == null) {
      return subject + " not measured" + (r.limit() == null ? "" : " (limit " + r.limit() + ")");
    }
    boolean floor = Metric.named(r.metric()).map(Metric::isFloor).orElse(false);
    boolean passed = Boolean.TRUE.equals(r.passed());
    String op = floor ? (passed ? ">=" : "<") : (passed ? "<=" : ">");
    return subject + " " + r.actual() + " " + op + " " + r.limit();
  }
}
