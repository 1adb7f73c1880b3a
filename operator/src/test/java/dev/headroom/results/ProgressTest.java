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
}
