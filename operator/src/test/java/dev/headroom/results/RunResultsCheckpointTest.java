package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.RequestInterval;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Results written down mid-run and read back carry on as if nothing had happened. */
class RunResultsCheckpointTest {

  private static final List<PlannedStage> STAGES =
      List.of(new PlannedStage(10_000_000_000L, 550.0), new PlannedStage(20_000_000_000L, 1000.0));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SyntheticRun run = new SyntheticRun(42, 4, 3, List.of(10, 20), 300);

  @Test
  void aRestoredCheckpointFedTheRestEqualsARunNeverInterrupted() throws Exception {
    RunResults uninterrupted = run.feed(new RunResults(STAGES, SyntheticRun.NAMES));

    RunResults before = new RunResults(STAGES, SyntheticRun.NAMES);
    int[] cut = {7, 12, 0, 33}; // each worker recorded up to its own point
    for (int w = 0; w < cut.length; w++) {
      for (IntervalReport r : run.byWorker.get(w).subList(0, cut[w])) {
        before.add(w, r);
      }
    }
    String written = JSON.writeValueAsString(before.checkpoint(900_000));
    RunResults after = RunResults.restore(STAGES, SyntheticRun.NAMES, List.of(),
        JSON.readValue(written, ResultsCheckpoint.class));

    for (int w = 0; w < cut.length; w++) {
      assertEquals(cut[w] - 1, after.lastSeq(w), "worker " + w + "'s mark");
      // The workers still held some of what was recorded (acknowledged later): it counts once.
      for (IntervalReport r : run.byWorker.get(w)) {
        assertEquals(r.seq() >= cut[w], after.add(w, r), "worker " + w + " interval " + r.seq());
      }
    }
    assertEquals(uninterrupted.report(List.of()), after.report(List.of()));
    assertEquals(uninterrupted.intervalLog(), after.intervalLog());
    assertEquals(uninterrupted.saturation(), after.saturation());
    assertEquals(uninterrupted.total().latency(), after.total().latency());
  }

  @Test
  void aCheckpointOverItsBudgetCoarsensTheSeriesAndKeepsTheTotalsExact() throws Exception {
    RunResults results = run.feed(new RunResults(STAGES, SyntheticRun.NAMES));
    ResultsCheckpoint full = results.checkpoint(900_000);
    ResultsCheckpoint small = results.checkpoint(20_000);

    assertTrue(small.series().size() < full.series().size(), small.series().size() + " slots");
    assertTrue(small.seriesWidth() > 1);
    RunResults restored = RunResults.restore(STAGES, SyntheticRun.NAMES, List.of(),
        JSON.readValue(JSON.writeValueAsString(small), ResultsCheckpoint.class));
    assertEquals(results.report(List.of()), restored.report(List.of()));
    assertEquals(run.all, restored.total().latency());
  }

  /**
   * Hours of one-second intervals from 20 request names with wide latency spreads (the largest
   * histograms): slots held stay bounded after the series has been coarsened several times, and
   * the checkpoint stays under the ConfigMap limit.
   */
  @Test
  void aLongRunHoldsABoundedNumberOfSlotsAndACheckpointUnderTheConfigMapLimit() throws Exception {
    int seconds = 6_000;
    List<String> names = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "r" + i).toList();
    List<PlannedStage> stages = List.of(new PlannedStage(seconds * 1_000_000_000L, 1000.0));
    RunResults results = new RunResults(stages, names);
    Random random = new Random(5);
    Histogram reference = HistogramCodec.newHistogram();
    int maxHeld = 0;
    for (long seq = 0; seq < seconds; seq++) {
      Map<String, RequestInterval> byName = new java.util.LinkedHashMap<>();
      for (int n = (int) (seq % 4); n < 20; n += 4) { // five names a second keep the test quick
        Histogram h = HistogramCodec.newHistogram();
        for (int i = 0; i < 50; i++) {
          h.recordValue(1 + (long) Math.exp(random.nextDouble() * Math.log(5_000_000)));
        }
        reference.add(h);
        byName.put(names.get(n), new RequestInterval(50, Map.of(), 0, HistogramCodec.encode(h)));
      }
      assertTrue(results.add(0, Reports.report(seq, 0, false, byName)));
      maxHeld = Math.max(maxHeld, results.slotsHeld());
    }
    assertTrue(maxHeld <= RunResults.LOG_MAX_INTERVALS + RunResults.RECENT + 1, maxHeld + " slots held");
    byte[] written = JSON.writeValueAsBytes(results.checkpoint(RunResults.CHECKPOINT_BUDGET));
    assertTrue(written.length <= RunResults.CHECKPOINT_BUDGET, written.length + " bytes");
    RunResults restored = RunResults.restore(stages, names, List.of(),
        JSON.readValue(written, ResultsCheckpoint.class));
    assertEquals(reference, restored.total().latency());
    assertFalse(restored.add(0, Reports.report(seconds - 1, 0, false, Map.of())), "the mark came back too");
  }
}
