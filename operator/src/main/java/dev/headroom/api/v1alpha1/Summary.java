package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
    @JsonPropertyDescription("Failed share of requests, a percentage string such as \"0.02%\".") String errorRate,
    @JsonPropertyDescription("Achieved requests per second over the measured time.") Double rps,
    @JsonPropertyDescription("The stages' time-weighted target rate; absent for the Closed model.") Double targetRps,
    @JsonPropertyDescription(
        "Latencies from the merged histogram, measured from the intended send time: duration strings with"
            + " three significant digits (0.41ms, 41.2ms, 1.23s).")
    Latency latency,
    @JsonPropertyDescription("Failed requests per kind: timeout, status_503, connect, ...") Map<String, Long> errorsByKind) {}
