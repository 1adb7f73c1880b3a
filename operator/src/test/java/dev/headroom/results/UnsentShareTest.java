package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a lost worker did not send, in exact figures for stages whose integrals are whole. */
class UnsentShareTest {

  private static final long S = 1_000_000_000L;
  private static final long MS = 1000;

  @Test
  void aConstantStageLeavesItsRateTimesTheRestOverTheWorkers() {
    UnsentShare u = UnsentShare.of(List.of(new PlannedStage(60 * S, 100.0)), 2, 4, 15 * MS, 60 * MS);

    assertEquals(new UnsentShare(2, 15 * MS, 60 * MS, 1125.0, 6000.0), u);
    assertEquals("worker 2's share not sent for the last 45s: ~1.1k of 6k planned requests (18.75%)", u.text());
  }

  @Test
  void aRampIsIntegratedNotAveraged() {
    // 0 to 100 rps over 100 s: 5000 requests, 3750 of them in the second half.
    UnsentShare u = UnsentShare.of(List.of(new PlannedStage(100 * S, 0.0, 100.0)), 1, 2, 50 * MS, 100 * MS);

    assertEquals(1875.0, u.requests());
    assertEquals(5000.0, u.plannedRequests());
  }

  @Test
  void theRestOfItsStageAndEveryLaterOneCount() {
    // 30 s at 10 rps (300), then 60 s from 10 to 40 rps (1500); lost 20 s in: 100 + 1500 left.
    List<PlannedStage> stages = List.of(new PlannedStage(30 * S, 10.0), new PlannedStage(60 * S, 10.0, 40.0));
    UnsentShare u = UnsentShare.of(stages, 0, 4, 20 * MS, 90 * MS);

    assertEquals(400.0, u.requests());
    assertEquals(1800.0, u.plannedRequests());
    assertEquals("worker 0's share not sent for the last 1m10s: ~400 of 1.8k planned requests (22.22%)", u.text());
  }

  @Test
  void aWorkerLostBeforeTheStagesBeganSentNoneOfItsShare() {
    UnsentShare u = UnsentShare.of(List.of(new PlannedStage(3600 * S, 2000.0)), 3, 4, -5 * MS, 3600 * MS);

    assertEquals(0, u.fromMs(), "lost in the warmup");
    assertEquals(1_800_000.0, u.requests());
    assertEquals("worker 3's share not sent at all: ~1.8M of 7.2M planned requests (25%)", u.text());
  }

  @Test
  void aWorkerLostAfterTheEndLeftNothingUnsent() {
    UnsentShare u = UnsentShare.of(List.of(new PlannedStage(60 * S, 100.0)), 1, 2, 61 * MS, 61 * MS);

    assertEquals(0.0, u.requests());
    assertEquals("worker 1 was lost with none of its share left to send", u.text());
  }

  @Test
  void aRunCutShortCountsOnlyToWhereItGot() {
    UnsentShare u = UnsentShare.of(List.of(new PlannedStage(60 * S, 100.0)), 1, 2, 10 * MS, 30 * MS);

    assertEquals(1000.0, u.requests(), "20 s at 50 rps, not the 50 s to the plan's end");
    assertEquals(30 * MS, u.untilMs());
  }

  @Test
  void theClosedModelSaysForHowLongButNoRequestFigure() {
    UnsentShare u = UnsentShare.of(List.of(new PlannedStage(600 * S, null)), 1, 2, 120 * MS, 600 * MS);

    assertNull(u.requests());
    assertEquals("worker 1's share not sent for the last 8m", u.text());
  }

  @Test
  void countsReadAtAGlance() {
    assertEquals("950", UnsentShare.approx(950.4));
    assertEquals("1k", UnsentShare.approx(999.6));
    assertEquals("1.3k", UnsentShare.approx(1250));
    assertEquals("12k", UnsentShare.approx(12_345));
    assertEquals("8.6M", UnsentShare.approx(8_640_000));
    assertEquals("1.2G", UnsentShare.approx(1.2e9));
  }

  @Test
  void theResultsTimeTheLossFromTheFirstStagesStartPastTheWarmup() {
    RunResults results = new RunResults(List.of(new PlannedStage(10 * S, 100.0)), List.of("browse"));
    // Seq 0-1 are warmup; the stage runs seq 2-11. Worker 0 goes on to the end, worker 1 is lost
    // after seq 5: 4 of its 10 seconds sent.
    for (long seq = 0; seq < 12; seq++) {
      int stage = seq < 2 ? -1 : 0;
      results.add(0, Reports.report(seq, stage, "browse", 50, Map.of(), 1_000, 50));
      if (seq <= 5) {
        results.add(1, Reports.report(seq, stage, "browse", 50, Map.of(), 1_000, 50));
      }
    }

    assertEquals(new UnsentShare(1, 4 * MS, 10 * MS, 300.0, 1000.0), results.unsent(1, 2));
    assertEquals(new UnsentShare(0, 10 * MS, 10 * MS, 0.0, 1000.0), results.unsent(0, 2));
    assertEquals(0.0, new RunResults(List.of(new PlannedStage(10 * S, 100.0)), List.of("browse"))
        .unsent(1, 2).requests(), "a run whose stages never began had nothing of them to send");
  }
}
