package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTestStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A long run's report compares its first and last tenth from the merged time series. */
class RunTrendTest {

  private static RunResults steadyRun(int seconds, long lastMinuteMicros) {
    RunResults results = new RunResults(List.of(new PlannedStage(seconds * 1_000_000_000L, 100.0)), List.of("home"));
    for (int w = 0; w < 2; w++) {
      for (long seq = 0; seq < seconds; seq++) {
        long micros = seq >= seconds - seconds / 10 ? lastMinuteMicros : 5_000 + (seq % 7) * 100;
        results.add(w, Reports.report(seq, 0, false, Map.of("home",
            Reports.mixed(50, Map.of(), 2_000, 5, micros))));
      }
    }
    return results;
  }

  @Test
  void aTargetThatSlowsDownInTheLastTenthIsReportedAsDrift() {
    RunReport report = steadyRun(20 * 60, 50_000).report(List.of());

    assertTrue(report.trend().drift(), report.trend().line());
    assertTrue(report.message().endsWith("; " + report.trend().line()), report.message());
    assertTrue(report.trend().line().startsWith("p99 drifted from"), report.trend().line());
    LoadTestStatus status = new LoadTestStatus();
    report.applyTo(status);
    assertEquals("2m", status.getTrend().window());
    Condition drifted = RunConditions.of(report, "now", 1L).stream()
        .filter(c -> c.getType().equals("Drifted")).findFirst().orElseThrow();
    assertEquals("True", drifted.getStatus());
    assertEquals("Degraded", drifted.getReason());
  }

  @Test
  void aSteadyTargetHasATrendWithoutDrift() {
    RunReport report = steadyRun(20 * 60, 5_300).report(List.of());

    assertFalse(report.trend().drift(), report.trend().line());
    assertFalse(report.message().contains("drift"), report.message());
    assertTrue(RunConditions.of(report, "now", 1L).stream()
        .anyMatch(c -> c.getType().equals("Drifted") && c.getStatus().equals("False")));
  }

  @Test
  void aShortRunHasNoTrend() {
    RunReport report = steadyRun(5 * 60, 50_000).report(List.of());

    assertNull(report.trend());
    LoadTestStatus status = new LoadTestStatus();
    report.applyTo(status);
    assertNull(status.getTrend());
    assertTrue(RunConditions.of(report, "now", 1L).stream().noneMatch(c -> c.getType().equals("Drifted")));
  }
}
