package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.Progress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private final RunResults results =
      new RunResults(List.of(new PlannedStage(60_000_000_000L, 200.0)), List.of("browse"));

  /** Worker 0's interval {@code seq}: 100 + seq requests, one error, all at {@code micros}. */
  private void add(int worker, long seq, int stage, long micros) {
    results.add(worker, Reports.report(seq, stage, "browse", 100 + seq, Map.of("timeout", 1L), micros, 99 + seq));
  }

  @Test
  void nothingBeforeTheFirstInterval() {
    assertTrue(results.progress().isEmpty());
  }

  @Test
  void liveFiguresCoverTheLastSettledIntervals() {
    for (long seq = 0; seq < 10; seq++) {
      add(0, seq, seq < 2 ? -1 : 0, seq >= 5 ? 20_000 : 1_000);
    }
    for (long seq = 0; seq < 9; seq++) {
      add(1, seq, seq < 2 ? -1 : 0, seq >= 5 ? 20_000 : 1_000);
    }

    // Worker 1 has not been pulled for seq 9 yet: seqs 4..8 are the window, not 5..9.
    Progress p = results.progress(5).orElseThrow();
    double rps = 2 * (104 + 105 + 106 + 107 + 108) / 5.0;
    assertEquals(new Progress("9s", rps, "20ms", 18L), p);
  }

  @Test
  void aWorkerFarBehindNoLongerHoldsProgressBack() {
    for (long seq = 0; seq < 20; seq++) {
      add(0, seq, 0, 1_000);
    }
    add(1, 0, 0, 1_000);

    assertEquals("20s", results.progress().orElseThrow().elapsed());
  }

  @Test
  void theLastIntervalIsTheNewestSettledOneWithTheRateTheRampAskedForThen() {
    // A ramp from 0 to 100 rps over 20 s: during its tenth second it asks for 47.5 rps.
    RunResults ramp = new RunResults(List.of(new PlannedStage(20_000_000_000L, 0.0, 100.0)), List.of("browse"));
    for (long seq = 0; seq < 10; seq++) {
      ramp.add(0, Reports.report(seq, 0, "browse", 40 + seq, Map.of("timeout", 1L), 2_000 * (seq + 1), 39 + seq));
    }
    ramp.add(1, Reports.report(0, 0, "browse", 10, Map.of(), 1_000, 10)); // far behind: not waited for

    RunResults.LastInterval last = ramp.lastInterval().orElseThrow();
    assertEquals(49, last.requests());
    assertEquals(0, last.journeys(), "a plan of requests starts no journeys");
    assertEquals(1000, last.millis());
    assertEquals(47.5, last.targetRps(), 1e-9);
    assertEquals(20_000, last.latency().getValueAtPercentile(50), 20);
  }

  @Test
  void requestTotalsLeaveWarmupOutAsTheSummaryDoes() {
    add(0, 0, -1, 1_000);
    add(0, 1, 0, 1_000);
    add(0, 2, 0, 1_000);

    RunResults.RequestTotals browse = results.requestTotals().get("browse");
    assertEquals(101 + 102, browse.requests());
    assertEquals(Map.of("timeout", 2L), browse.errorsByKind());
    assertEquals(browse.requests(), results.report(List.of()).summary().requests());
  }
}
