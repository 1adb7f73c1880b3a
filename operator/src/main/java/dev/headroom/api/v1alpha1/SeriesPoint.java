package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Requests and errors of one stretch of a run (an interval, or adjacent ones merged in a long run),
 * all workers together: what a report draws throughput and errors over time from. Latencies are in
 * the interval log, line by line over the same stretches.
 *
 * @param startMs epoch milliseconds
 * @param endMs epoch milliseconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeriesPoint(Long startMs, Long endMs, Long requests, Long errors) {}
