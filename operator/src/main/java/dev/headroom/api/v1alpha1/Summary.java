package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The whole measured run (warmup excluded), all requests together.
 *
 * @param errorRate failed share of requests as a percentage string ({@code "0.02%"})
 * @param rps achieved: measured requests over the measured time
 * @param targetRps the time-weighted mean of the stages' target rates; absent for the Closed model
 * @param latency absent when no request got a response
 * @param errorsByKind failed requests per kind ({@code timeout}, {@code status_503}, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Summary(
    Long requests,
    Long errors,
    String errorRate,
    Double rps,
    Double targetRps,
    Latency latency,
    Map<String, Long> errorsByKind) {}
