package dev.headroom.results;

import dev.headroom.api.v1alpha1.ThresholdResult;
import dev.headroom.plan.Durations;
import java.time.Duration;
import java.util.List;

/**
 * The one-line outcome of a run, such as
 * {@code 1000 rps for 2m: p99 41.2ms, 0.02% errors, all 3 thresholds met}, or for scenarios
 * {@code 40 journeys/s (100 rps) for 20s: request p99 68.5ms, 0% errors, all 3 thresholds met}:
 * their rates count journeys, and a journey's duration is not a request's latency.
 */
final class RunMessage {

  private RunMessage() {}

  /** @param journeysPerSecond journeys started per second, null for a plan of requests */
  static String of(Measured total, Double journeysPerSecond, List<ThresholdResult> thresholds,
      GeneratorSaturation saturation) {
    String rps = Rates.text(total.rps()) + " rps";
    StringBuilder line = new StringBuilder()
        .append(journeysPerSecond == null ? rps : Rates.text(journeysPerSecond) + " journeys/s (" + rps + ")")
        .append(" for ").append(span(total.millis())).append(": ");
    if (total.latency().getTotalCount() == 0) {
      line.append("no responses");
    } else {
      line.append(journeysPerSecond == null ? "p99 " : "request p99 ")
          .append(Latencies.text(Metric.P99, total.latency()));
    }
    line.append(", ").append(Percent.of(total.errors(), total.requests())).append(" errors, ");
    line.append(thresholds(thresholds));
    if (saturation.significant()) {
      line.append("; generator saturated in ")
          .append(Percent.format(saturation.fraction())).append(" of worker-intervals");
    }
    return line.toString();
  }

  /** A span to the second, as configured spans are written: {@code 2m30s}. */
  static String span(long millis) {
    return Durations.formatSpan(Duration.ofSeconds(Math.round(millis / 1000.0)));
  }

  private static String thresholds(List<ThresholdResult> results) {
    List<ThresholdResult> failed =
        results.stream().filter(r -> !Boolean.TRUE.equals(r.passed())).toList();
    int n = results.size();
    if (n == 0) {
      return "no thresholds";
    }
    if (failed.isEmpty()) {
      return n == 1 ? "1 threshold met" : "all " + n + " thresholds met";
    }
    List<String> which = failed.stream().map(ThresholdText::of).toList();
    return failed.size() + " of " + n + (n == 1 ? " threshold" : " thresholds") + " failed: "
        + String.join(", ", which);
  }
}
