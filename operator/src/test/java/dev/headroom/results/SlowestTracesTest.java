package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.api.v1alpha1.SeriesPoint;
import dev.headroom.api.v1alpha1.SlowTrace;
import dev.headroom.report.GeneratorHealth;
import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.RequestInterval;
import dev.headroom.report.SlowRequest;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Workers' slowest traced requests and send lags, merged: per interval the three slowest of all
 * workers, through coarsening and a checkpoint, and the run's slowest dated by their interval.
 */
class SlowestTracesTest {

  private static final List<PlannedStage> STAGES = List.of(new PlannedStage(600_000_000_000L, 10.0, 10.0));

  private static SlowRequest slow(String id, long micros) {
    return new SlowRequest(id.repeat(32).substring(0, 32), "browse", micros, 200);
  }

  private static IntervalReport interval(long seq, long lagP99Us, boolean saturated, SlowRequest... slowest) {
    Histogram h = HistogramCodec.newHistogram();
    h.recordValueWithCount(1_000, 10);
    long start = SyntheticRun.START_MS + seq * 1000;
    return new IntervalReport(seq, 0, start, start + 1000,
        Map.of("browse", new RequestInterval(10, Map.of(), 0, HistogramCodec.encode(h))),
        new GeneratorHealth(lagP99Us, lagP99Us, 0.2, 0, saturated, null), List.of(slowest));
  }

  private static RunResults twoWorkers() {
    RunResults r = new RunResults(STAGES, List.of("browse"));
    r.add(0, interval(0, 300, false, slow("a", 9_000), slow("b", 8_000), slow("c", 1_000)));
    r.add(1, interval(0, 7_000, true, slow("d", 8_500), slow("e", 500)));
    r.add(0, interval(1, 200, false, slow("f", 20_000)));
    r.add(1, interval(1, 100, false));
    return r;
  }

  @Test
  void eachIntervalKeepsTheThreeSlowestOfAllWorkersWithTheWorstLag() {
    List<SeriesPoint> series = twoWorkers().series();
    assertEquals(2, series.size());
    assertEquals(List.of(9_000L, 8_500L, 8_000L), series.get(0).slowest().stream().map(SlowRequest::latencyUs).toList());
    assertEquals(7_000L, series.get(0).sendLagP99Us(), "the worst worker's lag");
    assertEquals(1L, series.get(0).saturated());
    assertEquals(List.of(20_000L), series.get(1).slowest().stream().map(SlowRequest::latencyUs).toList());
    assertEquals(0L, series.get(1).saturated());
  }

  @Test
  void theRunsSlowestAreDatedByTheirIntervalAndSlowestFirst() {
    List<SlowTrace> slowest = twoWorkers().slowestTraces(2);
    assertEquals(List.of("ffffffffffffffffffffffffffffffff", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        slowest.stream().map(SlowTrace::traceId).toList());
    assertEquals(List.of("20ms", "9ms"), slowest.stream().map(SlowTrace::latency).toList());
    assertEquals(java.time.Instant.ofEpochMilli(SyntheticRun.START_MS + 1000).toString(), slowest.get(0).interval());
  }

  @Test
  void coarseningAndACheckpointKeepThemExactly() throws Exception {
    RunResults r = twoWorkers();
    ObjectMapper json = new ObjectMapper();
    ResultsCheckpoint c = json.readValue(json.writeValueAsString(r.checkpoint(900_000)), ResultsCheckpoint.class);
    RunResults restored = RunResults.restore(STAGES, List.of("browse"), List.of(), c);
    assertEquals(r.series(), restored.series());

    // A budget too small for anything coarsens the series to one slot: the three slowest of both, the worst lag.
    ResultsCheckpoint tight = r.checkpoint(1);
    assertEquals(1, tight.series().size());
    assertEquals(List.of(20_000L, 9_000L, 8_500L), tight.series().get(0).slowest().stream().map(SlowRequest::latencyUs).toList());
    assertEquals(7_000L, tight.series().get(0).sendLagP99Us());
    assertEquals(1L, tight.series().get(0).saturated());
  }
}
