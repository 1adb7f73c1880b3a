package dev.headroom.report;

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
 */
public record IntervalBatch(int worker, int workers, String state, List<IntervalReport> intervals, Long acked) {

  /** A batch from a worker that has dropped nothing. */
  public IntervalBatch(int worker, int workers, String state, List<IntervalReport> intervals) {
    this(worker, workers, state, intervals, -1L);
  }

  /** The highest seq the worker has dropped, -1 when none. */
  public long droppedUpTo() {
    return acked == null ? -1 : acked;
  }

  public boolean finished() {
    return "finished".equals(state);
  }
}
