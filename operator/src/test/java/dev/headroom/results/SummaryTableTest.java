package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.CapacityResult;
import dev.headroom.api.v1alpha1.CapacityStep;
import dev.headroom.api.v1alpha1.Threshold;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

  @Test
  void rowsPerRequestAndTotalThenEachThresholdJudged() {
    SyntheticRun run = new SyntheticRun(5, 2, 0, List.of(10), 500);
    RunResults results = run.feed(new RunResults(List.of(new PlannedStage(10_000_000_000L, 1000.0)), SyntheticRun.NAMES));
    RunReport report =
        results.report(
            List.of(new Threshold("p99", null, "5s", null), new Threshold("p50", "order", "1ms", null)));

    String table = SummaryTable.render(report);
    List<String> lines = table.lines().toList();

    assertEquals(List.of("request", "requests", "errors", "rps", "p50", "p90", "p99", "max"),
        List.of(lines.get(0).trim().split(" +")));
    String total = lines.get(3);
    assertTrue(total.startsWith("total "), table);
    assertTrue(total.contains(" " + run.requests + " ") && total.contains(" " + run.errors + " "), table);
    assertTrue(total.contains(" " + report.summary().latency().p99() + " "), table);
    assertTrue(lines.get(1).startsWith("browse ") && lines.get(2).startsWith("order "), table);
    assertEquals(1, lines.subList(0, 4).stream().map(String::length).distinct().count(), "aligned:\n" + table);
    assertTrue(table.contains("  PASS  p99 "), table);
    assertTrue(table.contains("  FAIL  order p50 "), table);
  }

  @Test
  void aCapacitySearchAddsARowPerStepWithItsVerdictAndNoteReadingLeftToRight() {
    SyntheticRun run = new SyntheticRun(5, 2, 0, List.of(10), 500);
    RunReport report = run.feed(new RunResults(List.of(new PlannedStage(10_000_000_000L, 1000.0)), SyntheticRun.NAMES))
        .report(List.of());
    CapacityResult capacity = new CapacityResult(800.0, 1600.0, "p99", null, List.of(
        new CapacityStep(0, 800.0, 800.0, 2400L, "0%", "10.3ms", "13.1ms", null, true, null, null),
        new CapacityStep(1, 1600.0, 1600.0, 1600L, "0%", "910ms", "1.2s", null, false, "p99",
            "ended early: median 910ms is over the SLO"),
        CapacityStep.running(2, 1131)));

    List<String> lines = SummaryTable.render(report, capacity).lines().toList();
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("step ")).findFirst().orElseThrow());
    assertEquals(List.of("step", "asked", "rps", "requests", "errors", "p50", "p99", "slo"),
        List.of(lines.get(header).trim().split("\\s+")));
    String passed = lines.get(header + 1);
    String failed = lines.get(header + 2);
    assertTrue(passed.startsWith("1 ") && passed.endsWith("13.1ms  PASS"), passed);
    assertTrue(failed.contains("1.2s  FAIL p99  ended early: median 910ms is over the SLO"), failed);
    assertEquals(passed.indexOf("PASS"), failed.indexOf("FAIL"), "verdicts start in one column:\n" + lines);
    assertTrue(lines.get(header + 3).startsWith("3 ") && lines.get(header + 3).trim().endsWith("-"),
        "the step in progress has no verdict: " + lines.get(header + 3));
  }

  @Test
  void aCapacitySearchOfJourneysHeadsItsStepRatesInJourneys() {
    CapacityResult capacity = new CapacityResult(497.0, 519.0, "p95 of shop journeys", null, List.of(
        new CapacityStep(0, 497.0, 497.0, 1988L, "0%", "10.3ms", "15.8ms", null, true, null, null)));

    List<String> lines = SummaryTable.render(ShopJourneys.tenSeconds().report(List.of()), capacity).lines().toList();
    String header = lines.stream().filter(l -> l.startsWith("step ")).findFirst().orElseThrow();
    assertEquals(List.of("step", "asked", "journeys/s", "journeys/s", "requests", "errors", "request", "p50", "request",
        "p99", "slo"), List.of(header.trim().split("\\s+")));
  }

  @Test
  void scenariosHaveARowEachWithTheirRateInJourneys() {
    RunReport report = ShopJourneys.tenSeconds().report(List.of());

    List<String> lines = SummaryTable.render(report).lines().toList();
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("scenario ")).findFirst().orElseThrow());
    assertEquals(List.of("scenario", "journeys", "failed", "journeys/s", "p50", "p90", "p99", "max", "failed", "by",
        "kind"),
        List.of(lines.get(header).trim().split("\\s+")));
    assertEquals(List.of("shop", "400", "0", "40.0", "300ms", "300ms", "300ms", "300ms"),
        List.of(lines.get(header + 1).trim().split("\\s+")));
  }
}
