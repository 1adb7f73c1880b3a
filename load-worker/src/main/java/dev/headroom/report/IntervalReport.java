package dev.headroom.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One finished interval of one worker, as served by {@code GET /intervals}. Intervals are at most
 * one second long and never span two stages, so per-stage results are exact. A request belongs to
 * the interval of its intended send time; an interval is only served once every request in it has
 * completed or failed, so a served interval never changes.
 *
 * @param seq position in the run, from 0, without gaps; the warmup's intervals come first
 * @param stage index into {@code load.stages} (or the capacity step), -1 during warmup
 * @param startMs epoch milliseconds of the interval's start (intended-time clock)
 * @param endMs epoch milliseconds of its end
 * @param requests per request name; names with no traffic in the interval are absent
 * @param generator how the generator itself fared
 * @param slowest with trace context on, the interval's slowest sampled requests (at most {@link
 *     SlowRequest#PER_INTERVAL}), slowest first; empty otherwise
 * @param journeys per scenario name, the journeys that arrived in the interval; absent for a plan
 *     of independent requests and for scenarios with none
 */
public record IntervalReport(
    long seq,
    int stage,
    long startMs,
    long endMs,
    Map<String, RequestInterval> requests,
    GeneratorHealth generator,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SlowRequest> slowest,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, JourneyInterval> journeys) {

  /** An interval without traced requests. */
  public IntervalReport(
      long seq, int stage, long startMs, long endMs, Map<String, RequestInterval> requests, GeneratorHealth generator) {
    this(seq, stage, startMs, endMs, requests, generator, List.of(), Map.of());
  }

  /** An interval of independent requests. */
  public IntervalReport(long seq, int stage, long startMs, long endMs, Map<String, RequestInterval> requests,
      GeneratorHealth generator, List<SlowRequest> slowest) {
    this(seq, stage, startMs, endMs, requests, generator, slowest, Map.of());
  }

  public IntervalReport {
    slowest = slowest == null ? List.of() : List.copyOf(slowest);
    journeys = journeys == null ? Map.of() : journeys;
  }

  public boolean warmup() {
    return stage < 0;
  }
}
