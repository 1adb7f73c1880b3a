package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A live view while a run is in progress.
 *
 * @param elapsed time since the run started, warmup included ({@code 45s})
 * @param rps achieved requests per second over the last few seconds
 * @param p99 99th percentile latency over the same seconds
 * @param errors failed requests since the run started, warmup included
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Progress(
    @JsonPropertyDescription("Time since the run started, warmup included, such as 45s.") String elapsed,
    @JsonPropertyDescription("Achieved requests per second over the last few seconds.") Double rps,
    @JsonPropertyDescription("99th percentile latency over the same seconds, such as 12.1ms.") String p99,
    @JsonPropertyDescription("Failed requests since the run started.") Long errors) {}
