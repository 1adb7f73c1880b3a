package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.api.v1alpha1.Threshold;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.report.RequestInterval;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportMessageTest {

  private static final List<Threshold> GATES =
      List.of(
          new Threshold("p99", null, "500ms", null),
          new Threshold("errorRate", null, "1%", null),
          new Threshold("rps", null, null, "900"));

  /**
   * Two minutes at 1000 requests/s: 1.5% of responses at 41.2ms, the rest at 5ms, one error in
   * every fifth second (24 in all).
   */
  private static RunResults twoMinutes(int saturatedSeconds) {
    RunResults results =
        new RunResults(List.of(new PlannedStage(120_000_000_000L, 1000.0)), List.of("browse"));
    for (long seq = 0; seq < 120; seq++) {
      Map<String, Long> errors = seq % 5 == 0 ? Map.of("status_503", 1L) : Map.of();
      RequestInterval browse = Reports.mixed(1000, errors, 5_000, 15, 41_200);
      results.add(0, Reports.report(seq, 0, seq < saturatedSeconds, Map.of("browse", browse)));
    }
    return results;
  }

  @Test
  void aPassingRunSaysSoInOneLine() {
    RunReport report = twoMinutes(0).report(GATES);

    assertEquals("1000 rps for 2m: p99 41.2ms, 0.02% errors, all 3 thresholds met", report.message());
    assertEquals(Verdict.Pass, report.verdict());
  }

  @Test
  void aFailingRunNamesWhatFailed() {
    List<Threshold> strict =
        List.of(
            new Threshold("p99", null, "40ms", null),
            new Threshold("errorRate", null, "0.01%", null),
            new Threshold("p95", "browse", "800ms", null));

    RunReport report = twoMinutes(0).report(strict);

    assertEquals(
        "1000 rps for 2m: p99 41.2ms, 0.02% errors,"
            + " 2 of 3 thresholds failed: p99 41.2ms > 40ms, errorRate 0.02% > 0.01%",
        report.message());
    assertEquals(Verdict.Fail, report.verdict());
  }

  @Test
  void aSaturatedGeneratorIsCalledOut() {
    RunReport report = twoMinutes(12).report(List.of(GATES.get(0)));

    assertEquals(
        "1000 rps for 2m: p99 41.2ms, 0.02% errors, 1 threshold met;"
            + " generator saturated in 10% of worker-intervals",
        report.message());
  }

  @Test
  void aRunWithoutResponsesOrThresholds() {
    RunResults results = new RunResults(List.of(new PlannedStage(30_000_000_000L, 10.0)), List.of("browse"));
    for (long seq = 0; seq < 30; seq++) {
      results.add(0, Reports.report(seq, 0, "browse", 10, Map.of("connect", 10L), 0, 0));
    }

    RunReport report = results.report(null);
    assertEquals("10 rps for 30s: no responses, 100% errors, no thresholds", report.message());
    assertEquals(Verdict.Pass, report.verdict());
  }

  @Test
  void aRunOfScenariosCountsItsRateInJourneysAndSaysWhoseP99ItGives() {
    RunReport report = ShopJourneys.tenSeconds().report(List.of(new Threshold("p99", null, "1s", null, "shop")));

    assertEquals("40 journeys/s (80 rps) for 10s: request p99 5ms, 0% errors, 1 threshold met", report.message());
  }
}
