package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A live view while a run is in progress.
 *
 * @param elapsed time since the run started, warmup included ({@code 45s})
 * @param rps achieved requests per second over the last few seconds
 * @param p99 99th percentile latency over the same seconds
 * @param errors failed requests since the run started, warmup included
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Progress(String elapsed, Double rps, String p99, Long errors) {}
