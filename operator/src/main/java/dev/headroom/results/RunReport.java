package dev.headroom.results;

import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.RequestResult;
import dev.headroom.api.v1alpha1.ScenarioResult;
import dev.headroom.api.v1alpha1.StageResult;
import dev.headroom.api.v1alpha1.Summary;
import dev.headroom.api.v1alpha1.ThresholdResult;
import dev.headroom.api.v1alpha1.Verdict;
import java.util.List;

/**
 * The final results of a run, in the form the status carries them.
 *
 * @param stages the stages that ran, by index
 * @param requests every request name of the plan (in plan order), then any other that was seen;
 *     with scenarios, every request step
 * @param scenarios every scenario of the plan, in plan order; empty for a plan of requests
 * @param thresholds the spec's thresholds in spec order, evaluated
 * @param verdict Fail when any threshold failed
 * @param message one line, such as {@code 1000 rps for 2m: p99 41.2ms, 0.02% errors, all 3
 *     thresholds met}
 * @param saturation how often the generator was the limit, for a {@code GeneratorSaturated}
 *     condition
 * @param trend the first and last hour (or tenth) compared, for a run long enough; null otherwise
 */
public record RunReport(
    Summary summary,
    List<StageResult> stages,
    List<RequestResult> requests,
    List<ScenarioResult> scenarios,
    List<ThresholdResult> thresholds,
    Verdict verdict,
    String message,
    GeneratorSaturation saturation,
    Trend trend) {

  /** The same report without a trend: a capacity search's steps change the rate on purpose. */
  public RunReport withoutTrend() {
    return new RunReport(summary, stages, requests, scenarios, thresholds, verdict, message, saturation, null);
  }

  /**
   * Writes the results into a status: summary, stages, requests, thresholds, verdict, message and
   * trend.
   * Phase, times, workers and conditions stay the caller's.
   */
  public void applyTo(LoadTestStatus status) {
    status.setSummary(summary);
    status.setStages(stages);
    status.setRequests(requests);
    status.setScenarios(scenarios.isEmpty() ? null : scenarios);
    status.setThresholds(thresholds);
    status.setVerdict(verdict);
    status.setMessage(message);
    status.setTrend(trend == null ? null : trend.result());
  }
}
