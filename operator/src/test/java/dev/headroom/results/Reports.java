package dev.headroom.results;

import dev.headroom.report.GeneratorHealth;
import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.RequestInterval;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Hand-made intervals with exact contents, one second each from {@link SyntheticRun#START_MS}. */
final class Reports {

  private Reports() {}

  /**
   * One request name's interval: {@code count} requests of which {@code errors} failed, with
   * {@code latencyCount} responses at {@code micros}.
   */
  static IntervalReport report(
      long seq, int stage, String name, long count, Map<String, Long> errors, long micros, long latencyCount) {
    Histogram h = HistogramCodec.newHistogram();
    if (latencyCount > 0) {
      h.recordValueWithCount(micros, latencyCount);
    }
    return report(seq, stage, false, Map.of(name, new RequestInterval(count, errors, 0, HistogramCodec.encode(h))));
  }

  static IntervalReport report(
      long seq, int stage, boolean saturated, Map<String, RequestInterval> requests) {
    long start = SyntheticRun.START_MS + seq * 1000;
    GeneratorHealth health = new GeneratorHealth(0, 0, saturated ? 0.99 : 0.2, 0, saturated, null);
    return new IntervalReport(seq, stage, start, start + 1000, requests, health);
  }

  /** An interval whose responses are all at {@code fastMicros} but {@code slow} at {@code slowMicros}. */
  static RequestInterval mixed(long count, Map<String, Long> errors, long fastMicros, long slow, long slowMicros) {
    Histogram h = HistogramCodec.newHistogram();
    h.recordValueWithCount(fastMicros, count - slow);
    if (slow > 0) {
      h.recordValueWithCount(slowMicros, slow);
    }
    return new RequestInterval(count, errors, 0, HistogramCodec.encode(h));
  }
}
