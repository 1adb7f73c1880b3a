package dev.headroom.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.api.v1alpha1.CapacityStep;
import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.RequestInterval;
import dev.headroom.results.PlannedStage;
import dev.headroom.results.RunResults;
import dev.headroom.worker.WireJson;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** A checkpoint as the operator writes it to its ConfigMap reads back the same, to the last count. */
class SessionCheckpointTest {

  @Test
  void aCheckpointRoundTripsThroughItsJsonExactly() throws Exception {
    RunResults results = new RunResults(List.of(new PlannedStage(60_000_000_000L, 100.0)), List.of("home", "cart"));
    for (int w = 0; w < 2; w++) {
      for (long seq = 0; seq < 30; seq++) {
        Histogram h = HistogramCodec.newHistogram();
        h.recordValueWithCount(1_000 + seq * 37 + w, 40);
        h.recordValue(250_000);
        results.add(w, new IntervalReport(seq, seq < 3 ? -1 : 0, 1_000 * seq, 1_000 * seq + 1_000,
            Map.of("home", new RequestInterval(41, Map.of("status_503", seq % 3), 900, HistogramCodec.encode(h))),
            null));
      }
    }
    List<CapacityStep> steps = List.of(
        new CapacityStep(0, 800.0, 799.5, 2400L, "0%", "10.3ms", "13.1ms", null, true, null, null),
        CapacityStep.running(1, 1600.0));
    SessionCheckpoint written = new SessionCheckpoint(3, results.checkpoint(RunResults.CHECKPOINT_BUDGET), steps);

    SessionCheckpoint read = WireJson.MAPPER.readValue(WireJson.MAPPER.writeValueAsBytes(written), SessionCheckpoint.class);

    assertEquals(written, read);
    RunResults restored = RunResults.restore(List.of(new PlannedStage(60_000_000_000L, 100.0)),
        List.of("home", "cart"), List.of(), read.results());
    assertEquals(results.report(List.of()), restored.report(List.of()));
    assertEquals(results.intervalLog(), restored.intervalLog());
  }
}
