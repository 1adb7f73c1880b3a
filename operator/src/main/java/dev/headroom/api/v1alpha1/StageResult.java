package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

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
    Integer index, Double targetRps, Double rps, Long requests, Long errors, Latency latency) {}
