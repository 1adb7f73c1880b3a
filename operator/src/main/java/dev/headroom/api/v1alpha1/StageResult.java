package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One stage of {@code load.stages}, all requests together.
 *
 * @param index position in {@code load.stages}
 * @param targetRps the stage's target rate (for a ramp, the mean of {@code rate} and
 *     {@code rampTo}); absent for the Closed model
 * @param rps achieved: the stage's requests over its measured time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageResult(
    @JsonPropertyDescription("Position in spec.load.stages.") Integer index,
    @JsonPropertyDescription("Target rate (for a ramp, the mean of rate and rampTo); absent for the Closed model.")
    Double targetRps,
    @JsonPropertyDescription("Achieved: the stage's requests over its measured time.") Double rps,
    Long requests,
    Long errors,
    Latency latency) {}
