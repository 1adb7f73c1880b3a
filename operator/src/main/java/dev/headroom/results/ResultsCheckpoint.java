package dev.headroom.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.headroom.report.SlowRequest;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link RunResults} holds, written down so that an operator that restarts (or a new
 * leader) can carry on from it: merging what the workers send after each one's {@code lastSeq}
 * ends with the same totals as a run never interrupted. Its size does not grow with the run's
 * length: tallies are one histogram each, and the series is coarsened to fit a budget.
 *
 * <p>Histograms are in {@code HistogramCodec} form (compressed, base64).
 *
 * @param lastSeq per worker, the last interval merged
 * @param lastEndMs per worker, when that interval ended (where a lost worker stopped)
 * @param stages tallies by stage index (capacity steps are stages)
 * @param seriesWidth interval numbers a series slot covers
 * @param series the time series' slots, in time order
 * @param firstStartMs the start of the first interval, warmup included (elapsed time)
 * @param allErrors errors so far, warmup included (live figures)
 * @param sendLag the measured intervals' merged send lags, null when none
 * @param scenarios per scenario, its journeys as a tally (journeys started as requests, failed as
 *     errors, completed durations as latencies); empty for a plan of requests
 * @param stageJourneys per stage index, journeys started; empty for a plan of requests
 */
public record ResultsCheckpoint(
    Map<Integer, Long> lastSeq,
    Map<Integer, Long> lastEndMs,
    TallyState total,
    Map<Integer, TallyState> stages,
    Map<String, TallyState> requests,
    long seriesWidth,
    List<SlotState> series,
    long firstStartMs,
    long allErrors,
    long workerIntervals,
    long saturatedIntervals,
    String sendLag,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, TallyState> scenarios,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<Integer, Long> stageJourneys) {

  public ResultsCheckpoint {
    scenarios = scenarios == null ? Map.of() : scenarios;
    stageJourneys = stageJourneys == null ? Map.of() : stageJourneys;
  }

  /** A {@code Tally}: counts, errors by kind, the span it covers, and its merged latencies. */
  public record TallyState(long requests, long errors, Map<String, Long> errorsByKind, long firstStartMs,
      long lastEndMs, String latency) {}

  /** A series slot: its key ({@code seq / seriesWidth}), span, counts and merged latencies. */
  public record SlotState(long key, long startMs, long endMs, long requests, long errors, String latency,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SlowRequest> slowest, long sendLagP99Us, long saturated) {

    public SlotState {
      slowest = slowest == null ? List.of() : List.copyOf(slowest);
    }
  }
}
