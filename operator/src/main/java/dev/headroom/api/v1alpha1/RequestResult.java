package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One request name of the mix over the whole measured run.
 *
 * @param rps achieved: this request's share of the measured requests over the measured time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestResult(String name, Long requests, Long errors, Double rps, Latency latency) {}
