package dev.headroom.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of {@code GET /intervals?after=seq&ack=seq}: every finished interval kept after {@code
 * after}, in order. Intervals up to {@code acked} were acknowledged and dropped: a collector that
 * asks for less than that must have them recorded already, or they are lost to it.
 *
 * @param worker this worker's index
 * @param workers how many workers share the plan
 * @param state {@code ready} (plan loaded), {@code running}, or {@code finished} (every interval
 *     of the run is closed and served here: nothing more will come)
 * @param intervals finished intervals with {@code seq > after}, none at or below {@code acked}
 * @param acked the highest seq acknowledged so far, -1 when none; absent (null) from a worker
 *     that predates acknowledgements, which drops nothing
 * @param transportProblem why the worker runs on NIO instead of native epoll (as {@code GET /ready}
 *     says); absent when native. Here too so that the collector, which never asks {@code /ready}
 *     once the run has started, can say it in the run's status.
 */
public record IntervalBatch(int worker, int workers, String state, List<IntervalReport> intervals, Long acked,
    @JsonInclude(JsonInclude.Include.NON_NULL) String transportProblem) {

  /** A batch from a worker that has dropped nothing. */
  public IntervalBatch(int worker, int workers, String state, List<IntervalReport> intervals) {
    this(worker, workers, state, intervals, -1L, null);
  }

  public IntervalBatch(int worker, int workers, String state, List<IntervalReport> intervals, Long acked) {
    this(worker, workers, state, intervals, acked, null);
  }

  public IntervalBatch withTransportProblem(String problem) {
    return new IntervalBatch(worker, workers, state, intervals, acked, problem);
  }

  /** The highest seq the worker has dropped, -1 when none. */
  public long droppedUpTo() {
    return acked == null ? -1 : acked;
  }

  public boolean finished() {
    return "finished".equals(state);
  }
}
