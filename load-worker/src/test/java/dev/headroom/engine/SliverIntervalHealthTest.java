package dev.headroom.engine;

import static dev.headroom.testing.Plans.get;
import static dev.headroom.testing.Plans.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.ExecutionPlan;
import dev.headroom.report.IntervalReport;
import dev.headroom.testing.DemoTargetExtension;
import dev.headroom.testing.Plans;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stage boundary a few milliseconds after an interval starts leaves a sliver of an interval, as
 * every capacity step does. Its CPU figure must describe the lane, not the instant it closed in:
 * a sliver once read as a busy core and marked the generator saturated at light load.
 */
class SliverIntervalHealthTest {

  @RegisterExtension static final DemoTargetExtension TARGET = DemoTargetExtension.fast(100);

  @Test
  void aSliverOfAnIntervalAtLightLoadIsNeitherBusyNorSaturated() {
    ExecutionPlan plan = Plans.open(TARGET.url(), 16, "2s", List.of(get("r", "/", 1)),
        rate("2.003s", 100), rate("1.002s", 100), rate("1s", 100));

    List<List<IntervalReport>> runs = WorkerRuns.run(TARGET.vertx(), plan, 1, Duration.ofSeconds(20));

    List<IntervalReport> intervals = runs.get(0);
    assertTrue(intervals.stream().anyMatch(r -> r.endMs() - r.startMs() <= 5), "the plan has slivers: " + intervals);
    assertEquals(401, WorkerRuns.Totals.of(runs, null).count, "every request answered");
    for (IntervalReport r : intervals) {
      assertTrue(r.generator().cpu() < 0.25, "100 requests/s keep a lane far from busy, interval " + r.seq()
          + " (" + (r.endMs() - r.startMs()) + " ms): " + r.generator());
    }
  }
}
