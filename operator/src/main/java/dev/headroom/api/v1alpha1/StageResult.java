package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One stage of {@code load.stages}, all requests together.
 *
 * @param index position in {@code load.stages}
 * @param targetRps the stage's target rate (for a ramp, the mean of {@code rate} and
 *     {@code rampTo}); absent for the Closed model, and for scenarios, whose rates count journeys
 * @param targetJourneysPerSecond with scenarios, what {@code targetRps} is for requests
 * @param journeysPerSecond with scenarios, achieved: the stage's journeys started over its measured
 *     time
 * @param rps achieved: the stage's requests over its measured time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageResult(
    @JsonPropertyDescription("Position in spec.load.stages.") Integer index,
    @JsonPropertyDescription("Target rate of requests (for a ramp, the mean of rate and rampTo); absent for the Closed"
        + " model and for scenarios, whose rates count journeys (targetJourneysPerSecond).")
    Double targetRps,
    @JsonPropertyDescription("With scenarios: the target rate in journeys per second (for a ramp, the mean of rate and"
        + " rampTo); absent for the Closed model.")
    Double targetJourneysPerSecond,
    @JsonPropertyDescription("With scenarios, achieved: the stage's journeys started over its measured time.")
    Double journeysPerSecond,
    @JsonPropertyDescription("Achieved: the stage's requests over its measured time.") Double rps,
    Long requests,
    Long errors,
    Latency latency) {

  /** A stage of requests: no journeys. */
  public StageResult(Integer index, Double targetRps, Double rps, Long requests, Long errors, Latency latency) {
    this(index, targetRps, null, null, rps, requests, errors, latency);
  }
}
