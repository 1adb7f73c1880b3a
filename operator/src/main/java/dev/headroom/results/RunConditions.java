package dev.headroom.results;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.ArrayList;
import java.util.List;

/** The conditions a finished run's report implies: whether the gate held, and whether the generator did. */
public final class RunConditions {

  private RunConditions() {}

  public static List<Condition> of(RunReport report, String now, Long observedGeneration) {
    List<Condition> out = new ArrayList<>();
    if (report.thresholds() != null && !report.thresholds().isEmpty()) {
      long failed = report.thresholds().stream().filter(t -> !Boolean.TRUE.equals(t.passed())).count();
      out.add(condition("ThresholdsMet", failed == 0, failed == 0 ? "AllMet" : "Missed",
          failed == 0 ? "all " + report.thresholds().size() + " thresholds met"
              : failed + " of " + report.thresholds().size() + " thresholds missed", now, observedGeneration));
    }
    if (report.trend() != null) {
      Trend t = report.trend();
      out.add(condition("Drifted", t.drift(), t.drift() ? "Degraded" : "Steady", t.line(), now, observedGeneration));
    }
    GeneratorSaturation s = report.saturation();
    out.add(condition("GeneratorSaturated", s.significant(), s.significant() ? "Saturated" : "Healthy",
        s.describe(), now, observedGeneration));
    return out;
  }

  static Condition condition(String type, boolean status, String reason, String message, String now, Long generation) {
    return new ConditionBuilder().withType(type).withStatus(status ? "True" : "False").withReason(reason)
        .withMessage(message).withLastTransitionTime(now).withObservedGeneration(generation).build();
  }
}
