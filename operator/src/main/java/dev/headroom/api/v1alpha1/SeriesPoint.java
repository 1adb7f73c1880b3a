package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.headroom.report.SlowRequest;
import java.util.List;

/**
 * Requests and errors of one stretch of a run (an interval, or adjacent ones merged in a long run),
 * all workers together: what a report draws throughput and errors over time from. Latencies are in
 * the interval log, line by line over the same stretches.
 *
 * @param startMs epoch milliseconds
 * @param endMs epoch milliseconds
 * @param slowest with trace context on, the stretch's slowest traced requests, slowest first
 * @param sendLagP99Us the generator's send-lag p99 in the stretch, the highest of any worker's
 *     interval; null when not known
 * @param saturated worker-intervals in the stretch whose generator was saturated; null when not known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeriesPoint(
    Long startMs, Long endMs, Long requests, Long errors,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SlowRequest> slowest, Long sendLagP99Us, Long saturated) {

  public SeriesPoint(Long startMs, Long endMs, Long requests, Long errors) {
    this(startMs, endMs, requests, errors, List.of(), null, null);
  }
}
