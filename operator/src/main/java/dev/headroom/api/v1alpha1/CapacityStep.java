package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * One step of a capacity search: a rate held for {@code stepDuration}, judged on the part after
 * {@code settle}. The step in progress has no {@code passed} yet.
 *
 * @param slo each SLO limit with what the step measured
 * @param limitedBy for a step that did not pass: the SLO metric furthest over its limit, or {@code
 *     generator} when the generator could not offer the rate
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapacityStep(
    @JsonPropertyDescription("The step's number, from 0.") Integer step,
    @JsonPropertyDescription("The rate asked for, requests (with spec.scenarios, journeys) per second.")
    Double targetRps,
    @JsonPropertyDescription("The rate achieved over the judged part, in the same unit.") Double rps,
    @JsonPropertyDescription("Requests in the judged part: the samples its verdict rests on.") Long requests,
    @JsonPropertyDescription("A percentage string such as \"0.5%\".") String errorRate,
    String p50,
    String p99,
    @JsonPropertyDescription("Each SLO limit with what this step measured.") List<ThresholdResult> slo,
    @JsonPropertyDescription("Whether the step met the SLO; absent while it runs.") Boolean passed,
    @JsonPropertyDescription("What broke: an SLO metric, or generator.") String limitedBy,
    @JsonPropertyDescription("Anything that qualifies the verdict: few samples, ended early.") String note) {

  /** The step in progress: its number and rate. */
  public static CapacityStep running(int step, double targetRps) {
    return new CapacityStep(step, targetRps, null, null, null, null, null, null, null, null, null);
  }

  public boolean judged() {
    return passed != null;
  }
}
