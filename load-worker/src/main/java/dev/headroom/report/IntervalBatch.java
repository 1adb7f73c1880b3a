package dev.headroom.report;

import java.util.List;

/**
 * The body of {@code GET /intervals?after=seq}: every finished interval after {@code seq}, in
 * order.
 *
 * @param worker this worker's index
 * @param workers how many workers share the plan
 * @param state {@code ready} (plan loaded), {@code running}, or {@code finished} (every interval
 *     of the run is closed and served here: nothing more will come)
 * @param intervals finished intervals with {@code seq > after}
 */
public record IntervalBatch(int worker, int workers, String state, List<IntervalReport> intervals) {

  public boolean finished() {
    return "finished".equals(state);
  }
}
