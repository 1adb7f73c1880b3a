package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
