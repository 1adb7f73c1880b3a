package dev.headroom.htmlreport;

import dev.headroom.api.v1alpha1.Latency;
import dev.headroom.api.v1alpha1.ScenarioResult;
import dev.headroom.results.FailureKinds;
import java.util.List;

/**
 * The Scenarios table of a run of scenarios, a row each: journeys started, completed, failed and
 * what ended them, journeys per second, and how long the completed ones took. Nothing for a run of
 * requests.
 */
final class ScenarioTable {

  private ScenarioTable() {}

  static String html(List<ScenarioResult> scenarios) {
    HtmlTable table = new HtmlTable("Scenarios", "scenario", "started", "completed", "failed", "failed by kind",
        "journeys/s", "p50", "p90", "p99", "max")
        .note("Journeys of each scenario; p50 to max are the durations of the completed ones, from arrival to the"
            + " last answer, think times included. Each step's own figures are under Requests.");
    for (ScenarioResult r : scenarios == null ? List.<ScenarioResult>of() : scenarios) {
      Latency d = r.duration();
      table.row(r.name(), r.started(), r.completed(), r.failed(), FailureKinds.text(r.failedByKind()), r.rps(),
          LatencyCell.of(d, Latency::p50), LatencyCell.of(d, Latency::p90), LatencyCell.of(d, Latency::p99),
          LatencyCell.of(d, Latency::max));
    }
    return table.html();
  }
}
